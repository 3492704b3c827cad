namespace ArtSouk.Cms.Reading;

/// <summary>
/// One entry in one locale as the Delivery API and the site read it. JSON members are raw JSON text, so callers can
/// write them out without re-serializing.
/// </summary>
public sealed record ContentItem(
    Guid Id,
    string Type,
    string Slug,
    string Locale,
    string FieldsJson,
    string FallbacksJson,
    string TranslationsJson,
    int Version,
    DateTimeOffset PublishedAt,
    DateTimeOffset UpdatedAt);

public sealed record ContentPage(IReadOnlyList<ContentItem> Items, string? Next);

public enum FilterOperator
{
    Eq,
    Ne,
    In,
    Lt,
    Lte,
    Gt,
    Gte,
    Contains,
    Exists,
}

/// <summary>A filter as written in a query string: <c>filter[year][gte]=2000</c>.</summary>
public sealed record FieldFilter(string Field, FilterOperator Operator, string Value);

public sealed record FieldSort(string Field, bool Descending);

public sealed record ContentQuery(
    string Type,
    string Locale,
    bool Preview,
    IReadOnlyList<FieldFilter> Filters,
    IReadOnlyList<FieldSort> Sorts,
    int Limit,
    string? Cursor);

/// <summary>A query the reader cannot run; <see cref="Parameter"/> names the offending query parameter.</summary>
public sealed class InvalidQueryException(string parameter, string message, string arabicMessage) : Exception(message)
{
    public string Parameter { get; } = parameter;

    /// <summary>The message in the caller's language.</summary>
    public string In(string locale) => locale == Kernel.Localization.Locales.Arabic ? arabicMessage : Message;
}

/// <summary>What a site path resolves to.</summary>
public sealed record RouteMatch(string Kind, string Type, Guid Id, string Locale, string Path, ContentItem? Item)
{
    public const string EntryKind = "entry";
    public const string RedirectKind = "redirect";
}
