using System.Text.Json.Nodes;
using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.Cms.Reading;
using ArtSouk.Cms.Slugs;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Entries;

/// <summary>
/// An editor's save: fields to merge, optional slugs, and what to publish or schedule. A schedule that is not set is
/// left as it is; set to null it is cleared. <paramref name="ForReview"/> keeps the save as a draft waiting for a
/// curator, whatever it asks to publish.
/// </summary>
internal sealed record EntryWrite(
    JsonObject? Fields,
    JsonObject? Slug = null,
    bool Publish = false,
    IReadOnlyList<string>? Locales = null,
    Settable<DateTimeOffset?> PublishAt = default,
    Settable<DateTimeOffset?> UnpublishAt = default,
    int? ExpectedVersion = null,
    string? Note = null,
    bool ForReview = false);

/// <summary>
/// Applies edits to entries: every save is a new version, the draft and live read models follow in the same
/// transaction, and the outbox records what happened. Slugs, publishing and the read model each live in their own
/// feature folder; this class orders them into one unit of work. Observers run after the commit.
/// </summary>
internal sealed class EntryEditor(
    CmsDbContext db,
    TimeProvider clock,
    SlugAssigner slugs,
    Publisher publisher,
    ReadModelWriter readModel,
    EntryChanges changes,
    AuditTrail audit)
{
    public async Task<Entry> CreateAsync(ContentType type, EntryWrite write, string? author, string messageLocale, CancellationToken ct)
    {
        var entry = await StageCreateAsync(type, write, author, messageLocale, ct);
        await CommitAsync(ct);
        return entry;
    }

    /// <summary>
    /// Everything <see cref="CreateAsync"/> does but the commit, for callers that write many entries in one unit of
    /// work (the large-store generator) and then call <see cref="CommitAsync"/>.
    /// </summary>
    public async Task<Entry> StageCreateAsync(ContentType type, EntryWrite write, string? author, string messageLocale, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var fields = await ValidateAsync(type, [], write.Fields, messageLocale, ct);
        var entry = new Entry { Type = type.Name, Version = 1, CreatedAt = now, UpdatedAt = now, CreatedBy = author, UpdatedBy = audit.ActorId };
        db.Entries.Add(entry);
        var assigned = await slugs.AssignAsync(type, entry.Id, fields, [], write.ForReview ? null : write.Slug, [], messageLocale, ct);
        var edits = TrackEdits(type, [], fields, [], 1);
        var version = AddVersion(entry, fields, assigned, edits, author, write.Note);
        changes.Raise(entry, ContentEvents.Created, Locales.All);
        audit.Record(AuditActions.Create, type.Name, entry.Id.ToString(), Changes(type, [], fields));
        if (write.ForReview)
        {
            RequestReview(entry);
        }
        else
        {
            _ = await publisher.ApplyAsync(type, entry, version, fields, assigned, write, messageLocale, ct);
        }
        await readModel.WriteDraftAsync(type, entry, fields, assigned, ct);
        return entry;
    }

    public async Task<Entry> UpdateAsync(ContentType type, Guid id, EntryWrite write, string? author, string messageLocale, CancellationToken ct)
    {
        var (entry, current) = await LoadAsync(type, id, ct);
        if (write.ExpectedVersion is { } expected && expected != entry.Version)
        {
            throw new EditRejected(ProblemCode.Conflict, $"The entry is at version {entry.Version}, not {expected}; reload and try again.", $"المحتوى في النسخة {entry.Version} وليس {expected}؛ أعد التحميل وحاول مجددًا");
        }
        var stored = JsonNode.Parse(current.Fields)!.AsObject();
        var fields = await ValidateAsync(type, stored, write.Fields, messageLocale, ct);
        var previousSlugs = JsonNode.Parse(current.Slugs)!.AsObject();
        var live = (await publisher.PublicationsAsync(entry.Id, ct)).Select(p => p.Locale).ToHashSet();
        // A save waiting for review may not move live URLs either.
        var assigned = await slugs.AssignAsync(type, entry.Id, fields, previousSlugs, write.ForReview ? null : write.Slug, live, messageLocale, ct);
        var edits = TrackEdits(type, stored, fields, JsonNode.Parse(current.Edits)!.AsObject(), entry.Version + 1);
        entry.Version++;
        entry.UpdatedAt = clock.GetUtcNow();
        entry.UpdatedBy = audit.ActorId;
        var version = AddVersion(entry, fields, assigned, edits, author, write.Note);
        changes.Raise(entry, ContentEvents.Updated, Locales.All);
        audit.Record(AuditActions.Update, type.Name, entry.Id.ToString(), Changes(type, stored, fields));
        var published = false;
        if (write.ForReview)
        {
            RequestReview(entry);
        }
        else
        {
            published = await publisher.ApplyAsync(type, entry, version, fields, assigned, write, messageLocale, ct);
        }
        await readModel.WriteDraftAsync(type, entry, fields, assigned, ct);
        if (!published && !JsonNode.DeepEquals(previousSlugs, assigned))
        {
            // A slug change moves the live URL even without republishing the fields.
            await readModel.RefreshLiveAsync(type, entry, await publisher.PublicationsAsync(entry.Id, ct), null, assigned, ct);
        }
        await CommitAsync(ct);
        return entry;
    }

    public async Task<Entry> PublishAsync(ContentType type, Guid id, IReadOnlyList<string>? locales, string messageLocale, CancellationToken ct)
    {
        var (entry, current) = await LoadAsync(type, id, ct);
        var fields = JsonNode.Parse(current.Fields)!.AsObject();
        var resolved = Publisher.ResolveLocales(locales);
        Publisher.CancelPendingPublish(entry, resolved);
        await publisher.PublishAsync(type, entry, current, fields, JsonNode.Parse(current.Slugs)!.AsObject(), resolved, messageLocale, ct);
        await CommitAsync(ct);
        return entry;
    }

    public async Task<Entry> UnpublishAsync(ContentType type, Guid id, IReadOnlyList<string>? locales, CancellationToken ct)
    {
        var (entry, _) = await LoadAsync(type, id, ct);
        var resolved = Publisher.ResolveLocales(locales);
        // A pending publishAt would put the entry back online behind the editor's back.
        Publisher.CancelPendingPublish(entry, resolved);
        await publisher.UnpublishAsync(type, entry, resolved, ct);
        await CommitAsync(ct);
        return entry;
    }

    public async Task<Entry> RestoreAsync(ContentType type, Guid id, int number, string? author, CancellationToken ct)
    {
        var (entry, current) = await LoadAsync(type, id, ct);
        var restored = await db.Versions.AsNoTracking().SingleOrDefaultAsync(v => v.EntryId == id && v.Number == number, ct)
            ?? throw new EditRejected(ProblemCode.NotFound, $"Version {number} does not exist.", $"النسخة {number} غير موجودة");
        var stored = JsonNode.Parse(current.Fields)!.AsObject();
        var fields = JsonNode.Parse(restored.Fields)!.AsObject();
        var currentSlugs = JsonNode.Parse(current.Slugs)!.AsObject();
        var edits = TrackEdits(type, stored, fields, JsonNode.Parse(current.Edits)!.AsObject(), entry.Version + 1);
        entry.Version++;
        entry.UpdatedAt = clock.GetUtcNow();
        entry.UpdatedBy = audit.ActorId;
        AddVersion(entry, fields, currentSlugs, edits, author, $"Restored from version {number}");
        changes.Raise(entry, ContentEvents.Updated, Locales.All);
        audit.Record(AuditActions.Restore, type.Name, entry.Id.ToString(), Changes(type, stored, fields));
        await readModel.WriteDraftAsync(type, entry, fields, currentSlugs, ct);
        await CommitAsync(ct);
        return entry;
    }

    /// <summary>Saves the unit of work, then announces its changes; a lost race is a 409 and nothing is stored.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            changes.Discard();
            throw new EditRejected(ProblemCode.Conflict, "Someone else saved this entry at the same time; reload and try again.", "حفظ شخص آخر هذا المحتوى في الوقت نفسه؛ أعد التحميل وحاول مجددًا");
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            changes.Discard();
            throw new EditRejected(ProblemCode.Conflict, "A concurrent change claimed the same version or slug; reload and try again.", "تغيير متزامن استخدم النسخة أو المعرّف النصي نفسه؛ أعد التحميل وحاول مجددًا");
        }
        await changes.AnnounceAsync();
    }

    /// <summary>The entry (not in the trash) and its current version, tracked for this unit of work.</summary>
    public async Task<(Entry Entry, EntryVersion Current)> LoadAsync(ContentType type, Guid id, CancellationToken ct)
    {
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == id && e.Type == type.Name && e.DeletedAt == null, ct)
            ?? throw new EditRejected(ProblemCode.NotFound, $"No {type.Name} with id {id}.", $"لا يوجد {type.Name} بالمعرّف {id}");
        var current = await db.Versions.AsNoTracking().SingleAsync(v => v.EntryId == id && v.Number == entry.Version, ct);
        return (entry, current);
    }

    private async Task<JsonObject> ValidateAsync(ContentType type, JsonObject stored, JsonObject? input, string messageLocale, CancellationToken ct)
    {
        var fieldInput = new FieldInput(type, messageLocale);
        var merged = fieldInput.Merge(stored, input);
        var errors = fieldInput.Errors;
        var english = messageLocale == Locales.English;
        if (fieldInput.References.Count > 0)
        {
            var ids = fieldInput.References.Select(r => r.Id).Distinct().ToList();
            var found = await db.Entries.Where(e => ids.Contains(e.Id) && e.DeletedAt == null).Select(e => new { e.Id, e.Type }).ToDictionaryAsync(e => e.Id, e => e.Type, ct);
            foreach (var (path, id, allowed) in fieldInput.References)
            {
                if (!found.TryGetValue(id, out var targetType))
                {
                    errors.Add(path, english ? $"no entry with id {id}" : $"لا يوجد محتوى بالمعرّف {id}");
                }
                else if (allowed.Count > 0 && !allowed.Contains(targetType))
                {
                    errors.Add(path, english ? $"must refer to {string.Join(" or ", allowed)}, not {targetType}" : $"يجب أن يشير إلى {string.Join(" أو ", allowed)} وليس {targetType}");
                }
            }
        }
        if (fieldInput.MediaIds.Count > 0)
        {
            var ids = fieldInput.MediaIds.Select(m => m.Id).Distinct().ToList();
            var found = await db.Media.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
            foreach (var (path, id) in fieldInput.MediaIds.Where(m => !found.Contains(m.Id)))
            {
                errors.Add(path, english ? $"no media with id {id}" : $"لا يوجد ملف وسائط بالمعرّف {id}");
            }
        }
        if (!errors.IsEmpty)
        {
            throw new EditRejected(ProblemCode.ValidationFailed, errors.ToString(), errors.ToString(), errors.ToDictionary());
        }
        return merged;
    }

    /// <summary>Marks the version just saved as waiting for a curator; an earlier request is replaced by this one.</summary>
    private void RequestReview(Entry entry)
    {
        entry.ReviewState = ReviewStates.InReview;
        entry.ReviewVersion = entry.Version;
        entry.ReviewComment = null;
        entry.ReviewBy = audit.Actor?.Name ?? audit.Actor?.UserId;
        entry.ReviewAt = clock.GetUtcNow();
        changes.Raise(entry, ContentEvents.ReviewRequested, Locales.All);
        audit.Record(AuditActions.ReviewRequest, entry.Type, entry.Id.ToString(), [new AuditChange("review", null, null, ReviewStates.InReview)]);
    }

    /// <summary>Before and after per field and locale, for the audit log.</summary>
    public static IEnumerable<AuditChange> Changes(ContentType type, JsonObject before, JsonObject after) =>
        Management.VersionDiff.Compare(type, before, after).Select(c => new AuditChange(c.Field, c.Locale, c.Before, c.After));

    /// <summary>Stamps each localized value with the version that last changed it, per locale.</summary>
    private static JsonObject TrackEdits(ContentType type, JsonObject before, JsonObject after, JsonObject edits, int version)
    {
        var result = (JsonObject)edits.DeepClone();
        foreach (var field in type.Fields.Where(f => f.Localized))
        {
            foreach (var locale in Locales.All)
            {
                var old = (before[field.Name] as JsonObject)?[locale];
                var now = (after[field.Name] as JsonObject)?[locale];
                if (!JsonNode.DeepEquals(old, now))
                {
                    var stamps = result[field.Name] as JsonObject;
                    if (stamps is null)
                    {
                        result[field.Name] = stamps = [];
                    }
                    stamps[locale] = version;
                }
            }
        }
        return result;
    }

    private EntryVersion AddVersion(Entry entry, JsonObject fields, JsonObject slugs, JsonObject edits, string? author, string? note)
    {
        var version = new EntryVersion
        {
            EntryId = entry.Id,
            Number = entry.Version,
            Fields = fields.ToJsonString(JsonText.Options),
            Slugs = slugs.ToJsonString(JsonText.Options),
            Edits = edits.ToJsonString(JsonText.Options),
            CreatedAt = entry.UpdatedAt,
            Author = author,
            Note = note,
        };
        db.Versions.Add(version);
        return version;
    }
}
