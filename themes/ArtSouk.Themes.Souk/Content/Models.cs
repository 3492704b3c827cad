using ArtSouk.Cms.ContentTypes;

namespace ArtSouk.Themes.Souk.Content;

public sealed record FilterOption(string Value, string Label);

public sealed record Filter(string Name, string Label, IReadOnlyList<FilterOption> Options, string? Selected);

/// <summary>A titled row of cards under an entry: an artist's works, a gallery's events, ...</summary>
public sealed record Related(string Heading, IReadOnlyList<SiteEntry> Items, string? MorePath = null);

public sealed record HomeModel(SiteEntry? Page, IReadOnlyDictionary<Guid, SiteEntry> Lookup, IReadOnlyList<SiteEntry> Hero, IReadOnlyList<Related> Curated);

public sealed record CalendarMonth(int Year, int Month, IReadOnlyList<SiteEntry> Items, string PreviousPath, string NextPath);

public sealed record ListModel(
    ContentType Type,
    IReadOnlyList<SiteEntry> Items,
    IReadOnlyList<Filter> Filters,
    IReadOnlyDictionary<Guid, SiteEntry> Lookup,
    string? NextPath,
    string? FirstPath,
    CalendarMonth? Calendar,
    string ListPath,
    string CalendarPath);

public sealed record EntryModel(SiteEntry Entry, IReadOnlyDictionary<Guid, SiteEntry> Lookup, IReadOnlyList<Related> Related, string? CalendarFile);

public sealed record ErrorModel(int Status);
