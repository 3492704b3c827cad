using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Media;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Slugs;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Localization;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Reading;

/// <summary>
/// Writes the read model the Delivery API serves: one row per entry, locale and channel (draft, live), flattened to
/// that locale with its fallbacks and the paths of its translations. Called inside the editor's unit of work.
/// </summary>
internal sealed class ReadModelWriter(CmsDbContext db)
{
    private readonly Dictionary<Guid, MediaAsset> _media = [];

    /// <summary>The working draft in every locale, with translations to the locales that have a slug.</summary>
    public async Task WriteDraftAsync(ContentType type, Entry entry, JsonObject fields, JsonObject slugs, CancellationToken ct)
    {
        var translations = new JsonObject();
        foreach (var locale in Locales.All)
        {
            if (slugs[locale]?.GetValue<string>() is { } slug)
            {
                translations[locale] = type.SitePath(locale, slug);
            }
        }
        var rows = await StoredRowsAsync(entry, Channels.Draft, ct);
        foreach (var locale in Locales.All)
        {
            await WriteRowAsync(type, entry.Id, Channels.Draft, locale, fields, slugs, translations, entry.Version,
                entry.CreatedAt, entry.UpdatedAt, rows.SingleOrDefault(r => r.Locale == locale), ct);
        }
    }

    /// <summary>
    /// Rewrites the live rows of an entry: each published locale shows the version it was published at, and every
    /// row's <c>translations</c> lists the locales that are live now. <paramref name="fresh"/> is a version saved in
    /// this unit of work (not yet in the database); <paramref name="slugs"/> the entry's current slugs when known.
    /// </summary>
    public async Task RefreshLiveAsync(ContentType type, Entry entry, IReadOnlyList<Publication> publications,
        (EntryVersion Version, JsonObject Fields)? fresh, JsonObject? slugs, CancellationToken ct)
    {
        var versionNumbers = publications.Select(p => p.Version).Distinct().ToList();
        var versions = IsNew(entry) ? []
            : await db.Versions.AsNoTracking().Where(v => v.EntryId == entry.Id && versionNumbers.Contains(v.Number)).ToListAsync(ct);
        if (fresh is { Version: var saved } && !versions.Any(v => v.Number == saved.Number))
        {
            versions.Add(saved);
        }
        // Slugs route by the current slug even for an older published version.
        var currentSlugs = slugs ?? await CurrentSlugsAsync(entry.Id, ct);
        var translations = new JsonObject();
        foreach (var publication in publications.OrderBy(p => p.Locale == Locales.Arabic ? 0 : 1))
        {
            if (currentSlugs[publication.Locale]?.GetValue<string>() is { } slug)
            {
                translations[publication.Locale] = type.SitePath(publication.Locale, slug);
            }
        }
        var rows = await StoredRowsAsync(entry, Channels.Live, ct);
        foreach (var publication in publications)
        {
            var version = versions.Single(v => v.Number == publication.Version);
            var fields = fresh is { } f && f.Version.Number == version.Number ? f.Fields : JsonNode.Parse(version.Fields)!.AsObject();
            await WriteRowAsync(type, entry.Id, Channels.Live, publication.Locale, fields, currentSlugs, translations,
                version.Number, publication.FirstPublishedAt, version.CreatedAt, rows.SingleOrDefault(r => r.Locale == publication.Locale), ct);
        }
    }

    /// <summary>Takes the entry offline in these locales.</summary>
    public async Task RemoveLiveAsync(Guid entryId, IReadOnlyList<string> locales, CancellationToken ct)
    {
        var stored = await db.DeliveryItems.Where(d => d.EntryId == entryId && d.Channel == Channels.Live && locales.Contains(d.Locale)).ToListAsync(ct);
        // Rows published earlier in this same unit of work (a schedule run) are not in the database yet.
        var added = db.DeliveryItems.Local.Where(d => d.EntryId == entryId && d.Channel == Channels.Live && locales.Contains(d.Locale));
        db.DeliveryItems.RemoveRange(stored.Union(added).ToList());
    }

    /// <summary>An entry created in this unit of work has nothing stored yet: no query needed (an import creates thousands).</summary>
    private bool IsNew(Entry entry) => db.Entry(entry).State == EntityState.Added;

    private async Task<List<DeliveryItem>> StoredRowsAsync(Entry entry, string channel, CancellationToken ct) => IsNew(entry)
        ? []
        : await db.DeliveryItems.Where(d => d.EntryId == entry.Id && d.Channel == channel).ToListAsync(ct);

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

    private async Task WriteRowAsync(ContentType type, Guid entryId, string channel, string locale, JsonObject fields, JsonObject slugs,
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

    /// <summary>Media of the unit of work's entries, loaded once each (a seed or an import writes many entries per unit).</summary>
    private async Task<IReadOnlyDictionary<Guid, MediaAsset>> LoadMediaAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var missing = ids.Where(id => !_media.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var asset in await db.Media.AsNoTracking().Where(m => missing.Contains(m.Id)).ToListAsync(ct))
            {
                _media[asset.Id] = asset;
            }
        }
        return _media;
    }
}
