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
    Pager? Pager,
    CalendarMonth? Calendar,
    string ListPath,
    string CalendarPath);

public sealed record EntryModel(SiteEntry Entry, IReadOnlyDictionary<Guid, SiteEntry> Lookup, IReadOnlyList<Related> Related, string? CalendarFile)
{
    /// <summary>The script behind the buyer's forms: tickets of events and workshops, buying, offers and questions on artworks.</summary>
    public string? BuyerScript { get; init; }
}

public sealed record ErrorModel(int Status);

/// <summary>Numbered pages of a list or of search results: the current page, how many there are, and each page's address.</summary>
public sealed class Pager(int current, int count, Func<int, string> pathOf)
{
    public int Current { get; } = current;

    public int Count { get; } = count;

    public string PathOf(int page) => pathOf(page);

    public string? Previous => Current > 1 ? PathOf(Current - 1) : null;

    public string? Next => Current < Count ? PathOf(Current + 1) : null;

    /// <summary>The first, the last and two either side of the current page; null marks a gap (…).</summary>
    public IReadOnlyList<int?> Numbers()
    {
        var shown = new SortedSet<int> { 1, Count };
        for (var p = Current - 2; p <= Current + 2; p++)
        {
            if (p >= 1 && p <= Count)
            {
                shown.Add(p);
            }
        }
        var numbers = new List<int?>();
        var last = 0;
        foreach (var p in shown)
        {
            if (p - last == 2)
            {
                numbers.Add(p - 1);
            }
            else if (p - last > 2)
            {
                numbers.Add(null);
            }
            numbers.Add(p);
            last = p;
        }
        return numbers;
    }
}

public sealed record SearchFacet(string Value, string Label, int Count, string Path, bool Selected);

public sealed record SearchItem(string Title, string Path, string TypeLabel, string Snippet, SiteEntry? Entry);

/// <summary>One way to narrow results (city, price, availability): its values with counts, and the link that drops it when one is chosen.</summary>
public sealed record SearchFacetGroup(string Field, string Label, IReadOnlyList<SearchFacet> Values, string? ClearPath);

public sealed record SearchModel(string Query, IReadOnlyList<SearchItem> Items, int Total, IReadOnlyList<SearchFacet> Types, string AllPath, Pager? Pager, bool TooLong)
{
    public IReadOnlyList<SearchFacetGroup> Refine { get; init; } = [];
}
