using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Media;

/// <summary>An entry whose working draft or live version shows an asset, and the fields that hold it.</summary>
internal sealed record MediaUse(string Type, Guid Id, string Slug, string? Title, IReadOnlyList<string> Fields, bool Live);

internal sealed record MediaUsagePage(IReadOnlyList<MediaUse> Items);

/// <summary>
/// Where an asset is used: <c>GET /api/v1/manage/media/{id}/usage</c>, and the check that keeps a used asset from being
/// deleted. The read model holds every entry's draft and live rows with media ids already expanded to media objects, so
/// one scan of its JSON text for the id (instr on SQLite, strpos on PostgreSQL) finds them all, blocks included, with no
/// reference table to keep in step; the rows found are then parsed to name the fields.
/// </summary>
internal static class MediaUsage
{
    public static async Task<Results<Ok<MediaUsagePage>, NotFoundProblem>> HandleAsync(
        Guid id, HttpContext http, CmsDbContext db, SqlDialect dialect, ContentTypeRegistry types, CancellationToken ct)
    {
        if (!await db.Media.AnyAsync(m => m.Id == id, ct))
        {
            return MediaApi.NoMedia(http, id);
        }
        return TypedResults.Ok(new MediaUsagePage(await FindAsync(db, dialect, types, id, Locales.FromRequest(http.Request), ct)));
    }

    /// <summary>The read-model rows (draft and live, every locale) that show <paramref name="id"/>, tracked for rewriting.</summary>
    public static async Task<List<DeliveryItem>> RowsAsync(CmsDbContext db, SqlDialect dialect, Guid id, CancellationToken ct)
    {
        var key = id.ToString();
        // Only the dialect's fixed table and expression are spliced in; the id travels as the parameter {0}.
        var sql = "SELECT * FROM " + dialect.Table + " WHERE " + dialect.FieldsMention("{0}");
        var rows = await db.DeliveryItems.FromSqlRaw(sql, key).ToListAsync(ct);
        // The text match is a sieve; a row counts only where a media object carries the id.
        return rows.Where(r => FieldsShowing(JsonNode.Parse(r.Fields) as JsonObject, key).Count > 0).ToList();
    }

    public static async Task<List<MediaUse>> FindAsync(CmsDbContext db, SqlDialect dialect, ContentTypeRegistry types, Guid id, string locale, CancellationToken ct)
    {
        var key = id.ToString();
        var rows = await RowsAsync(db, dialect, id, ct);
        var uses = new List<MediaUse>();
        foreach (var entry in rows.GroupBy(r => r.EntryId))
        {
            // The draft in the reader's locale names the entry as editors see it now.
            var named = entry.OrderBy(r => r.Channel == Channels.Draft ? 0 : 1).ThenBy(r => r.Locale == locale ? 0 : 1).First();
            var fields = entry.SelectMany(r => FieldsShowing(JsonNode.Parse(r.Fields) as JsonObject, key)).Distinct().Order(StringComparer.Ordinal).ToList();
            var titleField = types.Find(named.Type)?.TitleField;
            var title = titleField is not null && JsonNode.Parse(named.Fields)?[titleField] is JsonValue t && t.TryGetValue<string>(out var text) ? text : null;
            uses.Add(new MediaUse(named.Type, entry.Key, named.Slug, title, fields, entry.Any(r => r.Channel == Channels.Live)));
        }
        return uses.OrderBy(u => u.Type, StringComparer.Ordinal).ThenBy(u => u.Title ?? u.Slug, StringComparer.Ordinal).ToList();
    }

    /// <summary>Top-level fields of a flattened row whose value holds a media object for <paramref name="id"/>.</summary>
    public static List<string> FieldsShowing(JsonObject? fields, string id) =>
        fields is null ? [] : fields.Where(f => Shows(f.Value, id)).Select(f => f.Key).ToList();

    private static bool Shows(JsonNode? node, string id) => node switch
    {
        JsonObject o when DeliveredMedia.IsFor(o, id) => true,
        JsonObject o => o.Any(p => Shows(p.Value, id)),
        JsonArray a => a.Any(v => Shows(v, id)),
        _ => false,
    };
}
