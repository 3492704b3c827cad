using System.Globalization;
using System.Text.RegularExpressions;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Localization;
using ArtSouk.Search;
using ArtSouk.Themes.Souk.Components;
using ArtSouk.Themes.Souk.Content;
using ArtSouk.Themes.Souk.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Themes.Souk.Routing;

/// <summary>
/// Turns a site path into a page: <c>/{locale}/</c> home, <c>/{locale}/{route}</c> a type's list, <c>/{locale}/{route}/{slug}</c>
/// and <c>/{locale}/{slug}</c> entries (resolved by the CMS, old slugs answered with a 301), <c>…/calendar.ics</c>.
/// Content comes only through <see cref="ContentReader"/>.
/// </summary>
internal sealed partial class SiteRouter(
    ContentReader reader,
    ContentTypeRegistry types,
    PageRenderer renderer,
    SiteAssets assets,
    SiteListings listings,
    ISearchIndex search,
    IOptions<SearchOptions> searchOptions,
    IOptions<ArtSoukOptions> app,
    IOptions<SiteOptions> options,
    IHttpContextAccessor accessor,
    ILogger<SiteRouter> logger)
{
    public const int PageSize = 24;

    /// <summary>How many entries a list pages through (a hundred pages): the same bound as the filters' value pools.</summary>
    private const int MaxListed = 2400;
    private const int MaxSegment = 200;
    private readonly Dictionary<Guid, SiteEntry> _lookup = [];
    private string? _originOfRequest;

    private string SiteOrigin
    {
        get => _originOfRequest ??= accessor.HttpContext is { } http ? Origin(http.Request) : app.Value.PublicUrl?.GetLeftPart(UriPartial.Authority) ?? "";
        set => _originOfRequest = value;
    }

    public static readonly string[] EventTypes = ["event", "workshop"];

    public async Task<RenderedPage> RouteAsync(string locale, string? rest, HttpContext http, CancellationToken ct)
    {
        SiteOrigin = Origin(http.Request);
        var segments = (rest ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length > 3 || segments.Any(s => s.Length > MaxSegment || s.Any(char.IsControl)))
        {
            return await ErrorAsync(locale, StatusCodes.Status404NotFound);
        }
        try
        {
            return segments switch
            {
                [] => await HomeAsync(locale, ct),
                ["search"] => await SearchAsync(locale, http.Request.Query, ct),
                [var route] when route.Length > 0 && types.ByRoute(route) is { } type => await ListAsync(type, locale, http.Request.Query, ct),
                [var route, var slug, "calendar.ics"] when types.ByRoute(route) is { Name: "event" or "workshop" } => await CalendarFileAsync(locale, route, slug, ct),
                [_] or [_, _] => await EntryAsync(locale, "/" + locale + "/" + string.Join('/', segments), ct),
                _ => await ErrorAsync(locale, StatusCodes.Status404NotFound),
            };
        }
        catch (InvalidQueryException)
        {
            // A stale or forged cursor, or a filter value the field cannot take: the visitor's input, not our fault.
            return await ErrorAsync(locale, StatusCodes.Status400BadRequest);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, http.Request.Path, ex);
            return await ErrorAsync(locale, StatusCodes.Status500InternalServerError);
        }
    }

    public async Task<RenderedPage> PreviewAsync(string type, Guid id, string locale, HttpContext http, CancellationToken ct)
    {
        SiteOrigin = Origin(http.Request);
        var item = types.Find(type) is null ? null : await reader.FindAsync(type, id.ToString(), locale, preview: true, ct);
        if (item is null)
        {
            return await ErrorAsync(locale, StatusCodes.Status404NotFound, preview: true);
        }
        return await EntryPageAsync(Entry(item), preview: true, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Site page {Path} failed")]
    private static partial void LogFailed(ILogger logger, string path, Exception exception);

    private string Origin(HttpRequest request) =>
        (app.Value.PublicUrl?.GetLeftPart(UriPartial.Authority) ?? $"{request.Scheme}://{request.Host}").TrimEnd('/');

    private SiteText Text(string locale) => new(locale, options.Value.WesternDigits);

    private readonly List<SiteEntry> _made = [];

    private SiteEntry Entry(ContentItem item)
    {
        var entry = new SiteEntry(item, types.Find(item.Type)!);
        _made.Add(entry);
        return entry;
    }

    /// <summary>Prices and availability of every work read for this page, in one call to commerce's listing port.</summary>
    private async Task AttachListingsAsync(CancellationToken ct)
    {
        var works = _made.Where(e => e.Type.Name == "artwork" && e.Listing is null).ToList();
        var found = await listings.ForAsync(works.Select(e => e.Id).Distinct().ToList(), ct);
        foreach (var work in works)
        {
            work.Listing = found.GetValueOrDefault(work.Id);
        }
        var ticketed = _made.Where(e => e.Type.Name is "event" or "workshop" && e.Tickets.Count == 0).ToList();
        var tickets = await listings.TicketsAsync(ticketed.Select(e => e.Id).Distinct().ToList(), ct);
        foreach (var entry in ticketed)
        {
            entry.Tickets = tickets.GetValueOrDefault(entry.Id) ?? [];
        }
    }

    /// <summary>A page of the site (the modules' pages too): its language, canonical and alternate paths, and metadata.</summary>
    internal SitePage Page(string locale, string title, string path, IReadOnlyDictionary<string, string> alternates, string section = "",
        string? description = null, SiteMedia? image = null, bool preview = false, bool noIndex = false, string ogType = "website") => new()
    {
        T = Text(locale),
        Title = title,
        Path = path,
        Alternates = alternates,
        Origin = SiteOrigin,
        Section = section,
        Description = description,
        Image = image,
        Preview = preview,
        NoIndex = noIndex || preview,
        OpenGraphType = ogType,
    };

    private static Dictionary<string, string> Both(Func<string, string> path) => Locales.All.ToDictionary(l => l, path);

    private async Task<RenderedPage> RenderAsync<TView>(SitePage page, object model, int status = StatusCodes.Status200OK) where TView : IComponent
    {
        if (status == StatusCodes.Status200OK)
        {
            await AttachListingsAsync(accessor.HttpContext?.RequestAborted ?? CancellationToken.None);
        }
        var body = await renderer.RenderAsync<TView>(new Dictionary<string, object?> { ["Page"] = page, ["Model"] = model });
        return new RenderedPage(status, RenderedPage.Html, body, page.Locale,
            page.Preview || status >= 500 ? "private, no-store" : null);
    }

    public async Task<RenderedPage> ErrorAsync(string locale, int status, bool preview = false)
    {
        var t = Text(Locales.IsSupported(locale) ? locale : Locales.Default);
        var title = status switch
        {
            404 => t.Say("الصفحة غير موجودة", "Page not found"),
            400 => t.Say("طلب غير صالح", "Bad request"),
            _ => t.Say("حدث خطأ", "Something went wrong"),
        };
        var page = Page(t.Locale, title, $"/{t.Locale}/", Both(l => $"/{l}/"), noIndex: true, preview: preview);
        return await RenderAsync<ErrorView>(page, new ErrorModel(status), status);
    }

    // ---- reading helpers -------------------------------------------------------------------------------------------

    private async Task<(List<SiteEntry> Items, string? Next)> ListAsync(string type, string locale, IReadOnlyList<FieldFilter> filters,
        IReadOnlyList<FieldSort> sorts, int limit, string? cursor, CancellationToken ct)
    {
        var page = await reader.ListAsync(new ContentQuery(type, locale, false, filters, sorts, limit, cursor), ct);
        return (page.Items.Select(Entry).ToList(), page.Next);
    }

    private async Task<List<SiteEntry>> AllAsync(string type, string locale, IReadOnlyList<FieldFilter> filters, IReadOnlyList<FieldSort> sorts, int cap, CancellationToken ct)
    {
        var all = new List<SiteEntry>();
        string? cursor = null;
        do
        {
            var (items, next) = await ListAsync(type, locale, filters, sorts, ContentReader.MaxLimit, cursor, ct);
            all.AddRange(items);
            cursor = next;
        }
        while (cursor is not null && all.Count < cap);
        return all;
    }

    /// <summary>Loads referenced entries (artists of artworks, venues of events, blocks' entry lists) into the lookup.</summary>
    private async Task<IReadOnlyDictionary<Guid, SiteEntry>> LookupAsync(string locale, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var missing = ids.Where(id => !_lookup.ContainsKey(id)).Distinct().ToList();
        if (missing.Count > 0)
        {
            foreach (var (id, item) in await reader.GetManyAsync(missing, locale, false, ct))
            {
                if (types.Find(item.Type) is not null)
                {
                    _lookup[id] = Entry(item);
                }
            }
        }
        return _lookup;
    }

    private static readonly string[] ReferenceFields = ["artist", "gallery", "venue", "instructor", "artists"];

    private static IEnumerable<Guid> References(SiteEntry e) => ReferenceFields.SelectMany(e.Refs);

    private static IEnumerable<Guid> BlockEntries(SiteEntry e, string field)
    {
        var blocks = e.Raw(field);
        if (blocks.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            yield break;
        }
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.ValueKind == System.Text.Json.JsonValueKind.Object && block.TryGetProperty("entries", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var id in list.EnumerateArray())
                {
                    if (id.ValueKind == System.Text.Json.JsonValueKind.String && Guid.TryParse(id.GetString(), out var g))
                    {
                        yield return g;
                    }
                }
            }
        }
    }

    // ---- pages -----------------------------------------------------------------------------------------------------

    private async Task<SiteEntry?> HomeEntryAsync(string locale, CancellationToken ct) =>
        await reader.FindAsync("page", "home", locale, false, ct) is { } item ? Entry(item) : null;

    private async Task<RenderedPage> HomeAsync(string locale, CancellationToken ct)
    {
        var t = Text(locale);
        var home = await HomeEntryAsync(locale, ct);
        var curated = new List<Related>();
        IReadOnlyDictionary<Guid, SiteEntry> lookup = _lookup;
        if (home is not null)
        {
            lookup = await LookupAsync(locale, BlockEntries(home, "body"), ct);
            lookup = await LookupAsync(locale, lookup.Values.Where(e => e.Type.Name == "artwork").SelectMany(References).ToList(), ct);
        }
        else
        {
            var (artists, _) = await ListAsync("artist", locale, [new FieldFilter("featured", FilterOperator.Eq, "true")], [], 8, null, ct);
            var (works, _) = await ListAsync("artwork", locale, [], [new FieldSort("year", true)], 8, null, ct);
            var (events, _) = await ListAsync("event", locale, [new FieldFilter("startsAt", FilterOperator.Gte, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))], [new FieldSort("startsAt", false)], 4, null, ct);
            lookup = await LookupAsync(locale, works.SelectMany(References), ct);
            curated.Add(new Related(t.Say("فنانون مختارون", "Featured artists"), artists, $"/{locale}/artists"));
            curated.Add(new Related(t.Say("أحدث الأعمال", "New works"), works, $"/{locale}/artworks"));
            curated.Add(new Related(t.Say("فعاليات قادمة", "Upcoming events"), events, $"/{locale}/events"));
        }
        var hero = lookup.Values.Where(e => e.Type.Name == "artwork" && e.Picture is not null).Take(3).ToList();
        if (hero.Count == 0)
        {
            hero = curated.SelectMany(c => c.Items).Where(e => e.Type.Name == "artwork" && e.Picture is not null).Take(3).ToList();
        }
        var page = Page(locale, t.Say("سوق الفن — فن معاصر من السعودية والخليج", "Art Souk — contemporary art from Saudi Arabia and the Gulf"),
            $"/{locale}/", Both(l => $"/{l}/"), description: home?.Text("summary") ?? t.Say(
                "سوق الفن: أعمال أصلية لفنانين من السعودية والخليج، وصالات العرض والفعاليات وورش العمل.",
                "Art Souk: original works by artists from Saudi Arabia and the Gulf, with their galleries, events and workshops."),
            image: hero.FirstOrDefault()?.Picture);
        page.JsonLd.Add(JsonLd.Website(page));
        return await RenderAsync<HomeView>(page, new HomeModel(home, lookup, hero, curated));
    }

    private async Task<RenderedPage> ListAsync(ContentType type, string locale, IQueryCollection query, CancellationToken ct)
    {
        var t = Text(locale);
        var listPath = $"/{locale}/{type.Route}";
        var filters = new List<Filter>();
        var conditions = new List<FieldFilter>();
        var sorts = new List<FieldSort>();
        string? Wanted(string name) => query[name].ToString() is { Length: > 0 and <= MaxSegment } v ? v : null;

        void EnumFilter(string field, FilterOperator op = FilterOperator.Eq)
        {
            if (type.Field(field) is not { } definition)
            {
                return;
            }
            var wanted = Wanted(field);
            var options = definition.Options.Select(o => new FilterOption(o.Value, o.Label.In(locale))).ToList();
            var selected = options.Any(o => o.Value == wanted) ? wanted : null;
            if (selected is not null)
            {
                conditions.Add(new FieldFilter(field, op, selected));
            }
            filters.Add(new Filter(field, definition.Label.In(locale), options, selected));
        }

        async Task ValueFilter(string field, Func<SiteEntry, IEnumerable<(string Value, string Label)>> values, bool numeric = false)
        {
            if (type.Field(field) is not { } definition)
            {
                return;
            }
            _pool ??= await AllAsync(type.Name, locale, [], [], 2000, ct);
            var options = _pool.SelectMany(values).Where(v => v.Value.Length > 0).DistinctBy(v => v.Value)
                .OrderBy(v => numeric ? -int.Parse(v.Value, CultureInfo.InvariantCulture) : 0).ThenBy(v => numeric ? "" : v.Label, StringComparer.Create(CultureInfo.GetCultureInfo(locale == "ar" ? "ar-SA" : "en-GB"), false))
                .Select(v => new FilterOption(v.Value, v.Label)).ToList();
            var wanted = Wanted(field);
            var selected = options.Any(o => o.Value == wanted) ? wanted : null;
            if (selected is not null)
            {
                conditions.Add(new FieldFilter(field, FilterOperator.Eq, selected));
            }
            filters.Add(new Filter(field, definition.Label.In(locale), options, selected));
        }

        CalendarMonth? month = null;
        switch (type.Name)
        {
            case "artist":
                EnumFilter("disciplines");
                await ValueFilter("city", e => e.Text("city") is { } c ? [(c, c)] : []);
                await ValueFilter("nationality", e => e.Text("nationality") is { } n ? [(n, n)] : []);
                sorts.Add(new FieldSort("name", false));
                break;
            case "artwork":
                EnumFilter("category");
                await ValueFilter("medium", e => e.Text("medium") is { } m ? [(m, m)] : []);
                await ValueFilter("year", e => e.Whole("year") is { } y ? [(y.ToString(CultureInfo.InvariantCulture), t.Year(y))] : [], numeric: true);
                var artists = await AllAsync("artist", locale, [], [new FieldSort("name", false)], 2000, ct);
                var wantedArtist = Wanted("artist");
                var artistSelected = artists.Any(a => a.Id.ToString() == wantedArtist) ? wantedArtist : null;
                if (artistSelected is not null)
                {
                    conditions.Add(new FieldFilter("artist", FilterOperator.Eq, artistSelected));
                }
                filters.Add(new Filter("artist", type.Field("artist")!.Label.In(locale), artists.Select(a => new FilterOption(a.Id.ToString(), a.Title)).ToList(), artistSelected));
                sorts.Add(new FieldSort("year", true));
                break;
            case "gallery":
                await ValueFilter("city", e => e.Text("city") is { } c ? [(c, c)] : []);
                break;
            case "event" or "workshop":
                EnumFilter(type.Name == "event" ? "kind" : "level");
                if (query["view"] == "calendar")
                {
                    month = await MonthAsync(type, locale, Wanted("month"), conditions, ct);
                }
                else
                {
                    conditions.Add(new FieldFilter("startsAt", FilterOperator.Gte, DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
                    sorts.Add(new FieldSort("startsAt", false));
                }
                break;
            case "article":
                sorts.Add(new FieldSort("publishedOn", true));
                break;
        }
        sorts.RemoveAll(s => type.Field(s.Field) is not { Sortable: true });

        // Numbered pages over the filtered set (capped like the filters' pools), so a visitor can jump to page 5 and back.
        var number = 1;
        if (Wanted("page") is { } wantedPage && (!int.TryParse(wantedPage, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            throw new InvalidQueryException("page", "page must be a whole number from 1", "رقم الصفحة يجب أن يكون عددًا صحيحًا من ١");
        }
        var all = month is null ? await AllAsync(type.Name, locale, conditions, sorts, MaxListed, ct) : [];
        var pages = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        if (number > pages)
        {
            return await ErrorAsync(locale, StatusCodes.Status404NotFound);
        }
        var items = all.Skip((number - 1) * PageSize).Take(PageSize).ToList();
        var lookup = await LookupAsync(locale, items.Concat(month?.Items ?? []).SelectMany(References), ct);
        var keep = filters.Where(f => f.Selected is not null).Select(f => $"{f.Name}={Uri.EscapeDataString(f.Selected!)}").ToList();
        string With(params string[] extra) => listPath + (keep.Count + extra.Length == 0 ? "" : "?" + string.Join('&', keep.Concat(extra)));
        var pager = month is null ? new Pager(number, pages, n => n == 1 ? With() : With("page=" + n.ToString(CultureInfo.InvariantCulture))) : null;
        var title = type.Plural.In(locale);
        var page = Page(locale, month is null ? number == 1 ? title : $"{title} — {t.Say("صفحة", "page")} {t.Number(number)}" : $"{title} — {t.Month(month.Year, month.Month)}",
            month is null ? pager!.PathOf(number) : With(),
            Both(l => $"/{l}/{type.Route}"), section: type.Route, description: Intro(type, t), image: items.Select(i => i.Picture).FirstOrDefault(p => p is not null),
            noIndex: keep.Count > 0);
        page.Previous = pager?.Previous;
        page.Next = pager?.Next;
        page.Crumbs.Add(new Crumb(t.Say("الرئيسية", "Home"), $"/{locale}/"));
        page.Crumbs.Add(new Crumb(title, listPath));
        page.JsonLd.Add(JsonLd.Breadcrumbs(page));
        return await RenderAsync<ListView>(page, new ListModel(type, items, filters, lookup, pager, month, listPath, $"{listPath}?view=calendar"));
    }

    private List<SiteEntry>? _pool;

    public const int SearchPageSize = 12;

    /// <summary>The search port answers up to this offset; pages past it are not offered.</summary>
    private const int MaxSearchOffset = 1000;

    /// <summary>The ways the search page narrows results besides type, as query parameters: each a filter and a facet of the search port.</summary>
    private static readonly string[] Refinements = ["city", "price", "availability"];

    private async Task<RenderedPage> SearchAsync(string locale, IQueryCollection query, CancellationToken ct)
    {
        var t = Text(locale);
        var raw = query["q"].ToString().Trim();
        var max = searchOptions.Value.MaxQueryLength;
        var q = raw.Length > max ? raw[..max].Trim() : raw;
        var wantedType = query["type"].ToString();
        var type = types.Find(wantedType) is { } found && found.Route.Length > 0 ? found.Name : null;
        var number = 1;
        if (query["page"].ToString() is { Length: > 0 } wantedPage
            && (!int.TryParse(wantedPage, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            throw new InvalidQueryException("page", "page must be a whole number from 1", "رقم الصفحة يجب أن يكون عددًا صحيحًا من ١");
        }
        // A refinement the page could not have offered (an unknown availability, a price that is not a band) is dropped, not refused.
        var chosen = new Dictionary<string, string>();
        foreach (var field in Refinements)
        {
            var value = query[field].ToString().Trim();
            if (value.Length is > 0 and <= 100 && field switch
            {
                "price" => PriceBand().IsMatch(value),
                "availability" => SiteListing.Availabilities.Contains(value),
                _ => true,
            })
            {
                chosen[field] = value;
            }
        }
        string PathFor(string? ofType, IReadOnlyDictionary<string, string> refine, int page = 1) => $"/{locale}/search?q={Uri.EscapeDataString(q)}"
            + (ofType is null ? "" : "&type=" + ofType)
            + string.Concat(Refinements.Where(refine.ContainsKey).Select(f => $"&{f}={Uri.EscapeDataString(refine[f])}"))
            + (page > 1 ? "&page=" + page.ToString(CultureInfo.InvariantCulture) : "");
        Dictionary<string, string> With(string field, string? value)
        {
            var refine = new Dictionary<string, string>(chosen);
            if (value is null)
            {
                refine.Remove(field);
            }
            else
            {
                refine[field] = value;
            }
            return refine;
        }

        var items = new List<SearchItem>();
        var facets = new List<SearchFacet>();
        var refinements = new List<SearchFacetGroup>();
        var total = 0;
        Pager? pager = null;
        if (q.Length > 0)
        {
            var offset = (number - 1) * SearchPageSize;
            if (offset >= MaxSearchOffset)
            {
                return await ErrorAsync(locale, StatusCodes.Status404NotFound);
            }
            IReadOnlyDictionary<string, IReadOnlyList<string>> Filters(string? except) =>
                chosen.Where(c => c.Key != except).ToDictionary(c => c.Key, c => (IReadOnlyList<string>)[c.Value]);
            string[] every = ["type", .. Refinements];
            var result = await search.SearchAsync(new SearchRequest(q, locale, type is null ? [] : [type], Filters(null), every, offset, SearchPageSize), ct);
            // Each facet counts what choosing one of its values would show: the words and every other choice, without its own.
            async Task<IReadOnlyList<FacetCount>> CountsOf(string field) =>
                (field == "type" ? type is null : !chosen.ContainsKey(field))
                    ? result.Facets.GetValueOrDefault(field, [])
                    : (await search.SearchAsync(new SearchRequest(q, locale, field == "type" ? [] : type is null ? [] : [type], Filters(field == "type" ? null : field), [field], 0, 1), ct))
                        .Facets.GetValueOrDefault(field, []);
            total = result.Total;
            var pages = Math.Max(1, (Math.Min(total, MaxSearchOffset) + SearchPageSize - 1) / SearchPageSize);
            if (number > pages)
            {
                return await ErrorAsync(locale, StatusCodes.Status404NotFound);
            }
            pager = new Pager(number, pages, n => PathFor(type, chosen, n));
            var entries = await reader.GetManyAsync(result.Items.Select(h => h.Id).ToList(), locale, false, ct);
            foreach (var hit in result.Items)
            {
                var entry = entries.TryGetValue(hit.Id, out var item) && types.Find(item.Type) is not null ? Entry(item) : null;
                items.Add(new SearchItem(hit.Title, entry?.Path ?? hit.Url, types.Find(hit.Type)?.Label.In(locale) ?? hit.Type, hit.Snippet, entry));
            }
            facets = (await CountsOf("type")).Where(f => f.Count > 0 && types.Find(f.Value) is not null)
                .Select(f => new SearchFacet(f.Value, types.Find(f.Value)!.Plural.In(locale), f.Count, PathFor(f.Value, chosen), f.Value == type)).ToList();
            foreach (var field in Refinements)
            {
                var counts = (await CountsOf(field)).Where(f => f.Count > 0);
                counts = field switch
                {
                    "price" => counts.OrderBy(f => long.Parse(f.Value[..f.Value.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture)),
                    "availability" => counts.Where(f => SiteListing.Availabilities.Contains(f.Value)).OrderBy(f => SiteListing.Rank(f.Value)),
                    _ => counts.OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).Take(12),
                };
                var values = counts.Select(f => new SearchFacet(f.Value, RefinementLabel(field, f.Value, t), f.Count,
                    PathFor(type, With(field, f.Value)), chosen.GetValueOrDefault(field) == f.Value)).ToList();
                // A single value that is not chosen narrows nothing; a chosen one stays, so it can be dropped.
                if (values.Count > 1 || chosen.ContainsKey(field))
                {
                    var label = field switch
                    {
                        "city" => t.Say("المدينة", "City"),
                        "price" => t.Say("السعر", "Price"),
                        _ => t.Say("التوفر", "Availability"),
                    };
                    refinements.Add(new SearchFacetGroup(field, label, values, chosen.ContainsKey(field) ? PathFor(type, With(field, null)) : null));
                }
            }
        }
        var title = q.Length == 0 ? t.Say("البحث", "Search") : t.Say($"البحث عن «{q}»", $"Search for “{q}”");
        var page = new SitePage
        {
            T = t,
            Title = title,
            Path = q.Length == 0 ? $"/{locale}/search" : PathFor(type, chosen, number),
            Alternates = Both(l => q.Length == 0 ? $"/{l}/search" : $"/{l}/search?q={Uri.EscapeDataString(q)}"),
            Origin = SiteOrigin,
            Section = "search",
            Description = t.Say("ابحث في فناني سوق الفن وأعماله وصالاته وفعالياته بالعربية أو الإنجليزية.", "Search Art Souk's artists, works, galleries and events in Arabic or English."),
            NoIndex = true,
            Query = q,
            Previous = pager?.Previous,
            Next = pager?.Next,
        };
        page.Crumbs.Add(new Crumb(t.Say("الرئيسية", "Home"), $"/{locale}/"));
        page.Crumbs.Add(new Crumb(t.Say("البحث", "Search"), $"/{locale}/search"));
        var model = new SearchModel(q, items, total, facets, q.Length == 0 ? $"/{locale}/search" : PathFor(null, chosen), pager, raw.Length > max) { Refine = refinements };
        var rendered = await RenderAsync<SearchView>(page, model);
        // Results follow the index, which catches up with a publish after the page cache is emptied: never kept.
        return rendered with { CacheControl = "private, no-cache" };
    }

    /// <summary>A price band as the search port names it (<c>5000-20000</c>, <c>100000-</c>, SAR, lower end included).</summary>
    [GeneratedRegex("^[0-9]{1,12}-[0-9]{0,12}$")]
    private static partial Regex PriceBand();

    private static string RefinementLabel(string field, string value, SiteText t)
    {
        switch (field)
        {
            case "price":
                var dash = value.IndexOf('-', StringComparison.Ordinal);
                var low = long.Parse(value[..dash], CultureInfo.InvariantCulture);
                long? high = dash + 1 < value.Length ? long.Parse(value[(dash + 1)..], CultureInfo.InvariantCulture) : null;
                return (low, high) switch
                {
                    (0, { } h) => t.Say($"أقل من {t.Price(h, "SAR")}", $"Under {t.Price(h, "SAR")}"),
                    (_, null) => t.Say($"{t.Price(low, "SAR")} فأكثر", $"{t.Price(low, "SAR")} and over"),
                    (_, { } h) => t.Say($"{t.Number(low)}–{t.Price(h, "SAR")}", $"SAR {t.Number(low)}–{t.Number(h)}"),
                };
            case "availability":
                return SiteListing.Label(value, t);
            default:
                return value;
        }
    }

    private static string Intro(ContentType type, SiteText t) => type.Name switch
    {
        "artist" => t.Say("فنانون من السعودية والخليج، يعملون بين الرسم والخط والنحت والتصوير والفنون الرقمية.", "Artists from Saudi Arabia and the Gulf, working across painting, calligraphy, sculpture, photography and digital art."),
        "artwork" => t.Say("أعمال أصلية موثقة من صالاتنا الشريكة.", "Original, documented works from our partner galleries."),
        "gallery" => t.Say("صالات العرض الشريكة في المملكة ودول الخليج.", "Our partner galleries across the Kingdom and the Gulf."),
        "event" => t.Say("معارض وحوارات وافتتاحات قادمة.", "Upcoming exhibitions, talks and openings."),
        "workshop" => t.Say("ورش عمل مع الفنانين، للمبتدئين والمحترفين.", "Workshops with artists, for beginners and practitioners."),
        "article" => t.Say("قصص من المراسم والصالات.", "Stories from studios and galleries."),
        "collection" => t.Say("مجموعات يختارها محررونا.", "Collections chosen by our editors."),
        _ => type.Plural.In(t.Locale),
    };

    private async Task<CalendarMonth> MonthAsync(ContentType type, string locale, string? wanted, List<FieldFilter> conditions, CancellationToken ct)
    {
        var now = SiteText.InRiyadh(DateTimeOffset.UtcNow);
        var first = DateTime.TryParseExact(wanted, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) && m.Year is > 1900 and < 2200
            ? m : new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        // Month bounds are Riyadh midnights (UTC+3, no daylight saving).
        var from = new DateTimeOffset(first, TimeSpan.FromHours(3)).ToUniversalTime();
        var to = new DateTimeOffset(first.AddMonths(1), TimeSpan.FromHours(3)).ToUniversalTime();
        var filters = conditions.Concat([
            new FieldFilter("startsAt", FilterOperator.Gte, from.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new FieldFilter("startsAt", FilterOperator.Lt, to.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        ]).ToList();
        var items = await AllAsync(type.Name, locale, filters, [new FieldSort("startsAt", false)], 500, ct);
        string At(DateTime d) => $"/{locale}/{type.Route}?view=calendar&month={d.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
        return new CalendarMonth(first.Year, first.Month, items, At(first.AddMonths(-1)), At(first.AddMonths(1)));
    }

    private async Task<RenderedPage> EntryAsync(string locale, string path, CancellationToken ct)
    {
        var match = await reader.ResolveRouteAsync(path, ct);
        if (match is null)
        {
            return await ErrorAsync(locale, StatusCodes.Status404NotFound);
        }
        if (match.Kind == RouteMatch.RedirectKind || match.Item is null)
        {
            return Redirect(match.Path);
        }
        var entry = Entry(match.Item);
        if (entry.Type.Name == "page" && (await HomeEntryAsync(locale, ct))?.Id == entry.Id)
        {
            return Redirect($"/{locale}/");
        }
        return await EntryPageAsync(entry, preview: false, ct);
    }

    private static RenderedPage Redirect(string path) =>
        new(StatusCodes.Status301MovedPermanently, "text/plain; charset=utf-8", [], null, "public, max-age=3600") { Location = SitePaths.Encode(path) };

    private async Task<RenderedPage> EntryPageAsync(SiteEntry entry, bool preview, CancellationToken ct)
    {
        var locale = entry.Locale;
        var t = Text(locale);
        var related = new List<Related>();
        var lookup = await LookupAsync(locale, References(entry).Concat(BlockEntries(entry, "body")).Concat(entry.Refs("related")), ct);
        string? ics = null;
        switch (entry.Type.Name)
        {
            case "artist":
            {
                var id = entry.Id.ToString();
                var (works, _) = await ListAsync("artwork", locale, [new FieldFilter("artist", FilterOperator.Eq, id)], [new FieldSort("year", true)], PageSize, null, ct);
                var (events, _) = await ListAsync("event", locale, [new FieldFilter("artists", FilterOperator.Eq, id)], [new FieldSort("startsAt", true)], 6, null, ct);
                var (workshops, _) = await ListAsync("workshop", locale, [new FieldFilter("instructor", FilterOperator.Eq, id)], [new FieldSort("startsAt", true)], 6, null, ct);
                var (articles, _) = await ListAsync("article", locale, [new FieldFilter("related", FilterOperator.Eq, id)], [], 6, null, ct);
                related.Add(new Related(t.Say("الأعمال", "Works"), works, $"/{locale}/artworks?artist={id}"));
                related.Add(new Related(t.Say("الفعاليات", "Events"), [.. events, .. workshops]));
                related.Add(new Related(t.Say("مقالات", "Articles"), articles));
                lookup = await LookupAsync(locale, events.Concat(workshops).SelectMany(References), ct);
                break;
            }
            case "artwork":
                if (entry.Ref("artist") is { } artist)
                {
                    var (more, _) = await ListAsync("artwork", locale, [new FieldFilter("artist", FilterOperator.Eq, artist.ToString())], [new FieldSort("year", true)], 5, null, ct);
                    related.Add(new Related(t.Say("أعمال أخرى للفنان", "More by the artist"), more.Where(w => w.Id != entry.Id).Take(4).ToList(), $"/{locale}/artworks?artist={artist}"));
                }
                break;
            case "gallery":
            {
                var id = entry.Id.ToString();
                var (artists, _) = await ListAsync("artist", locale, [new FieldFilter("gallery", FilterOperator.Eq, id)], [], 12, null, ct);
                var (works, _) = await ListAsync("artwork", locale, [new FieldFilter("gallery", FilterOperator.Eq, id)], [new FieldSort("year", true)], 8, null, ct);
                var (events, _) = await ListAsync("event", locale, [new FieldFilter("venue", FilterOperator.Eq, id)], [new FieldSort("startsAt", true)], 4, null, ct);
                related.Add(new Related(t.Say("الفنانون", "Artists"), artists));
                related.Add(new Related(t.Say("أعمال في الصالة", "Works at the gallery"), works));
                related.Add(new Related(t.Say("الفعاليات", "Events"), events));
                lookup = await LookupAsync(locale, works.SelectMany(References), ct);
                break;
            }
            case "collection":
            {
                lookup = await LookupAsync(locale, entry.Refs("artworks"), ct);
                var works = entry.Refs("artworks").Select(lookup.GetValueOrDefault).OfType<SiteEntry>().ToList();
                lookup = await LookupAsync(locale, works.SelectMany(References), ct);
                related.Add(new Related(t.Say("أعمال المجموعة", "In this collection"), works));
                break;
            }
            case "article":
                related.Add(new Related(t.Say("ذو صلة", "Related"), entry.Refs("related").Select(lookup.GetValueOrDefault).OfType<SiteEntry>().ToList()));
                break;
            case "event" or "workshop":
                ics = preview ? null : entry.Path + "/calendar.ics";
                break;
        }
        if (entry.Type.Name == "page")
        {
            lookup = await LookupAsync(locale, lookup.Values.Where(e => e.Type.Name == "artwork").SelectMany(References), ct);
        }
        var description = Plain(entry.Text("summary") ?? entry.Text("excerpt") ?? entry.Text("bio") ?? entry.Text("description"));
        var page = Page(locale, entry.Title, entry.Path, entry.Translations, section: entry.Type.Route, description: description,
            image: entry.Picture, preview: preview, ogType: entry.Type.Name == "article" ? "article" : entry.Type.Name == "artist" ? "profile" : "website");
        page.Crumbs.Add(new Crumb(t.Say("الرئيسية", "Home"), $"/{locale}/"));
        if (entry.Type.Route.Length > 0)
        {
            page.Crumbs.Add(new Crumb(entry.Type.Plural.In(locale), $"/{locale}/{entry.Type.Route}"));
        }
        page.Crumbs.Add(new Crumb(entry.Title, entry.Path));
        if (JsonLd.For(page, entry, lookup) is { } thing)
        {
            page.JsonLd.Add(thing);
        }
        page.JsonLd.Add(JsonLd.Breadcrumbs(page));
        return await RenderAsync<EntryView>(page, new EntryModel(entry, lookup, related.Where(r => r.Items.Count > 0).ToList(), ics)
        {
            BuyerScript = entry.Type.Name is "event" or "workshop" or "artwork" && !preview ? assets.Url("buyer.js") : null,
        });
    }

    /// <summary>Rich text as a plain one-line description (meta tags, JSON-LD).</summary>
    public static string? Plain(string? html)
    {
        if (html is null)
        {
            return null;
        }
        var text = System.Net.WebUtility.HtmlDecode(TagPattern().Replace(html, " "));
        text = SpacePattern().Replace(text, " ").Trim();
        return text.Length > 200 ? text[..197].TrimEnd() + "…" : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex TagPattern();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex SpacePattern();

    private async Task<RenderedPage> CalendarFileAsync(string locale, string route, string slug, CancellationToken ct)
    {
        var match = await reader.ResolveRouteAsync($"/{locale}/{route}/{slug}", ct);
        if (match is null)
        {
            return await ErrorAsync(locale, StatusCodes.Status404NotFound);
        }
        if (match.Kind == RouteMatch.RedirectKind || match.Item is null)
        {
            return Redirect(match.Path + "/calendar.ics");
        }
        var entry = Entry(match.Item);
        var lookup = await LookupAsync(locale, References(entry), ct);
        var body = EventCalendar.Write(entry, lookup, SiteOrigin + SitePaths.Encode(entry.Path));
        return new RenderedPage(StatusCodes.Status200OK, "text/calendar; charset=utf-8", body, locale)
        {
            Disposition = $"attachment; filename=\"{EventCalendar.FileName(entry)}\"",
        };
    }
}

/// <summary>The <c>Site</c> configuration section.</summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Western (0-9) instead of Arabic-Indic digits on Arabic pages.</summary>
    public bool WesternDigits { get; set; }
}
