namespace ArtSouk.Search;

/// <summary>The text of an entry in one locale, as it is indexed.</summary>
/// <param name="Title">The entry's title or name.</param>
/// <param name="Body">Descriptions, bios, summaries as plain text.</param>
/// <param name="Names">Names of the people and places it refers to (an artwork's artist, a workshop's instructor).</param>
/// <param name="Slug">The slug in this locale.</param>
/// <param name="Url">The public site path in this locale.</param>
/// <param name="City">A city to filter and count by, in this locale.</param>
/// <param name="Medium">A medium to filter and count by, in this locale.</param>
/// <param name="Category">The category's label in this locale (its code is <see cref="SearchDocument.Category"/>).</param>
public sealed record SearchText(string Title, string Body, string Names, string Slug, string Url, string? City, string? Medium, string? Category);

/// <summary>What is for sale about an entry, as commerce lists it: price in halalas and what buyers see as availability.</summary>
public sealed record SearchListing(long PriceMinor, string Availability);

/// <summary>
/// An entry in the editors' index: its states (<c>draft</c>, <c>published</c>, <c>scheduled</c>, <c>in_review</c>, ...)
/// and the access keys an account must share with it to see it (both from the CMS's <c>EntryStatuses</c>).
/// </summary>
public sealed record SearchEditorial(IReadOnlyList<string> States, IReadOnlyList<string> AccessKeys);

/// <summary>
/// One published entry, in both locales where it is published in both; <paramref name="Listing"/> when it is for sale.
/// In the editors' index, the latest version of any entry, with <paramref name="Editorial"/>.
/// </summary>
public sealed record SearchDocument(Guid Id, string Type, SearchText? Arabic, SearchText? English, string? Category, int? Year, SearchListing? Listing = null,
    SearchEditorial? Editorial = null)
{
    public SearchText? In(string locale) => locale == "en" ? English ?? Arabic : Arabic ?? English;
}

/// <summary>A search: words, the locale results are shown in, filters (field to accepted values) and the facets to count.</summary>
public sealed record SearchRequest(
    string Query,
    string Locale,
    IReadOnlyList<string> Types,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    IReadOnlyList<string> Facets,
    int Offset,
    int Limit);

public sealed record SearchHit(Guid Id, string Type, string Slug, string Title, string Snippet, double Score, string Url);

public sealed record FacetCount(string Value, int Count);

public sealed record SearchResult(IReadOnlyList<SearchHit> Items, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Facets);

/// <summary>An autocomplete suggestion: the title in the script typed, and in the other script when it has one.</summary>
public sealed record Suggestion(string Text, string? Alternate, Guid Id, string Type, string Url);

/// <summary>
/// The search port. The Lucene.NET adapter (embedded, under the data folder) is the default; the Elasticsearch adapter
/// serves production. Both index and query through our own analysis.
/// </summary>
public interface ISearchIndex
{
    /// <summary>Fields that can be filtered on and counted.</summary>
    public static IReadOnlyList<string> FacetFields { get; } = ["type", "category", "medium", "city", "year", "price", "availability"];

    /// <summary>Fields only the editors' index fills (<see cref="SearchEditorial"/>): filtered on, not counted.</summary>
    public static IReadOnlyList<string> EditorialFields { get; } = ["state", "access"];

    Task OpenAsync(CancellationToken cancellationToken);

    Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken);

    Task DeleteAsync(Guid id, CancellationToken cancellationToken);

    Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<Suggestion>> SuggestAsync(string query, string locale, int limit, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// When the last rebuild that completed began to read the content, as the index keeps it; null before one has, or
    /// where the index keeps no such mark. Every event that occurred before then is in the index already.
    /// </summary>
    Task<DateTimeOffset?> RebuiltFromAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Builds a new index beside the live one from <paramref name="documents"/> and swaps it in when done; searches are
    /// answered from the live index meanwhile, and changes made during the build reach both.
    /// </summary>
    Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, IProgress<int>? progress, CancellationToken cancellationToken);
}
