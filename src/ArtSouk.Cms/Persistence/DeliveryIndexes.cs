using System.Security.Cryptography;
using System.Text;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Persistence;

/// <summary>
/// Content types are data, so their filter indexes are too: on PostgreSQL every sortable field gets a partial
/// expression index per type in both directions, matching the ORDER BY the reader emits. Adding a sortable field
/// and restarting creates its index; nothing else needs a migration.
/// </summary>
internal static class DeliveryIndexes
{
    public static async Task EnsureAsync(CmsDbContext db, ContentTypeRegistry types, CancellationToken ct)
    {
        var dialect = new PostgresDialect();
        foreach (var type in types.All)
        {
            foreach (var field in type.Fields.Where(f => f.Sortable))
            {
                var expression = dialect.Field(field.Name, SqlDialect.TypeOf(field.Kind));
                foreach (var descending in new[] { false, true })
                {
                    var direction = descending ? "DESC" : "ASC";
                    var name = Name(type.Name, field.Name, direction);
                    // Names and fields are validated identifiers (schema patterns), so they are safe to inline.
#pragma warning disable EF1002
                    await db.Database.ExecuteSqlRawAsync(
                        $"CREATE INDEX IF NOT EXISTS {name} ON {dialect.Table} (locale, channel, {expression} {direction} NULLS LAST, entry_id {direction}) WHERE type = '{type.Name}'",
                        ct);
#pragma warning restore EF1002
                }
            }
        }
    }

    private static string Name(string type, string field, string direction)
    {
        var name = $"ix_delivery_{type.Replace('-', '_')}_{field.ToLowerInvariant()}_{direction.ToLowerInvariant()}";
        if (name.Length <= 63)
        {
            return name;
        }
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 4).ToLowerInvariant();
        return name[..54] + "_" + hash;
    }
}
