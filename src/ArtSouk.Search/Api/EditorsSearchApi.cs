using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Management;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using ArtSouk.Search.Indexing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArtSouk.Search.Api;

/// <summary>
/// A match of the editors' search: the public search's item plus the entry's states as they are now (most pressing
/// first, <c>state</c> is the first), the address of its editor in the manager, and its latest title in the other locale
/// (<c>alternate</c>, null when it has none of its own or the same), as the list shows both.
/// </summary>
public sealed record EditorsSearchItemView(Guid Id, string Type, string Slug, string Title, string Snippet, double Score, string Url,
    string State, IReadOnlyList<string> States, string EditUrl, string? Alternate);

public sealed record EditorsSearchView(IReadOnlyList<EditorsSearchItemView> Items, int Total, IReadOnlyDictionary<string, IReadOnlyList<FacetView>> Facets, string? Next);

/// <summary>
/// <c>GET /api/v1/manage/search/entries</c>: the manager's search over the editors' index (drafts, reviews, schedules and
/// published entries, each at its latest version), with our analysis, limited to what the caller may edit.
/// </summary>
internal static class EditorsSearchApi
{
    public static void MapEditorsSearchApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/manage/search/entries").RequireAuthorization(Policies.ManageContent).WithTags("Search")
            .MapGet("", SearchAsync)
            .WithSummary("Search every entry the caller may edit, drafts included, in Arabic and English")
            .WithDescription("q (required, at most Search:MaxQueryLength characters); locale=ar|en for titles, snippets and URLs; type=artist,artwork,... " +
                "(403 for a type the caller may not manage); state=draft,published,scheduled,in_review,rejected,schedule_failed (any of them); " +
                "facets as in /api/v1/search; limit=1..50; cursor from 'next'. Each item carries its states now and editUrl, its editor in the manager. " +
                "An artist or gallery account finds its own entry and the artworks that reference it, as in the manage lists.");

    private static async Task<Results<Ok<EditorsSearchView>, BadRequestProblem, ForbiddenProblem>> SearchAsync(
        HttpContext http, [FromKeyedServices(Audience.Editors)] ISearchIndex index, EntryStatuses statuses, ContentReader reader, ContentTypeRegistry contentTypes,
        IOptions<SearchOptions> options, CancellationToken ct)
    {
        var request = http.Request;
        var errors = new ValidationErrors();
        var q = SearchApi.Query(request, options.Value, errors);
        if (!Locales.TryFromQuery(request, out var locale))
        {
            errors.Add("locale", Locales.Say(request, "اللغة يجب أن تكون ar أو en", "locale must be ar or en"));
        }
        var types = SearchApi.List(request.Query["type"]);
        foreach (var type in types.Where(t => !SearchFeed.Types.Contains(t)))
        {
            errors.Add("type", Locales.Say(request, $"النوع «{type}» غير مفهرس؛ الأنواع: {string.Join("، ", SearchFeed.Types)}",
                $"'{type}' is not a searchable type; types: {string.Join(", ", SearchFeed.Types)}"));
        }
        var states = SearchApi.List(request.Query["state"]);
        foreach (var state in states.Where(s => !EntryStatuses.All.Contains(s)))
        {
            errors.Add("state", Locales.Say(request, $"الحالة «{state}» غير معروفة؛ الحالات: {string.Join("، ", EntryStatuses.All)}",
                $"'{state}' is not a state; states: {string.Join(", ", EntryStatuses.All)}"));
        }
        var facets = SearchApi.List(request.Query["facets"]);
        foreach (var facet in facets.Where(f => !ISearchIndex.FacetFields.Contains(f)))
        {
            errors.Add("facets", Locales.Say(request, $"لا يوجد تصنيف باسم «{facet}»؛ المتاح: {string.Join("، ", ISearchIndex.FacetFields)}",
                $"'{facet}' is not a facet; facets: {string.Join(", ", ISearchIndex.FacetFields)}"));
        }
        var limit = SearchApi.DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > SearchApi.MaxLimit))
        {
            errors.Add("limit", Locales.Say(request, $"يجب أن يكون limit بين 1 و{SearchApi.MaxLimit}", $"limit must be between 1 and {SearchApi.MaxLimit}"));
        }
        // What the caller may see: the keys the CMS gives its rights, matched against each entry's own (EntryStatuses).
        var access = EntryStatuses.KeysOf(http.User, types.Count > 0 ? types : SearchFeed.Types);
        var filters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["access"] = access };
        if (states.Count > 0)
        {
            filters["state"] = states;
        }
        var signature = SearchApi.Signature(q, locale, types, filters);
        var offset = 0;
        if (request.Query["cursor"].ToString() is { Length: > 0 } cursor && !SearchApi.TryReadCursor(cursor, signature, out offset))
        {
            errors.Add("cursor", Locales.Say(request, "المؤشر cursor غير صالح لهذا البحث؛ استخدم قيمة next من الإجابة السابقة",
                "cursor is not valid for this search; pass the 'next' of the previous answer"));
        }
        if (!errors.IsEmpty)
        {
            return SearchApi.Bad(errors);
        }
        if (types.FirstOrDefault(t => !EntryStatuses.MayList(http.User, t)) is { } refused)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(request,
                $"لا تملك صلاحية على محتوى من نوع {refused}", $"You may not manage {refused} content"));
        }
        http.Response.Headers.ContentLanguage = locale;
        if (access.Count == 0)
        {
            // An account linked to no entry edits nothing yet: nothing to find.
            return TypedResults.Ok(new EditorsSearchView([], 0, facets.ToDictionary(f => f, _ => (IReadOnlyList<FacetView>)[]), null));
        }
        var result = await index.SearchAsync(new SearchRequest(q, locale, types, filters, facets, offset, limit), ct);
        // The states shown are the entry's now, not as last indexed; an entry trashed a moment ago is left out.
        var ids = result.Items.Select(h => h.Id).ToList();
        var now = await statuses.ReadAsync(ids, ct);
        var other = await reader.GetManyAsync(ids, Locales.Other(locale), preview: true, ct);
        string? Alternate(SearchHit hit) => other.TryGetValue(hit.Id, out var item) && contentTypes.Find(item.Type) is { } type
            && !(JsonSerializer.Deserialize<string[]>(item.FallbacksJson) ?? []).Contains(type.TitleField)
            && JsonNode.Parse(item.FieldsJson)?[type.TitleField] is JsonValue title && title.ToString() is { Length: > 0 } text && text != hit.Title
                ? text : null;
        var items = result.Items.Where(h => now.ContainsKey(h.Id))
            .Select(h => new EditorsSearchItemView(h.Id, h.Type, h.Slug, h.Title, h.Snippet, h.Score, h.Url, now[h.Id].States[0], now[h.Id].States,
                $"/manager/content/{h.Type}/{h.Id}", Alternate(h)))
            .ToList();
        var nextOffset = offset + result.Items.Count;
        var next = nextOffset < result.Total && nextOffset < SearchApi.MaxOffset && result.Items.Count > 0 ? SearchApi.WriteCursor(nextOffset, signature) : null;
        return TypedResults.Ok(new EditorsSearchView(items, result.Total,
            result.Facets.ToDictionary(f => f.Key, f => (IReadOnlyList<FacetView>)f.Value.Select(c => new FacetView(c.Value, c.Count)).ToList()),
            next));
    }
}
