using ArtSouk.Kernel.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Media;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Slugs;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Problems;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Entries;

/// <summary>An editor's save: fields to merge, optional slugs, and what to publish or schedule.</summary>
internal sealed record EntryWrite(
    JsonObject? Fields,
    JsonObject? Slug = null,
    bool Publish = false,
    IReadOnlyList<string>? Locales = null,
    DateTimeOffset? PublishAt = null,
    DateTimeOffset? UnpublishAt = null,
    int? ExpectedVersion = null,
    string? Note = null);

/// <summary>
/// Applies edits to entries: every save is a new version, the draft and live read models follow in the same
/// transaction, and the outbox records what happened. Observers run after the commit.
/// </summary>
internal sealed class EntryEditor(
    CmsDbContext db,
    ContentTypeRegistry types,
    TimeProvider clock,
    OutboxSignal outboxSignal,
    IEnumerable<IContentChangeObserver> observers)
{
    private readonly List<ContentChange> _changes = [];

    public async Task<Entry> CreateAsync(ContentType type, EntryWrite write, string? author, string messageLocale, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var fields = await ValidateAsync(type, [], write.Fields, messageLocale, ct);
        var entry = new Entry { Type = type.Name, Version = 1, CreatedAt = now, UpdatedAt = now, CreatedBy = author };
        db.Entries.Add(entry);
        var slugs = await AssignSlugsAsync(type, entry.Id, fields, [], write.Slug, [], messageLocale, ct);
        var edits = TrackEdits(type, [], fields, [], 1);
        var version = AddVersion(entry, fields, slugs, edits, author, write.Note);
        Raise(entry, ContentEvents.Created, Locales.All);
        _ = await ApplyScheduleAndPublishAsync(type, entry, version, fields, slugs, write, messageLocale, ct);
        await UpsertDraftItemsAsync(type, entry, fields, slugs, ct);
        await CommitAsync(ct);
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
        var live = (await PublicationsAsync(entry.Id, ct)).Select(p => p.Locale).ToHashSet();
        var slugs = await AssignSlugsAsync(type, entry.Id, fields, previousSlugs, write.Slug, live, messageLocale, ct);
        var edits = TrackEdits(type, stored, fields, JsonNode.Parse(current.Edits)!.AsObject(), entry.Version + 1);
        entry.Version++;
        entry.UpdatedAt = clock.GetUtcNow();
        var version = AddVersion(entry, fields, slugs, edits, author, write.Note);
        Raise(entry, ContentEvents.Updated, Locales.All);
        var published = await ApplyScheduleAndPublishAsync(type, entry, version, fields, slugs, write, messageLocale, ct);
        await UpsertDraftItemsAsync(type, entry, fields, slugs, ct);
        if (!published && !JsonNode.DeepEquals(previousSlugs, slugs))
        {
            // A slug change moves the live URL even without republishing the fields.
            await RefreshLiveItemsAsync(type, entry, (await PublicationsAsync(entry.Id, ct), null, null, slugs), ct);
        }
        await CommitAsync(ct);
        return entry;
    }

    public async Task<Entry> PublishAsync(ContentType type, Guid id, IReadOnlyList<string>? locales, string messageLocale, CancellationToken ct)
    {
        var (entry, current) = await LoadAsync(type, id, ct);
        var fields = JsonNode.Parse(current.Fields)!.AsObject();
        await PublishLocalesAsync(type, entry, current, fields, JsonNode.Parse(current.Slugs)!.AsObject(), ResolveLocales(locales), messageLocale, ct);
        await CommitAsync(ct);
        return entry;
    }

    public async Task<Entry> UnpublishAsync(ContentType type, Guid id, IReadOnlyList<string>? locales, CancellationToken ct)
    {
        var (entry, _) = await LoadAsync(type, id, ct);
        await UnpublishLocalesAsync(type, entry, ResolveLocales(locales), ct);
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
        var slugs = JsonNode.Parse(current.Slugs)!.AsObject();
        var edits = TrackEdits(type, stored, fields, JsonNode.Parse(current.Edits)!.AsObject(), entry.Version + 1);
        entry.Version++;
        entry.UpdatedAt = clock.GetUtcNow();
        AddVersion(entry, fields, slugs, edits, author, $"Restored from version {number}");
        Raise(entry, ContentEvents.Updated, Locales.All);
        await UpsertDraftItemsAsync(type, entry, fields, slugs, ct);
        await CommitAsync(ct);
        return entry;
    }

    public async Task DeleteAsync(ContentType type, Guid id, CancellationToken ct)
    {
        var (entry, _) = await LoadAsync(type, id, ct);
        var live = await db.Publications.Where(p => p.EntryId == id).Select(p => p.Locale).ToListAsync(ct);
        if (live.Count > 0)
        {
            Raise(entry, ContentEvents.Unpublished, live);
        }
        Raise(entry, ContentEvents.Deleted, Locales.All);
        db.Entries.Remove(entry);
        await CommitAsync(ct);
    }

    /// <summary>
    /// Runs due schedules. Each entry is claimed with a conditional update inside its own transaction, so overlapping
    /// runs (two nodes, a retry after a crash) act on a schedule exactly once; what is not yet done stays due.
    /// </summary>
    public async Task<int> RunSchedulesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.Entries.AsNoTracking().Where(e => e.PublishAt <= now || e.UnpublishAt <= now)
            .Select(e => new { e.Id, e.PublishAt, e.UnpublishAt }).ToListAsync(ct);
        var done = 0;
        foreach (var item in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var publishDue = item.PublishAt <= now && await db.Entries
                .Where(e => e.Id == item.Id && e.PublishAt == item.PublishAt)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.PublishAt, (DateTimeOffset?)null), ct) == 1;
            var unpublishDue = item.UnpublishAt <= now && await db.Entries
                .Where(e => e.Id == item.Id && e.UnpublishAt == item.UnpublishAt)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.UnpublishAt, (DateTimeOffset?)null), ct) == 1;
            if (!publishDue && !unpublishDue)
            {
                continue;
            }
            var entry = await db.Entries.SingleAsync(e => e.Id == item.Id, ct);
            var type = types.Find(entry.Type);
            if (type is not null)
            {
                await RunScheduleAsync(type, entry, publishDue, unpublishDue, ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            await NotifyAsync();
            done++;
        }
        return done;
    }

    private async Task RunScheduleAsync(ContentType type, Entry entry, bool publishDue, bool unpublishDue, CancellationToken ct)
    {
        entry.PublishAt = publishDue ? null : entry.PublishAt;
        entry.UnpublishAt = unpublishDue ? null : entry.UnpublishAt;
        if (publishDue)
        {
            var current = await db.Versions.AsNoTracking().SingleAsync(v => v.EntryId == entry.Id && v.Number == entry.Version, ct);
            try
            {
                await PublishLocalesAsync(type, entry, current, JsonNode.Parse(current.Fields)!.AsObject(),
                    JsonNode.Parse(current.Slugs)!.AsObject(), Split(entry.PublishLocales), Locales.Default, ct);
            }
            catch (EditRejected)
            {
                // Incomplete at its scheduled time: the schedule is consumed and the entry stays a draft.
            }
        }
        if (unpublishDue)
        {
            await UnpublishLocalesAsync(type, entry, Split(entry.UnpublishLocales), ct);
        }
    }

    private static string[] Split(string locales) => locales.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The entry's publications as this unit of work sees them: stored, plus added, minus removed.</summary>
    private async Task<List<Publication>> PublicationsAsync(Guid entryId, CancellationToken ct)
    {
        var stored = await db.Publications.Where(p => p.EntryId == entryId).ToListAsync(ct);
        return stored.Union(db.Publications.Local.Where(p => p.EntryId == entryId))
            .Where(p => db.Entry(p).State != EntityState.Deleted)
            .Distinct()
            .ToList();
    }

    private async Task<(Entry Entry, EntryVersion Current)> LoadAsync(ContentType type, Guid id, CancellationToken ct)
    {
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == id && e.Type == type.Name, ct)
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
            var found = await db.Entries.Where(e => ids.Contains(e.Id)).Select(e => new { e.Id, e.Type }).ToDictionaryAsync(e => e.Id, e => e.Type, ct);
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

    /// <summary>
    /// Keeps current slugs unless the editor sets one; a changed slug leaves the old one as a redirect. A locale that
    /// has never been live follows its own title (an English slug first derived from the Arabic title becomes the
    /// English one once there is an English title), and its earlier slug is dropped, since no link can point at it.
    /// </summary>
    private async Task<JsonObject> AssignSlugsAsync(ContentType type, Guid entryId, JsonObject fields, JsonObject current,
        JsonObject? requested, HashSet<string> liveLocales, string messageLocale, CancellationToken ct)
    {
        var result = (JsonObject)current.DeepClone();
        foreach (var locale in Locales.All)
        {
            var explicitSlug = requested?[locale]?.GetValueKind() == JsonValueKind.String ? requested[locale]!.GetValue<string>() : null;
            var currentSlug = current[locale]?.GetValue<string>();
            var titles = fields[type.TitleField] as JsonObject;
            var ownTitle = titles?[locale]?.GetValue<string>();
            string? wanted;
            if (explicitSlug is not null)
            {
                wanted = Slug.Normalize(explicitSlug);
                if (wanted.Length == 0)
                {
                    throw new EditRejected(ProblemCode.ValidationFailed, $"slug.{locale} has no letters or digits", $"المعرّف النصي slug.{locale} لا يحتوي على حروف أو أرقام",
                        new Dictionary<string, string[]> { [$"slug.{locale}"] = [messageLocale == Locales.English ? "must contain letters or digits" : "يجب أن يحتوي على حروف أو أرقام"] });
                }
            }
            else if (currentSlug is not null && (liveLocales.Contains(locale) || ownTitle is null
                || Slug.Normalize(ownTitle) is var own && (own.Length == 0 || currentSlug == own || currentSlug.StartsWith(own + "-", StringComparison.Ordinal))))
            {
                continue;
            }
            else
            {
                var title = ownTitle ?? titles?[Locales.Other(locale)]?.GetValue<string>();
                var generated = title is null ? "" : Slug.Normalize(title);
                if (generated.Length == 0)
                {
                    continue;
                }
                wanted = await Slug.UniqueAsync(generated, candidate => IsTakenAsync(type.Name, locale, candidate, entryId, ct));
            }
            if (currentSlug == wanted)
            {
                continue;
            }
            var existing = await db.Slugs.SingleOrDefaultAsync(s => s.Type == type.Name && s.Locale == locale && s.Value == wanted, ct);
            if (existing is { IsCurrent: true } && existing.EntryId != entryId)
            {
                throw new EditRejected(ProblemCode.SlugTaken, $"\"{wanted}\" is already the {locale} slug of another {type.Name}.", $"«{wanted}» هو المعرّف النصي ({locale}) لمحتوى آخر من نوع {type.Name}",
                    new Dictionary<string, string[]> { [$"slug.{locale}"] = [messageLocale == Locales.English ? $"\"{wanted}\" is taken" : $"«{wanted}» مستخدم"] });
            }
            var now = clock.GetUtcNow();
            if (currentSlug is not null)
            {
                var previous = await db.Slugs.SingleOrDefaultAsync(s => s.Type == type.Name && s.Locale == locale && s.Value == currentSlug, ct);
                if (previous is not null && !liveLocales.Contains(locale))
                {
                    db.Slugs.Remove(previous);
                }
                else
                {
                    previous?.IsCurrent = false;
                }
            }
            if (existing is null)
            {
                db.Slugs.Add(new SlugRecord { Type = type.Name, Locale = locale, Value = wanted, EntryId = entryId, IsCurrent = true, CreatedAt = now });
            }
            else
            {
                // Our own old slug comes back, or another entry's retired redirect is taken over.
                existing.EntryId = entryId;
                existing.IsCurrent = true;
                existing.CreatedAt = now;
            }
            result[locale] = wanted;
        }
        return result;
    }

    private async Task<bool> IsTakenAsync(string type, string locale, string slug, Guid entryId, CancellationToken ct) =>
        db.ChangeTracker.Entries<SlugRecord>().Any(e => e.State != EntityState.Deleted && e.Entity.Type == type && e.Entity.Locale == locale && e.Entity.Value == slug && e.Entity.EntryId != entryId)
        || await db.Slugs.AnyAsync(s => s.Type == type && s.Locale == locale && s.Value == slug && s.EntryId != entryId && s.IsCurrent, ct);

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

    /// <summary>Records schedules and publishes now when asked; returns whether it published.</summary>
    private async Task<bool> ApplyScheduleAndPublishAsync(ContentType type, Entry entry, EntryVersion version, JsonObject fields,
        JsonObject slugs, EntryWrite write, string messageLocale, CancellationToken ct)
    {
        var locales = ResolveLocales(write.Locales);
        var now = clock.GetUtcNow();
        if (write.UnpublishAt is { } unpublishAt)
        {
            entry.UnpublishAt = unpublishAt.ToUniversalTime();
            entry.UnpublishLocales = string.Join(',', locales);
        }
        if (write.PublishAt is { } at && at > now)
        {
            // Refuse now rather than at midnight: a scheduled entry must be publishable as it stands.
            CheckPublishable(type, fields, slugs, locales, messageLocale);
            entry.PublishAt = at.ToUniversalTime();
            entry.PublishLocales = string.Join(',', locales);
            return false;
        }
        if (write.Publish || write.PublishAt is not null)
        {
            await PublishLocalesAsync(type, entry, version, fields, slugs, locales, messageLocale, ct);
            return true;
        }
        return false;
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

    private async Task PublishLocalesAsync(ContentType type, Entry entry, EntryVersion version, JsonObject fields, JsonObject slugs,
        IReadOnlyList<string> locales, string messageLocale, CancellationToken ct)
    {
        CheckPublishable(type, fields, slugs, locales, messageLocale);
        var now = clock.GetUtcNow();
        var publications = await PublicationsAsync(entry.Id, ct);
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
        await RefreshLiveItemsAsync(type, entry, (publications, version, fields, slugs), ct);
        Raise(entry, ContentEvents.Published, locales);
    }

    private async Task UnpublishLocalesAsync(ContentType type, Entry entry, IReadOnlyList<string> locales, CancellationToken ct)
    {
        var publications = await PublicationsAsync(entry.Id, ct);
        var removed = publications.Where(p => locales.Contains(p.Locale)).ToList();
        if (removed.Count == 0)
        {
            return;
        }
        db.Publications.RemoveRange(removed);
        var liveRows = await db.DeliveryItems.Where(d => d.EntryId == entry.Id && d.Channel == Channels.Live && locales.Contains(d.Locale)).ToListAsync(ct);
        // Rows published earlier in this same unit of work (a schedule run) are not in the database yet.
        db.DeliveryItems.RemoveRange(liveRows.Union(db.DeliveryItems.Local.Where(d => d.EntryId == entry.Id && d.Channel == Channels.Live && locales.Contains(d.Locale))).ToList());
        await RefreshLiveItemsAsync(type, entry, (publications.Except(removed).ToList(), null, null, null), ct);
        Raise(entry, ContentEvents.Unpublished, removed.Select(p => p.Locale).ToList());
    }

    /// <summary>
    /// Rewrites the live rows of an entry: each published locale shows the version it was published at, and every
    /// row's <c>translations</c> lists the locales that are live now.
    /// </summary>
    private async Task RefreshLiveItemsAsync(ContentType type, Entry entry,
        (List<Publication> Publications, EntryVersion? Version, JsonObject? Fields, JsonObject? Slugs)? known, CancellationToken ct)
    {
        var publications = known?.Publications ?? await PublicationsAsync(entry.Id, ct);
        var versionNumbers = publications.Select(p => p.Version).Distinct().ToList();
        var versions = await db.Versions.AsNoTracking().Where(v => v.EntryId == entry.Id && versionNumbers.Contains(v.Number)).ToListAsync(ct);
        if (known?.Version is { } fresh && !versions.Any(v => v.Number == fresh.Number))
        {
            versions.Add(fresh);
        }
        // Slugs route by the current slug even for an older published version.
        var currentSlugs = known?.Slugs ?? await CurrentSlugsAsync(entry.Id, ct);
        var translations = new JsonObject();
        foreach (var publication in publications.OrderBy(p => p.Locale == Locales.Arabic ? 0 : 1))
        {
            if (currentSlugs[publication.Locale]?.GetValue<string>() is { } slug)
            {
                translations[publication.Locale] = type.SitePath(publication.Locale, slug);
            }
        }
        var rows = await db.DeliveryItems.Where(d => d.EntryId == entry.Id && d.Channel == Channels.Live).ToListAsync(ct);
        foreach (var publication in publications)
        {
            var version = versions.Single(v => v.Number == publication.Version);
            var fields = version.Number == known?.Version?.Number && known?.Fields is { } f ? f : JsonNode.Parse(version.Fields)!.AsObject();
            var row = rows.SingleOrDefault(r => r.Locale == publication.Locale);
            await WriteItemAsync(type, entry.Id, Channels.Live, publication.Locale, fields, currentSlugs, translations,
                version.Number, publication.FirstPublishedAt, version.CreatedAt, row, ct);
        }
    }

    private async Task<JsonObject> CurrentSlugsAsync(Guid entryId, CancellationToken ct)
    {
        var tracked = db.ChangeTracker.Entries<SlugRecord>().Where(e => e.Entity.EntryId == entryId && e.State != EntityState.Deleted).Select(e => e.Entity).ToList();
        var stored = await db.Slugs.AsNoTracking().Where(s => s.EntryId == entryId && s.IsCurrent).ToListAsync(ct);
        var result = new JsonObject();
        foreach (var slug in stored.Where(s => !tracked.Any(t => t.Locale == s.Locale && t.Value == s.Value)).Concat(tracked.Where(t => t.IsCurrent)))
        {
            result[slug.Locale] = slug.Value;
        }
        return result;
    }

    private async Task UpsertDraftItemsAsync(ContentType type, Entry entry, JsonObject fields, JsonObject slugs, CancellationToken ct)
    {
        var translations = new JsonObject();
        foreach (var locale in Locales.All)
        {
            if (slugs[locale]?.GetValue<string>() is { } slug)
            {
                translations[locale] = type.SitePath(locale, slug);
            }
        }
        var rows = await db.DeliveryItems.Where(d => d.EntryId == entry.Id && d.Channel == Channels.Draft).ToListAsync(ct);
        foreach (var locale in Locales.All)
        {
            await WriteItemAsync(type, entry.Id, Channels.Draft, locale, fields, slugs, translations, entry.Version,
                entry.CreatedAt, entry.UpdatedAt, rows.SingleOrDefault(r => r.Locale == locale), ct);
        }
    }

    private async Task WriteItemAsync(ContentType type, Guid entryId, string channel, string locale, JsonObject fields, JsonObject slugs,
        JsonObject translations, int version, DateTimeOffset publishedAt, DateTimeOffset updatedAt, DeliveryItem? row, CancellationToken ct)
    {
        var media = await LoadMediaAsync(Projection.MediaIds(type, fields), ct);
        var (flat, fallbacks) = Projection.Flatten(type, fields, locale, media);
        var slug = slugs[locale]?.GetValue<string>() ?? slugs[Locales.Other(locale)]?.GetValue<string>() ?? entryId.ToString();
        if (row is null)
        {
            row = new DeliveryItem
            {
                EntryId = entryId, Locale = locale, Channel = channel, Type = type.Name, Slug = slug,
                Fields = "", Fallbacks = "", Translations = "",
            };
            db.DeliveryItems.Add(row);
        }
        row.Slug = slug;
        row.Fields = flat.ToJsonString(JsonText.Options);
        row.Fallbacks = JsonSerializer.Serialize(fallbacks, JsonText.Options);
        row.Translations = translations.ToJsonString(JsonText.Options);
        row.Version = version;
        row.PublishedAt = publishedAt.ToUnixTimeMilliseconds();
        row.UpdatedAt = updatedAt.ToUnixTimeMilliseconds();
    }

    private readonly Dictionary<Guid, MediaAsset> _mediaCache = [];

    private async Task<IReadOnlyDictionary<Guid, MediaAsset>> LoadMediaAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var missing = ids.Where(id => !_mediaCache.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var asset in await db.Media.AsNoTracking().Where(m => missing.Contains(m.Id)).ToListAsync(ct))
            {
                _mediaCache[asset.Id] = asset;
            }
        }
        return _mediaCache;
    }

    private static IReadOnlyList<string> ResolveLocales(IReadOnlyList<string>? locales)
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

    private void Raise(Entry entry, string kind, IReadOnlyList<string> locales)
    {
        db.Outbox.Add(new OutboxMessage
        {
            Type = kind,
            Key = entry.Id.ToString(),
            Payload = JsonSerializer.Serialize(new { id = entry.Id, type = entry.Type, version = entry.Version, locales }, JsonText.Options),
            OccurredAt = clock.GetUtcNow(),
        });
        _changes.Add(new ContentChange(entry.Id, entry.Type, kind, locales));
    }

    private async Task CommitAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditRejected(ProblemCode.Conflict, "Someone else saved this entry at the same time; reload and try again.", "حفظ شخص آخر هذا المحتوى في الوقت نفسه؛ أعد التحميل وحاول مجددًا");
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            throw new EditRejected(ProblemCode.Conflict, "A concurrent change claimed the same version or slug; reload and try again.", "تغيير متزامن استخدم النسخة أو المعرّف النصي نفسه؛ أعد التحميل وحاول مجددًا");
        }
        await NotifyAsync();
    }

    private async Task NotifyAsync()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        if (changes.Count == 0)
        {
            return;
        }
        outboxSignal.Notify();
        foreach (var observer in observers)
        {
            foreach (var change in changes)
            {
                await observer.ContentChangedAsync(change, CancellationToken.None);
            }
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException?.Message is { } m && (m.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) || m.Contains("23505", StringComparison.Ordinal) || m.Contains("duplicate key", StringComparison.OrdinalIgnoreCase));
}
