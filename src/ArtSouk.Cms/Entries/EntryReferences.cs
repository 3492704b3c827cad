using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Entries;

/// <summary>An entry that points at another one, named by its title so an editor can find it.</summary>
internal sealed record ReferencingEntry(Guid Id, string Type, string? Title);

/// <summary>
/// Which entries point at a given one. References live inside each entry's current version as id strings (in reference
/// fields and entry-list blocks), so this searches the current versions' JSON; it runs on deletes and on ownership
/// checks of one account, never on a Delivery read.
/// </summary>
internal static class EntryReferences
{
    public static async Task<List<Guid>> IdsReferencingAsync(CmsDbContext db, Guid target, CancellationToken ct)
    {
        var sql = db.IsPostgres()
            ? """SELECT e.id AS "Value" FROM cms.entries e JOIN cms.entry_versions v ON v.entry_id = e.id AND v.number = e.version WHERE e.deleted_at IS NULL AND strpos(v.fields::text, {0}) > 0"""
            : """SELECT e.id AS "Value" FROM entries e JOIN entry_versions v ON v.entry_id = e.id AND v.number = e.version WHERE e.deleted_at IS NULL AND instr(v.fields, {0}) > 0""";
        var ids = await db.Database.SqlQueryRaw<Guid>(sql, target.ToString()).ToListAsync(ct);
        return ids.Where(id => id != target).Distinct().ToList();
    }

    /// <summary>Entries whose current version refers to <paramref name="target"/>, with their titles in <paramref name="locale"/>.</summary>
    public static async Task<List<ReferencingEntry>> ReferencingAsync(CmsDbContext db, ContentTypeRegistry types, Guid target, string locale, CancellationToken ct)
    {
        var ids = await IdsReferencingAsync(db, target, ct);
        if (ids.Count == 0)
        {
            return [];
        }
        var rows = await db.DeliveryItems.AsNoTracking()
            .Where(d => ids.Contains(d.EntryId) && d.Channel == Channels.Draft && d.Locale == locale)
            .Select(d => new { d.EntryId, d.Type, d.Fields })
            .ToListAsync(ct);
        return rows.Select(r => new ReferencingEntry(r.EntryId, r.Type, TitleOf(types.Find(r.Type), r.Fields)))
            .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Title, StringComparer.Ordinal).ToList();
    }

    private static string? TitleOf(ContentType? type, string fields) =>
        type is not null && System.Text.Json.Nodes.JsonNode.Parse(fields)?[type.TitleField] is System.Text.Json.Nodes.JsonValue title
            && title.GetValueKind() == System.Text.Json.JsonValueKind.String ? title.GetValue<string>() : null;
}
