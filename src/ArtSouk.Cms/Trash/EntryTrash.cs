using System.Text.Json.Nodes;
using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.Cms.Reading;
using ArtSouk.Cms.Slugs;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Trash;

/// <summary>
/// Deleting moves an entry to the trash: it leaves Delivery, routes and lists at once, keeps its versions, and comes
/// back as a draft on restore. Only emptying the trash (administrators) deletes for good. An entry others refer to is
/// never trashed, so nothing points at a hole.
/// </summary>
internal sealed class EntryTrash(
    CmsDbContext db,
    ContentTypeRegistry types,
    TimeProvider clock,
    EntryEditor editor,
    Publisher publisher,
    SlugAssigner slugs,
    ReadModelWriter readModel,
    EntryChanges changes,
    AuditTrail audit)
{
    public async Task MoveAsync(ContentType type, Guid id, string messageLocale, CancellationToken ct)
    {
        var (entry, _) = await editor.LoadAsync(type, id, ct);
        var referencing = await EntryReferences.ReferencingAsync(db, types, id, messageLocale, ct);
        if (referencing.Count > 0)
        {
            var names = referencing.Select(r => $"{r.Type} «{r.Title ?? r.Id.ToString()}» ({r.Id})").ToList();
            var shown = string.Join(", ", names.Take(20)) + (names.Count > 20 ? ", …" : "");
            throw new EditRejected(ProblemCode.Referenced,
                $"{names.Count} entries refer to this {type.Name}; change or delete them first: {shown}",
                $"تشير {names.Count} من المداخل إلى هذا المحتوى؛ عدّلها أو احذفها أولًا: {shown}",
                new Dictionary<string, string[]> { ["referencedBy"] = names.ToArray() });
        }
        var live = await publisher.PublicationsAsync(id, ct);
        if (live.Count > 0)
        {
            db.Publications.RemoveRange(live);
            changes.Raise(entry, ContentEvents.Unpublished, live.Select(p => p.Locale).ToList());
        }
        db.DeliveryItems.RemoveRange(await db.DeliveryItems.Where(d => d.EntryId == id).ToListAsync(ct));
        // The current version keeps the slugs for a restore; the rows go, so the addresses are free and no route finds a trashed entry.
        db.Slugs.RemoveRange(await db.Slugs.Where(s => s.EntryId == id).ToListAsync(ct));
        entry.DeletedAt = clock.GetUtcNow();
        entry.DeletedBy = audit.Actor?.Name ?? audit.Actor?.UserId;
        entry.PublishAt = null;
        entry.UnpublishAt = null;
        entry.ScheduledVersion = null;
        changes.Raise(entry, ContentEvents.Deleted, Locales.All);
        audit.Record(AuditActions.Trash, type.Name, id.ToString());
        await editor.CommitAsync(ct);
    }

    /// <summary>Back as a draft (live nowhere), as a new version that records the slugs it got back.</summary>
    public async Task<Entry> RestoreAsync(Entry entry, ContentType type, string? author, CancellationToken ct)
    {
        var current = await db.Versions.AsNoTracking().SingleAsync(v => v.EntryId == entry.Id && v.Number == entry.Version, ct);
        var fields = JsonNode.Parse(current.Fields)!.AsObject();
        var reclaimed = await slugs.ReclaimAsync(type, entry.Id, JsonNode.Parse(current.Slugs)!.AsObject(), ct);
        entry.DeletedAt = null;
        entry.DeletedBy = null;
        entry.Version++;
        entry.UpdatedAt = clock.GetUtcNow();
        entry.UpdatedBy = audit.ActorId;
        db.Versions.Add(new EntryVersion
        {
            EntryId = entry.Id,
            Number = entry.Version,
            Fields = current.Fields,
            Slugs = reclaimed.ToJsonString(JsonText.Options),
            Edits = current.Edits,
            CreatedAt = entry.UpdatedAt,
            Author = author,
            Note = "Restored from the trash",
        });
        changes.Raise(entry, ContentEvents.Created, Locales.All);
        audit.Record(AuditActions.RestoreFromTrash, type.Name, entry.Id.ToString());
        await readModel.WriteDraftAsync(type, entry, fields, reclaimed, ct);
        await editor.CommitAsync(ct);
        return entry;
    }

    /// <summary>Deletes trashed entries for good, with their versions; returns how many.</summary>
    public async Task<int> EmptyAsync(Guid? id, CancellationToken ct)
    {
        var trashed = await db.Entries.Where(e => e.DeletedAt != null && (id == null || e.Id == id)).ToListAsync(ct);
        foreach (var entry in trashed)
        {
            audit.Record(AuditActions.Purge, entry.Type, entry.Id.ToString());
        }
        db.Entries.RemoveRange(trashed);
        await db.SaveChangesAsync(ct);
        return trashed.Count;
    }
}
