namespace ArtSouk.Cms.Entries;

/// <summary>An editorial entry: its identity, its working draft's version number and its schedule.</summary>
internal sealed class Entry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Type { get; init; }

    /// <summary>The working draft is always the latest version; a save that races another fails on this number.</summary>
    public int Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? CreatedBy { get; init; }

    public DateTimeOffset? PublishAt { get; set; }
    public DateTimeOffset? UnpublishAt { get; set; }

    /// <summary>Comma-separated locales <see cref="PublishAt"/> applies to.</summary>
    public string PublishLocales { get; set; } = "ar,en";

    /// <summary>Comma-separated locales <see cref="UnpublishAt"/> applies to.</summary>
    public string UnpublishLocales { get; set; } = "ar,en";

    /// <summary>The version <see cref="PublishAt"/> puts live: the one current when it was scheduled, not whatever came later.</summary>
    public int? ScheduledVersion { get; set; }

    /// <summary>When a schedule could not run; the entry stays as it was and the dashboard lists it until someone acts.</summary>
    public DateTimeOffset? ScheduleFailedAt { get; set; }
    public string? ScheduleFailure { get; set; }

    /// <summary>The account id of the last save, for "my drafts".</summary>
    public string? UpdatedBy { get; set; }

    /// <summary>Set when the entry is in the trash: gone from Delivery and lists, restorable until the trash is emptied.</summary>
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    /// <summary><see cref="ReviewStates"/>; null when no save ever waited for review.</summary>
    public string? ReviewState { get; set; }

    /// <summary>The version the review is (or was) about.</summary>
    public int? ReviewVersion { get; set; }
    public string? ReviewComment { get; set; }

    /// <summary>Who decided the review (or, while in review, who asked for it).</summary>
    public string? ReviewBy { get; set; }
    public DateTimeOffset? ReviewAt { get; set; }
}

internal static class ReviewStates
{
    public const string InReview = "in_review";
    public const string Rejected = "rejected";
    public const string Approved = "approved";
}

/// <summary>An immutable snapshot of all locales of an entry, written on every save.</summary>
internal sealed class EntryVersion
{
    public long Id { get; init; }
    public Guid EntryId { get; init; }
    public int Number { get; init; }

    /// <summary>All fields, localized ones as <c>{"ar": .., "en": ..}</c>.</summary>
    public required string Fields { get; init; }

    /// <summary>The slugs at this version, <c>{"ar": .., "en": ..}</c>.</summary>
    public required string Slugs { get; init; }

    /// <summary>Per localized field and locale, the version that last changed the value: drives translation status.</summary>
    public required string Edits { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string? Author { get; init; }
    public string? Note { get; init; }
}

/// <summary>A slug in one locale. The current one routes; earlier ones redirect to it.</summary>
internal sealed class SlugRecord
{
    public required string Type { get; init; }
    public required string Locale { get; init; }
    public required string Value { get; init; }
    public Guid EntryId { get; set; }
    public bool IsCurrent { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An entry is live in a locale exactly when it has a publication there.</summary>
internal sealed class Publication
{
    public Guid EntryId { get; init; }
    public required string Locale { get; init; }
    public int Version { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public DateTimeOffset FirstPublishedAt { get; init; }
}

/// <summary>
/// The Delivery API's read model: one row per entry, locale and channel (<c>live</c> or <c>draft</c>), fields already
/// flattened to the locale with fallbacks applied. Rebuilt from versions and publications; never the source of truth.
/// </summary>
internal sealed class DeliveryItem
{
    public Guid EntryId { get; init; }
    public required string Locale { get; init; }
    public required string Channel { get; init; }
    public required string Type { get; init; }
    public required string Slug { get; set; }
    public required string Fields { get; set; }
    public required string Fallbacks { get; set; }
    public required string Translations { get; set; }
    public int Version { get; set; }

    /// <summary>Unix milliseconds, so keyset paging compares plain integers on both providers.</summary>
    public long PublishedAt { get; set; }
    public long UpdatedAt { get; set; }
}

internal static class Channels
{
    public const string Live = "live";
    public const string Draft = "draft";
}
