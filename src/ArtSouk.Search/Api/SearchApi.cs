using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Search.Indexing;
using ArtSouk.Search.Querying;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ArtSouk.Search.Api;

public sealed record SearchItemView(Guid Id, string Type, string Slug, string Title, string Snippet, double Score, string Url);

public sealed record FacetView(string Value, int Count);

public sealed record SearchView(IReadOnlyList<SearchItemView> Items, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetView>> Facets, string? Next);

public sealed record SuggestionView(string Text, string? Alternate, Guid Id, string Type, string Url);

public sealed record SuggestView(IReadOnlyList<SuggestionView> Items);

internal static class SearchApi
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 50;
    public const int MaxSuggestions = 10;
    internal const int MaxOffset = 1000;

    public static void MapSearchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/search").WithTags("Search");
        group.MapGet("", SearchAsync)
            .WithSummary("Search published content in Arabic and English")
            .WithDescription("q (required, at most Search:MaxQueryLength characters); locale=ar|en for titles, snippets and URLs; type=artist,artwork,...; " +
                "facets=type,category,medium,city,year,price,availability; filter[city]=Riyadh (also category, medium, year, type, availability); " +
                "filter[price]=5000-20000 (SAR, min included, max not; either end may be left out; price facet values are such ranges); limit=1..50; cursor from 'next'. " +
                "Snippets are HTML with matches in <mark>.");
        group.MapGet("/suggest", SuggestAsync)
            .WithSummary("Up to 10 names and titles for what is being typed, in the script typed and the other one");
    }

    private static async Task<Results<Ok<SearchView>, BadRequestProblem>> SearchAsync(
        HttpContext http, ISearchIndex index, IOptions<SearchOptions> options, CancellationToken ct)
    {
        var request = http.Request;
        var errors = new ValidationErrors();
        var q = Query(request, options.Value, errors);
        if (!Locales.TryFromQuery(request, out var locale))
        {
            errors.Add("locale", Locales.Say(request, "اللغة يجب أن تكون ar أو en", "locale must be ar or en"));
        }
        var types = List(request.Query["type"]);
        foreach (var type in types.Where(t => !SearchFeed.Types.Contains(t)))
        {
            errors.Add("type", Locales.Say(request, $"النوع «{type}» غير مفهرس؛ الأنواع: {string.Join("، ", SearchFeed.Types)}",
                $"'{type}' is not a searchable type; types: {string.Join(", ", SearchFeed.Types)}"));
        }
        var facets = List(request.Query["facets"]);
        foreach (var facet in facets.Where(f => !ISearchIndex.FacetFields.Contains(f)))
        {
            errors.Add("facets", Locales.Say(request, $"لا يوجد تصنيف باسم «{facet}»؛ المتاح: {string.Join("، ", ISearchIndex.FacetFields)}",
                $"'{facet}' is not a facet; facets: {string.Join(", ", ISearchIndex.FacetFields)}"));
        }
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in request.Query.Where(p => p.Key.StartsWith("filter", StringComparison.Ordinal)))
        {
            var field = key.Length > 8 && key.StartsWith("filter[", StringComparison.Ordinal) && key.EndsWith(']') ? key[7..^1] : "";
            if (!ISearchIndex.FacetFields.Contains(field))
            {
                errors.Add(key, Locales.Say(request, $"لا يمكن التصفية بـ «{key}»؛ المتاح: filter[{string.Join("]، filter[", ISearchIndex.FacetFields)}]",
                    $"cannot filter by '{key}'; use filter[{string.Join("], filter[", ISearchIndex.FacetFields)}]"));
                continue;
            }
            var values = List(value);
            if (field == "price" && values.Any(v => !PriceBands.TryParse(v, out _, out _)))
            {
                errors.Add(key, Locales.Say(request, "يُكتب filter[price] بالريال على هيئة min-max، مثل 5000-20000 أو 100000-",
                    "filter[price] is a range in SAR, min-max, such as 5000-20000 or 100000-"));
                continue;
            }
            if (values.Count > 0)
            {
                filters[field] = values;
            }
        }
        var limit = DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors.Add("limit", Locales.Say(request, $"يجب أن يكون limit بين 1 و{MaxLimit}", $"limit must be between 1 and {MaxLimit}"));
        }
        var signature = Signature(q, locale, types, filters);
        var offset = 0;
        if (request.Query["cursor"].ToString() is { Length: > 0 } cursor && !TryReadCursor(cursor, signature, out offset))
        {
            errors.Add("cursor", Locales.Say(request, "المؤشر cursor غير صالح لهذا البحث؛ استخدم قيمة next من الإجابة السابقة",
                "cursor is not valid for this search; pass the 'next' of the previous answer"));
        }
        if (!errors.IsEmpty)
        {
            return Bad(errors);
        }
        var result = await index.SearchAsync(new SearchRequest(q, locale, types, filters, facets, offset, limit), ct);
        var nextOffset = offset + result.Items.Count;
        var next = nextOffset < result.Total && nextOffset < MaxOffset && result.Items.Count > 0 ? WriteCursor(nextOffset, signature) : null;
        http.Response.Headers.ContentLanguage = locale;
        return TypedResults.Ok(new SearchView(
            result.Items.Select(h => new SearchItemView(h.Id, h.Type, h.Slug, h.Title, h.Snippet, h.Score, h.Url)).ToList(),
            result.Total,
            result.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetView>)f.Value.Select(c => new FacetView(c.Value, c.Count)).ToList()),
            next));
    }

    private static async Task<Results<Ok<SuggestView>, BadRequestProblem>> SuggestAsync(
        HttpContext http, ISearchIndex index, IOptions<SearchOptions> options, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var q = Query(http.Request, options.Value, errors);
        if (!Locales.TryFromQuery(http.Request, out var locale))
        {
            errors.Add("locale", Locales.Say(http.Request, "اللغة يجب أن تكون ar أو en", "locale must be ar or en"));
        }
        if (!errors.IsEmpty)
        {
            return Bad(errors);
        }
        var suggestions = await index.SuggestAsync(q, locale, MaxSuggestions, ct);
        return TypedResults.Ok(new SuggestView(suggestions.Select(s => new SuggestionView(s.Text, s.Alternate, s.Id, s.Type, s.Url)).ToList()));
    }

    internal static string Query(HttpRequest request, SearchOptions options, ValidationErrors errors)
    {
        var q = request.Query["q"].ToString().Trim();
        if (q.Length == 0)
        {
            errors.Add("q", Locales.Say(request, "اكتب كلمة للبحث في المعامل q", "q is required: the words to search for"));
        }
        else if (q.Length > options.MaxQueryLength)
        {
            errors.Add("q", Locales.Say(request, $"نص البحث أطول من {options.MaxQueryLength} حرفًا", $"q is longer than {options.MaxQueryLength} characters"));
        }
        return q;
    }

    internal static BadRequestProblem Bad(ValidationErrors errors) =>
        new(ProblemCode.BadQuery, errors.ToDictionary().First().Value[0], errors.ToDictionary());

    internal static List<string> List(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>What a cursor is bound to: a cursor from one search is refused by another.</summary>
    internal static string Signature(string q, string locale, IEnumerable<string> types, Dictionary<string, IReadOnlyList<string>> filters)
    {
        var text = string.Join('|', q, locale, string.Join(',', types.Order(StringComparer.Ordinal)),
            string.Join(';', filters.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + string.Join(',', f.Value))));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
    }

    internal static string WriteCursor(int offset, string signature) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{offset}.{signature}")));

    internal static bool TryReadCursor(string cursor, string signature, out int offset)
    {
        offset = 0;
        if (cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && text[(dot + 1)..] == signature
            && int.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out offset) && offset is > 0 and <= MaxOffset;
    }
}
