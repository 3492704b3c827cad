using System.Text.Json.Nodes;
using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Publishing;

/// <summary>
/// Puts entries live and takes them offline, per locale, and records schedules; inside the editor's unit of work, so
/// publications, live rows and their events commit together with the version they show.
/// </summary>
internal sealed class Publisher(CmsDbContext db, TimeProvider clock, ReadModelWriter readModel, EntryChanges changes, AuditTrail audit)
{
    /// <summary>
    /// Records the write's schedules and publishes now when asked; returns whether it published. A schedule the write
    /// does not mention stays; one it sets to null is cleared.
    /// </summary>
    public async Task<bool> ApplyAsync(ContentType type, Entry entry, EntryVersion version, JsonObject fields,
        JsonObject slugs, EntryWrite write, string messageLocale, CancellationToken ct)
    {
        var locales = ResolveLocales(write.Locales);
        var now = clock.GetUtcNow();
        if (write.UnpublishAt.IsSet)
        {
            entry.UnpublishAt = write.UnpublishAt.Value?.ToUniversalTime();
            entry.UnpublishLocales = string.Join(',', locales);
            audit.Record(AuditActions.Schedule, type.Name, entry.Id.ToString(), [new AuditChange("unpublishAt", null, null, Moment(entry.UnpublishAt))]);
        }
        if (write.PublishAt.IsSet && write.PublishAt.Value is null)
        {
            CancelPendingPublish(entry, Locales.All);
            audit.Record(AuditActions.Schedule, type.Name, entry.Id.ToString(), [new AuditChange("publishAt", null, null, null)]);
        }
        if (write.PublishAt.IsSet && write.PublishAt.Value is { } at && at > now)
        {
            // Refuse now rather than at midnight: a scheduled entry must be publishable as it stands.
            CheckPublishable(type, fields, slugs, locales, messageLocale);
            entry.PublishAt = at.ToUniversalTime();
            entry.PublishLocales = string.Join(',', locales);
            // The version the editor saw when scheduling is the one that goes live, not whatever is saved later.
            entry.ScheduledVersion = version.Number;
            entry.ScheduleFailedAt = null;
            entry.ScheduleFailure = null;
            audit.Record(AuditActions.Schedule, type.Name, entry.Id.ToString(),
                [new AuditChange("publishAt", null, null, Moment(entry.PublishAt)), new AuditChange("scheduledVersion", null, null, version.Number)]);
            return false;
        }
        if (write.Publish || write.PublishAt.IsSet && write.PublishAt.Value is not null)
        {
            // A pending publishAt would later put an older version back live over this one.
            CancelPendingPublish(entry, locales);
            await PublishAsync(type, entry, version, fields, slugs, locales, messageLocale, ct);
            return true;
        }
        return false;
    }

    /// <summary>Drops a pending publishAt that covers any of <paramref name="locales"/>, with its recorded failure.</summary>
    public static void CancelPendingPublish(Entry entry, IReadOnlyList<string> locales)
    {
        if (entry.PublishAt is not null && !entry.PublishLocales.Split(',').Intersect(locales).Any())
        {
            return;
        }
        entry.PublishAt = null;
        entry.ScheduledVersion = null;
        entry.ScheduleFailedAt = null;
        entry.ScheduleFailure = null;
    }

    private static JsonValue? Moment(DateTimeOffset? at) => at is { } value ? JsonValue.Create(value) : null;

    public async Task PublishAsync(ContentType type, Entry entry, EntryVersion version, JsonObject fields, JsonObject slugs,
        IReadOnlyList<string> locales, string messageLocale, CancellationToken ct)
    {
        CheckPublishable(type, fields, slugs, locales, messageLocale);
        var now = clock.GetUtcNow();
        var publications = db.Entry(entry).State == EntityState.Added
            ? db.Publications.Local.Where(p => p.EntryId == entry.Id).ToList()
            : await PublicationsAsync(entry.Id, ct);
        foreach (var locale in locales)
        {
            var publication = publications.SingleOrDefault(p => p.Locale == locale);
            if (publication is null)
            {
                publication = new Publication { EntryId = entry.Id, Locale = locale, FirstPublishedAt = now };
                db.Publications.Add(publication);
                publications.Add(publication);
            }
            publication.Version = version.Number;
            publication.PublishedAt = now;
        }
        await readModel.RefreshLiveAsync(type, entry, publications, (version, fields), slugs, ct);
        changes.Raise(entry, ContentEvents.Published, locales);
        audit.Record(AuditActions.Publish, type.Name, entry.Id.ToString(), locales.Select(l => new AuditChange("publishedVersion", l, null, version.Number)));
    }

    public async Task UnpublishAsync(ContentType type, Entry entry, IReadOnlyList<string> locales, CancellationToken ct)
    {
        var publications = await PublicationsAsync(entry.Id, ct);
        var removed = publications.Where(p => locales.Contains(p.Locale)).ToList();
        if (removed.Count == 0)
        {
            return;
        }
        db.Publications.RemoveRange(removed);
        await readModel.RemoveLiveAsync(entry.Id, locales, ct);
        await readModel.RefreshLiveAsync(type, entry, publications.Except(removed).ToList(), null, null, ct);
        changes.Raise(entry, ContentEvents.Unpublished, removed.Select(p => p.Locale).ToList());
        audit.Record(AuditActions.Unpublish, type.Name, entry.Id.ToString(), removed.Select(p => new AuditChange("publishedVersion", p.Locale, p.Version, null)));
    }

    /// <summary>The entry's publications as this unit of work sees them: stored, plus added, minus removed.</summary>
    public async Task<List<Publication>> PublicationsAsync(Guid entryId, CancellationToken ct)
    {
        var stored = await db.Publications.Where(p => p.EntryId == entryId).ToListAsync(ct);
        return stored.Union(db.Publications.Local.Where(p => p.EntryId == entryId))
            .Where(p => db.Entry(p).State != EntityState.Deleted)
            .Distinct()
            .ToList();
    }

    public static IReadOnlyList<string> ResolveLocales(IReadOnlyList<string>? locales)
    {
        if (locales is null || locales.Count == 0)
        {
            return Locales.All;
        }
        var unknown = locales.Where(l => !Locales.IsSupported(l)).ToList();
        if (unknown.Count > 0)
        {
            throw new EditRejected(ProblemCode.ValidationFailed, $"Unknown locale(s): {string.Join(", ", unknown)}", $"لغات غير معروفة: {string.Join("، ", unknown)}",
                new Dictionary<string, string[]> { ["locales"] = [$"supported locales are ar and en"] });
        }
        return locales.Distinct().ToList();
    }

    private static void CheckPublishable(ContentType type, JsonObject fields, JsonObject slugs, IEnumerable<string> locales, string messageLocale)
    {
        var errors = new ValidationErrors();
        var english = messageLocale == Locales.English;
        foreach (var required in type.RequiredLocales)
        {
            foreach (var field in Projection.MissingRequired(type, fields, required, allowFallback: false))
            {
                errors.Add($"fields.{field}.{required}", english ? $"required in {required} before publishing" : $"مطلوب باللغة {required} قبل النشر");
            }
        }
        foreach (var locale in locales)
        {
            foreach (var field in Projection.MissingRequired(type, fields, locale, allowFallback: true))
            {
                errors.Add($"fields.{field}", english ? "required before publishing" : "مطلوب قبل النشر");
            }
            if (slugs[locale] is null)
            {
                errors.Add($"slug.{locale}", english ? "a slug is needed to publish; give the entry a title" : "يلزم معرّف نصي للنشر؛ أضف عنوانًا");
            }
        }
        if (!errors.IsEmpty)
        {
            throw new EditRejected(ProblemCode.PublishBlocked, errors.ToString(), errors.ToString(), errors.ToDictionary());
        }
    }
}
