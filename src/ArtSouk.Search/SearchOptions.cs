using System.ComponentModel.DataAnnotations;

namespace ArtSouk.Search;

public enum SearchProvider
{
    Lucene,
    Elasticsearch,
}

/// <summary>The <c>Search</c> section: <c>Search__Provider=Elasticsearch</c>, <c>Search__Elasticsearch__Url</c>, ...</summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "Search";

    public SearchProvider Provider { get; set; } = SearchProvider.Lucene;

    /// <summary>Longest query accepted, in characters.</summary>
    [Range(10, 1000, ErrorMessage = "Search:MaxQueryLength must be between 10 and 1000")]
    public int MaxQueryLength { get; set; } = 200;

    public Uri? ElasticsearchUrl { get; set; }

    public string ElasticsearchIndex { get; set; } = "artsouk";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Refused here rather than thrown later, so start-up stops with one line naming the key.
        if (Provider == SearchProvider.Elasticsearch)
        {
            yield return new ValidationResult("Search:Provider Elasticsearch is not available in this build yet; use Lucene", [nameof(Provider)]);
        }
    }
}
