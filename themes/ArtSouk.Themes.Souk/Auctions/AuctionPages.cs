using System.Globalization;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Auctions;
using ArtSouk.Kernel.Localization;
using ArtSouk.Themes.Souk.Content;
using ArtSouk.Themes.Souk.Rendering;
using ArtSouk.Themes.Souk.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArtSouk.Themes.Souk.Auctions;

public sealed record SaleCard(AuctionSaleSummary Sale, string Path, SiteMedia? Picture);

public sealed record LotCard(AuctionLotSummary Lot, SiteEntry? Work, SiteEntry? Artist, string Path);

public sealed record SalesModel(IReadOnlyList<SaleCard> Sales);

public sealed record SaleModel(AuctionSaleSummary Sale, IReadOnlyList<LotCard> Lots, string Script, string Stylesheet);

public sealed record LotModel(AuctionSaleSummary Sale, LotCard Lot, string SalePath, string Script, string Stylesheet);

/// <summary>
/// The auction pages of the site: <c>/{locale}/auctions</c>, a sale <c>/{locale}/auctions/{id}</c> and a lot
/// <c>/{locale}/auctions/lots/{id}</c>. Sales and lots come through <see cref="IAuctionCatalog"/>, the works through
/// the CMS's reading contract. Never cached: prices move with every bid; the page's script follows them live.
/// </summary>
public static class AuctionPages
{
    public static IHostApplicationBuilder AddAuctionPages(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AuctionPageBuilder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAuctionPages(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("").ExcludeFromDescription();
        // Literal routes per language beat the site's /{locale}/{**rest} catch-all.
        foreach (var locale in Locales.All)
        {
            group.MapGet($"/{locale}/auctions", (HttpContext http, AuctionPageBuilder pages, CancellationToken ct) => SendAsync(http, pages.SalesAsync(locale, http, ct)));
            group.MapGet($"/{locale}/auctions/{{id}}", (string id, HttpContext http, AuctionPageBuilder pages, CancellationToken ct) =>
                SendAsync(http, Guid.TryParse(id, out var sale) ? pages.SaleAsync(locale, sale, http, ct) : pages.NotFoundAsync(locale, http)));
            group.MapGet($"/{locale}/auctions/lots/{{id}}", (string id, HttpContext http, AuctionPageBuilder pages, CancellationToken ct) =>
                SendAsync(http, Guid.TryParse(id, out var lot) ? pages.LotAsync(locale, lot, http, ct) : pages.NotFoundAsync(locale, http)));
        }
        return app;
    }

    private static async Task SendAsync(HttpContext http, Task<RenderedPage> page) => await (await page).WriteAsync(http);

    public static string SalePath(string locale, Guid id) => $"/{locale}/auctions/{id}";

    public static string LotPath(string locale, Guid id) => $"/{locale}/auctions/lots/{id}";
}

internal sealed class AuctionPageBuilder(
    IServiceProvider services,
    ContentReader reader,
    ContentTypeRegistry types,
    PageRenderer renderer,
    SiteAssets assets,
    SiteRouter router,
    IOptions<SiteOptions> options)
{
    private const string NoStore = "private, no-store";

    private IAuctionCatalog? Catalog => services.GetService<IAuctionCatalog>();

    public async Task<RenderedPage> SalesAsync(string locale, HttpContext http, CancellationToken ct)
    {
        if (Catalog is not { } catalog)
        {
            return await NotFoundAsync(locale, http);
        }
        var t = Text(locale);
        var sales = await catalog.SalesAsync(48, ct);
        var cards = new List<SaleCard>();
        foreach (var sale in sales)
        {
            var full = await catalog.SaleAsync(sale.Id, ct);
            var first = full is { Lots.Count: > 0 } ? full.Lots[0] : null;
            // The sale's chosen cover, else its first lot's work.
            var candidates = new[] { sale.CoverEntryId, first?.EntryId }.OfType<Guid>().ToList();
            var works = await WorksAsync(locale, candidates, ct);
            var picture = candidates.Select(c => works.GetValueOrDefault(c)?.Picture).FirstOrDefault(p => p is not null);
            cards.Add(new SaleCard(sale, AuctionPages.SalePath(locale, sale.Id), picture));
        }
        var title = t.Say("المزادات", "Auctions");
        var page = Page(locale, title, $"/{locale}/auctions", Locales.All.ToDictionary(l => l, l => $"/{l}/auctions"),
            t.Say("مزادات موقوتة وحية لأعمال فنانين من السعودية والخليج.", "Timed and live sales of works by artists from Saudi Arabia and the Gulf."));
        page.Crumbs.Add(new Crumb(t.Say("الرئيسية", "Home"), $"/{locale}/"));
        page.Crumbs.Add(new Crumb(title, $"/{locale}/auctions"));
        return await RenderAsync<SalesView>(page, new SalesModel(cards));
    }

    public async Task<RenderedPage> SaleAsync(string locale, Guid id, HttpContext http, CancellationToken ct)
    {
        if (Catalog is not { } catalog || await catalog.SaleAsync(id, ct) is not { } sale)
        {
            return await NotFoundAsync(locale, http);
        }
        var t = Text(locale);
        // The lots' works and the chosen cover in one read.
        var works = await WorksAsync(locale, sale.Lots.Select(l => l.EntryId).Concat(sale.CoverEntryId is { } c ? [c] : []), ct);
        var artists = await WorksAsync(locale, sale.Lots.Select(l => works.GetValueOrDefault(l.EntryId)?.Ref("artist")).OfType<Guid>(), ct);
        var cover = sale.CoverEntryId is { } chosen ? works.GetValueOrDefault(chosen)?.Picture : null;
        var lots = sale.Lots.Select(l => Card(locale, l, works, artists)).ToList();
        var title = TitleOf(sale, locale);
        var page = Page(locale, title, AuctionPages.SalePath(locale, id), Locales.All.ToDictionary(l => l, l => AuctionPages.SalePath(l, id)),
            SiteRouter.Plain(locale == Locales.English ? sale.DescriptionEn ?? sale.DescriptionAr : sale.DescriptionAr ?? sale.DescriptionEn),
            cover ?? lots.Select(l => l.Work?.Picture).FirstOrDefault(p => p is not null));
        page.Crumbs.Add(new Crumb(t.Say("الرئيسية", "Home"), $"/{locale}/"));
        page.Crumbs.Add(new Crumb(t.Say("المزادات", "Auctions"), $"/{locale}/auctions"));
        page.Crumbs.Add(new Crumb(title, page.Path));
        return await RenderAsync<SaleView>(page, new SaleModel(sale, lots, assets.Url("auctions.js"), assets.Url("auctions.css")));
    }

    public async Task<RenderedPage> LotAsync(string locale, Guid id, HttpContext http, CancellationToken ct)
    {
        if (Catalog is not { } catalog || await catalog.LotAsync(id, ct) is not { } found)
        {
            return await NotFoundAsync(locale, http);
        }
        var (sale, lot) = found;
        var t = Text(locale);
        var works = await WorksAsync(locale, [lot.EntryId], ct);
        var artists = await WorksAsync(locale, works.Values.Select(w => w.Ref("artist")).OfType<Guid>(), ct);
        var card = Card(locale, lot, works, artists);
        var saleTitle = TitleOf(sale, locale);
        var lotName = t.Say("القطعة ", "Lot ") + t.Number(lot.Number);
        var title = card.Work is { } work ? $"{lotName}: {work.Title}" : lotName;
        var page = Page(locale, title, card.Path, Locales.All.ToDictionary(l => l, l => AuctionPages.LotPath(l, id)),
            SiteRouter.Plain(card.Work?.Text("description")), card.Work?.Picture);
        page.Crumbs.Add(new Crumb(t.Say("الرئيسية", "Home"), $"/{locale}/"));
        page.Crumbs.Add(new Crumb(t.Say("المزادات", "Auctions"), $"/{locale}/auctions"));
        page.Crumbs.Add(new Crumb(saleTitle, AuctionPages.SalePath(locale, sale.Id)));
        page.Crumbs.Add(new Crumb(lotName, card.Path));
        return await RenderAsync<LotView>(page, new LotModel(sale, card, AuctionPages.SalePath(locale, sale.Id), assets.Url("auctions.js"), assets.Url("auctions.css")));
    }

    public async Task<RenderedPage> NotFoundAsync(string locale, HttpContext http)
    {
        _ = http;
        return (await router.ErrorAsync(locale, StatusCodes.Status404NotFound)) with { CacheControl = NoStore };
    }

    public static string TitleOf(AuctionSaleSummary sale, string locale) =>
        locale == Locales.English ? (sale.TitleEn.Length > 0 ? sale.TitleEn : sale.TitleAr) : (sale.TitleAr.Length > 0 ? sale.TitleAr : sale.TitleEn);

    private static LotCard Card(string locale, AuctionLotSummary lot, IReadOnlyDictionary<Guid, SiteEntry> works, IReadOnlyDictionary<Guid, SiteEntry> artists)
    {
        var work = works.GetValueOrDefault(lot.EntryId);
        var artist = work?.Ref("artist") is { } a ? artists.GetValueOrDefault(a) : null;
        return new LotCard(lot, work, artist, AuctionPages.LotPath(locale, lot.Id));
    }

    private async Task<IReadOnlyDictionary<Guid, SiteEntry>> WorksAsync(string locale, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, SiteEntry>();
        }
        var items = await reader.GetManyAsync(wanted, locale, false, ct);
        return items.Where(i => types.Find(i.Value.Type) is not null).ToDictionary(i => i.Key, i => new SiteEntry(i.Value, types.Find(i.Value.Type)!));
    }

    private SiteText Text(string locale) => new(locale, options.Value.WesternDigits);

    private SitePage Page(string locale, string title, string path, IReadOnlyDictionary<string, string> alternates, string? description = null,
        SiteMedia? image = null) => router.Page(locale, title, path, alternates, "auctions", description, image);

    private async Task<RenderedPage> RenderAsync<TView>(SitePage page, object model) where TView : IComponent
    {
        var body = await renderer.RenderAsync<TView>(new Dictionary<string, object?> { ["Page"] = page, ["Model"] = model });
        return new RenderedPage(StatusCodes.Status200OK, RenderedPage.Html, body, page.Locale, NoStore);
    }
}

/// <summary>Amounts and countdowns in the page's language, as the page's script writes them after a push.</summary>
public static class AuctionText
{
    public static string Sar(SiteText t, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(t);
        var number = decimal.Truncate(amount) == amount
            ? t.Number((long)amount)
            : t.Digits(amount.ToString("N2", t.IsArabic ? CultureInfo.GetCultureInfo("ar-SA") : CultureInfo.GetCultureInfo("en-GB")));
        return t.IsArabic ? number + " ر.س" : "SAR " + number;
    }

    public static string Estimate(SiteText t, AuctionLotSummary lot)
    {
        ArgumentNullException.ThrowIfNull(lot);
        return (lot.EstimateLow, lot.EstimateHigh) switch
        {
            ({ } low, { } high) => Sar(t, low) + " – " + Sar(t, high),
            ({ } low, null) => Sar(t, low),
            (null, { } high) => Sar(t, high),
            _ => t.Say("عند الطلب", "On request"),
        };
    }

    /// <summary>An amount as a form field's value: invariant, no trailing zeros (<c>1100</c>, <c>1100.5</c>).</summary>
    public static string Plain(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    public static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    public static string State(SiteText t, AuctionLotSummary lot) => (lot.State, lot.Outcome) switch
    {
        ("upcoming", _) => t.Say("لم تبدأ بعد", "Not open yet"),
        ("open", _) => t.Say("مفتوحة للمزايدة", "Open for bidding"),
        ("closing", _) => t.Say("تُغلق الآن", "Closing"),
        (_, "sold") => t.Say("بيعت", "Sold"),
        (_, "passed") => t.Say("لم تُبع", "Passed"),
        _ => t.Say("أُغلقت", "Closed"),
    };

    public static string Digits(SiteText t) => t.Digits("1") == "1" ? "latn" : "arab";
}
