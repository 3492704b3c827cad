using System.Globalization;
using ArtSouk.Search.Analysis;

namespace ArtSouk.Search.Querying;

/// <summary>The stored text of one locale: what a hit or a suggestion shows.</summary>
internal sealed record ShownText(string Title, string Body, string Slug, string Url);

/// <summary>
/// Every form an entry is indexed under, computed once by our analysis so that both adapters index exactly the same
/// terms: analyzed fields are our forms joined by spaces (the index only splits on those spaces).
/// </summary>
internal sealed record IndexedForms(
    Guid Id,
    string Type,
    IReadOnlyDictionary<string, ShownText> Shown,
    IReadOnlyList<string> TitleWhole,
    IReadOnlyDictionary<string, string> Analyzed,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    IReadOnlyDictionary<string, string> FacetValues,
    long? PriceMinor)
{
    /// <summary>The analyzed fields, in the order they are written.</summary>
    public static IReadOnlyList<string> AnalyzedFields { get; } =
        [F.TitleExact, F.TitleStem, F.TitleKey, F.BodyExact, F.BodyStem, F.NameExact, F.NameKey, F.Suggest];

    /// <summary>Every facet value field a document may carry (<see cref="F.FacetValue"/>).</summary>
    public static IReadOnlyList<string> FacetValueFields { get; } =
        ["v_type", "v_year", "v_city_ar", "v_city_en", "v_medium_ar", "v_medium_en", "v_category_ar", "v_category_en", "v_price", "v_availability"];

    public static IndexedForms Of(SearchDocument source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var shown = new Dictionary<string, ShownText>(StringComparer.Ordinal);
        var whole = new List<string>();
        var fields = IndexedForms.AnalyzedFields.ToDictionary(f => f, _ => new List<string>(), StringComparer.Ordinal);
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var facets = new Dictionary<string, string>(StringComparer.Ordinal) { ["v_type"] = source.Type };
        void Filter(string facet, string value)
        {
            if (!filters.TryGetValue(facet, out var list))
            {
                filters[facet] = list = [];
            }
            if (!list.Contains(value))
            {
                list.Add(value);
            }
        }
        Filter("type", source.Type);
        if (source.Category is { } category)
        {
            Filter("category", FilterValue(category));
        }
        if (source.Year is { } year)
        {
            var text = year.ToString(CultureInfo.InvariantCulture);
            Filter("year", text);
            facets["v_year"] = text;
        }
        if (source.Listing is { } listing)
        {
            // The band is counted; the price itself is indexed as a number for range filters (PriceBands.Field).
            facets["v_price"] = PriceBands.BandOf(listing.PriceMinor);
            Filter("availability", FilterValue(listing.Availability));
            facets["v_availability"] = listing.Availability;
        }
        if (source.Editorial is { } editorial)
        {
            foreach (var state in editorial.States)
            {
                Filter("state", FilterValue(state));
            }
            foreach (var key in editorial.AccessKeys)
            {
                Filter("access", FilterValue(key));
            }
        }
        foreach (var (locale, text) in new[] { ("ar", source.Arabic), ("en", source.English) })
        {
            if (text is null)
            {
                continue;
            }
            shown[locale] = new ShownText(text.Title, text.Body, text.Slug, text.Url);
            var title = TextAnalyzer.Analyze(text.Title);
            whole.Add(string.Join(' ', title.Select(w => w.Exact)));
            foreach (var word in title)
            {
                fields[F.TitleExact].Add(word.Exact);
                fields[F.TitleStem].AddRange(word.Stems);
                fields[F.TitleKey].AddRange(word.Keys);
                fields[F.Suggest].AddRange(Grams.OfTitle(word));
            }
            foreach (var word in TextAnalyzer.Analyze(text.Body))
            {
                fields[F.BodyExact].Add(word.Exact);
                fields[F.BodyStem].AddRange(word.Stems);
            }
            // Names of related people and places, the city, medium and category label are searchable words too.
            foreach (var word in TextAnalyzer.Analyze(string.Join(" \n ", text.Names, text.City, text.Medium, text.Category)))
            {
                fields[F.NameExact].Add(word.Exact);
                fields[F.NameKey].AddRange(word.Keys);
                fields[F.BodyStem].AddRange(word.Stems);
            }
            foreach (var word in TextAnalyzer.Analyze(text.Names))
            {
                fields[F.Suggest].AddRange(Grams.OfName(word));
            }
            foreach (var (facet, value) in new[] { ("city", text.City), ("medium", text.Medium), ("category", text.Category) })
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    Filter(facet, FilterValue(value));
                    facets[F.FacetValue(facet, locale)] = value.Trim();
                }
            }
        }
        // Grams repeat across words and locales; one of each is enough for a term match.
        fields[F.Suggest] = fields[F.Suggest].Distinct(StringComparer.Ordinal).ToList();
        return new IndexedForms(source.Id, source.Type, shown, whole,
            fields.ToDictionary(f => f.Key, f => string.Join(' ', f.Value), StringComparer.Ordinal),
            filters.ToDictionary(f => f.Key, f => (IReadOnlyList<string>)f.Value, StringComparer.Ordinal),
            facets, source.Listing?.PriceMinor);
    }

    /// <summary>A filter value as it is indexed: normalized words, so الرياض, الریاض and Riyadh each match their own city.</summary>
    public static string FilterValue(string value) => string.Join(' ', TextAnalyzer.ExactWords(value));
}
