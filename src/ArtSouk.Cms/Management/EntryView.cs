using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Reading;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Management;

/// <summary>How an entry looks to an editor: all locales, publication and translation status per locale.</summary>
internal sealed record EntryView(
    Guid Id,
    string Type,
    int Version,
    JsonObject Slug,
    JsonObject Fields,
    IReadOnlyDictionary<string, LocaleStatus> Status,
    DateTimeOffset? PublishAt,
    DateTimeOffset? UnpublishAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int? ScheduledVersion = null,
    ScheduleFailureView? ScheduleFailure = null,
    ReviewView? Review = null,
    string? UpdatedBy = null)
{
    public static async Task<EntryView> LoadAsync(CmsDbContext db, ContentType type, Guid id, CancellationToken ct) =>
        (await LoadManyAsync(db, type, db.Entries.AsNoTracking().Where(e => e.Id == id), ct)).Single();

    /// <summary>Views of the given entries in their order, with three queries whatever their number.</summary>
    public static async Task<List<EntryView>> LoadManyAsync(CmsDbContext db, ContentType type, IQueryable<Entry> query, CancellationToken ct)
    {
        var entries = await query.ToListAsync(ct);
        var ids = entries.Select(e => e.Id).ToList();
        var versions = await db.Versions.AsNoTracking()
            .Where(v => ids.Contains(v.EntryId) && db.Entries.Any(e => e.Id == v.EntryId && e.Version == v.Number))
            .ToDictionaryAsync(v => v.EntryId, ct);
        var publications = (await db.Publications.AsNoTracking().Where(p => ids.Contains(p.EntryId)).ToListAsync(ct)).ToLookup(p => p.EntryId);
        return entries.Select(e => Of(type, e, versions[e.Id], publications[e.Id].ToList())).ToList();
    }

    private static EntryView Of(ContentType type, Entry entry, EntryVersion version, List<Publication> publications)
    {
        var fields = JsonNode.Parse(version.Fields)!.AsObject();
        var edits = JsonNode.Parse(version.Edits)!.AsObject();
        var status = Locales.All.ToDictionary(locale => locale, locale =>
        {
            var publication = publications.SingleOrDefault(p => p.Locale == locale);
            return new LocaleStatus(
                publication is not null,
                publication?.Version,
                publication?.PublishedAt,
                TranslationStatus.Missing(type, fields, locale),
                TranslationStatus.Outdated(type, fields, edits, locale));
        });
        return new EntryView(entry.Id, entry.Type, entry.Version, JsonNode.Parse(version.Slugs)!.AsObject(), fields, status,
            entry.PublishAt, entry.UnpublishAt, entry.CreatedAt, entry.UpdatedAt,
            entry.PublishAt is null ? null : entry.ScheduledVersion ?? entry.Version,
            entry.ScheduleFailedAt is { } failedAt ? new ScheduleFailureView(failedAt, entry.ScheduleFailure ?? "") : null,
            entry.ReviewState is { } state ? new ReviewView(state, entry.ReviewComment, entry.ReviewBy, entry.ReviewAt, entry.ReviewVersion ?? entry.Version) : null,
            entry.UpdatedBy);
    }
}

/// <summary>Why a schedule could not run, and when; cleared by the next schedule or publish.</summary>
internal sealed record ScheduleFailureView(DateTimeOffset At, string Reason);

/// <summary>
/// An owner's save waiting for (or decided by) a curator: <c>in_review</c>, <c>rejected</c> (with the comment the author
/// reads) or <c>approved</c>; <c>version</c> is the version under review.
/// </summary>
internal sealed record ReviewView(string State, string? Comment, string? By, DateTimeOffset? At, int Version);

/// <summary>
/// <c>complete</c>: every required localized field has a value in this locale. <c>outdated</c>: the other locale's
/// value of some field changed after this locale's was last edited.
/// </summary>
internal sealed record LocaleStatus(bool Published, int? PublishedVersion, DateTimeOffset? PublishedAt, IReadOnlyList<string> MissingFields, IReadOnlyList<string> OutdatedFields)
{
    public bool Complete => MissingFields.Count == 0;
    public bool Outdated => OutdatedFields.Count > 0;
}

internal static class TranslationStatus
{
    public static List<string> Missing(ContentType type, JsonObject fields, string locale) =>
        Projection.MissingRequired(type, fields, locale, allowFallback: false).Where(f => type.Field(f)!.Localized).ToList();

    public static List<string> Outdated(ContentType type, JsonObject fields, JsonObject edits, string locale)
    {
        var other = Locales.Other(locale);
        return type.Fields.Where(f => f.Localized && (fields[f.Name] as JsonObject)?[locale] is not null)
            .Where(f => Stamp(edits, f.Name, other) > Stamp(edits, f.Name, locale))
            .Select(f => f.Name)
            .ToList();
    }

    private static int Stamp(JsonObject edits, string field, string locale) => (edits[field] as JsonObject)?[locale]?.GetValue<int>() ?? 0;
}
