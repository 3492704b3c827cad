using System.ComponentModel.DataAnnotations;

namespace ArtSouk.Search;

public enum SearchProvider
{
    Lucene,
    Elasticsearch,
}

/// <summary>The <c>Search</c> section: <c>Search__Provider=Elasticsearch</c>, <c>Search__ElasticsearchUrl</c>, ...</summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "Search";

    public SearchProvider Provider { get; set; } = SearchProvider.Lucene;

    /// <summary>Longest query accepted, in characters.</summary>
    [Range(10, 1000, ErrorMessage = "Search:MaxQueryLength must be between 10 and 1000")]
    public int MaxQueryLength { get; set; } = 200;

    public Uri? ElasticsearchUrl { get; set; }

    /// <summary>The alias searches go to; each build is a concrete index <c>{alias}-{timestamp}</c> behind it.</summary>
    [RegularExpression("^[a-z0-9][a-z0-9_-]{0,200}$", ErrorMessage = "Search:ElasticsearchIndex must be lowercase letters, digits, '-' or '_'")]
    public string ElasticsearchIndex { get; set; } = "artsouk";

    /// <summary>An Elasticsearch API key (the encoded form), sent as <c>Authorization: ApiKey ...</c>; none when empty.</summary>
    public string? ElasticsearchApiKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Refused here rather than thrown later, so start-up stops with one line naming the key.
        if (Provider == SearchProvider.Elasticsearch && ElasticsearchUrl is not { IsAbsoluteUri: true })
        {
            yield return new ValidationResult("Search:ElasticsearchUrl must be an absolute URL (http://elasticsearch:9200) when Search:Provider is Elasticsearch", [nameof(ElasticsearchUrl)]);
        }
    }
}
