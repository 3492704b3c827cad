using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ArtSouk.IntegrationTests.Site;

/// <summary>The site's sale and lot pages over HTTP on the seeded host: what they show, in both languages, and that they are never stale.</summary>
[Collection("sqlite")]
public sealed partial class AuctionPageTests(SqliteHost host)
{
    private HttpClient Browser { get; } = host.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(HttpStatusCode Status, string Html)> PageAsync(string path)
    {
        using var response = await Browser.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    private async Task<(Guid Sale, Guid Lot, string Title)> LotWithReserveAsync()
    {
        var sale = await Auctioneer.SaleAsync(host.Admin);
        var title = Auctioneer.Unique("Dunes at dusk");
        var artist = await host.Admin.CreateEntryAsync("artist", new { name = new { ar = Auctioneer.Unique("فنانة"), en = Auctioneer.Unique("Artist") } });
        var work = await host.Admin.CreateEntryAsync("artwork", new { title = new { ar = Auctioneer.Unique("كثبان"), en = title }, artist });
        var created = await host.Admin.PostAsJsonAsync($"/api/v1/manage/auctions/{sale}/lots",
            new { entryId = work, startingBid = 1000m, reserve = 5000m, estimateLow = 4000m, estimateHigh = 6000m }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (sale, Guid.Parse((await Auctioneer.JsonAsync(created))["id"]!.GetValue<string>()), title);
    }

    [Theory]
    [InlineData("ar", "rtl")]
    [InlineData("en", "ltr")]
    public async Task The_sale_page_shows_each_lot_with_its_estimate_current_bid_and_end(string locale, string dir)
    {
        var (sale, lot, title) = await LotWithReserveAsync();

        var (status, html) = await PageAsync($"/{locale}/auctions/{sale}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<html lang=\"{locale}\" dir=\"{dir}\">", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{locale}/auctions/lots/{lot}\"", html, StringComparison.Ordinal);
        Assert.Contains(locale == "ar" ? "٤٬٠٠٠ ر.س – ٦٬٠٠٠ ر.س" : "SAR 4,000 – SAR 6,000", html, StringComparison.Ordinal);
        Assert.Contains(locale == "ar" ? "١٬٠٠٠ ر.س" : "SAR 1,000", html, StringComparison.Ordinal);
        Assert.Matches($"data-lot=\"{lot}\"[^>]*data-ends-at=\"\\d+\"", html);
        if (locale == "en")
        {
            Assert.Contains(title, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ar", "لم يُبلغ السعر الاحتياطي بعد")]
    [InlineData("en", "Reserve not met")]
    public async Task A_lot_below_its_reserve_says_so_and_stops_saying_it_once_a_bid_meets_it(string locale, string words)
    {
        var (_, lot, _) = await LotWithReserveAsync();
        var (before, html) = await PageAsync($"/{locale}/auctions/lots/{lot}");
        Assert.Equal(HttpStatusCode.OK, before);
        Assert.Matches($"<p class=\"lot-reserve\" data-field=\"reserve\">{Regex.Escape(words)}</p>", html);

        var bidder = await Auctioneer.BidderAsync(host.App, host.Admin);
        using var bid = await Auctioneer.BidAsync(bidder, lot, 5000m);
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);

        var (_, after) = await PageAsync($"/{locale}/auctions/lots/{lot}");
        Assert.Matches($"<p class=\"lot-reserve\" data-field=\"reserve\" hidden>{Regex.Escape(words)}</p>", after);
    }

    [Fact]
    public async Task A_sale_is_shown_by_its_chosen_cover_before_its_first_lots_picture()
    {
        var ct = TestContext.Current.CancellationToken;
        // A seeded work with pictures: the earliest published (other tests add works without any).
        var seeded = (await host.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/content/artwork?locale=en&limit=50&sort=publishedAt", ct))!["items"]!.AsArray()
            .First(w => w!["fields"]!["images"] is JsonArray { Count: > 0 })!;
        var picture = seeded["fields"]!["images"]![0]!["url"]!.GetValue<string>();
        var created = await host.Admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = Auctioneer.Unique("مزاد بغلاف"), en = Auctioneer.Unique("Covered sale") },
            type = "timed", startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddHours(1),
            coverEntryId = seeded["id"]!.GetValue<string>(),
        }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sale = (await Auctioneer.JsonAsync(created))["id"]!.GetValue<string>();
        // Its only lot is a work without pictures: whatever the page shows is the cover.
        await Auctioneer.LotAsync(host.Admin, Guid.Parse(sale));

        var (status, html) = await PageAsync($"/en/auctions/{sale}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"<meta property=\"og:image\" content=\"[^\"]*{Regex.Escape(picture)}\"", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task The_lot_page_offers_the_next_valid_amount_and_is_never_served_stale()
    {
        var (_, lot, _) = await LotWithReserveAsync();
        var (_, first) = await PageAsync($"/en/auctions/lots/{lot}");
        Assert.Contains("value=\"1000\"", first, StringComparison.Ordinal);

        var bidder = await Auctioneer.BidderAsync(host.App, host.Admin);
        using var bid = await Auctioneer.BidAsync(bidder, lot, 1000m);
        Assert.Equal(HttpStatusCode.Created, bid.StatusCode);

        using var response = await Browser.GetAsync($"/en/auctions/lots/{lot}", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("<dd class=\"lot-current\" data-field=\"current\">SAR 1,000</dd>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"1100\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong data-field=\"next\">SAR 1,100</strong>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ar/auctions/00000000-0000-0000-0000-000000000001")]
    [InlineData("/en/auctions/lots/00000000-0000-0000-0000-000000000001")]
    [InlineData("/en/auctions/not-a-sale")]
    [InlineData("/ar/auctions/lots/not-a-lot")]
    public async Task An_unknown_sale_or_lot_is_the_site_404_page(string path)
    {
        var (status, html) = await PageAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("class=\"error-page\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "المزادات")]
    [InlineData("en", "Auctions")]
    public async Task The_sales_list_links_each_sale_and_the_navigation_links_the_list(string locale, string heading)
    {
        var (sale, _, _) = await LotWithReserveAsync();
        var (status, html) = await PageAsync($"/{locale}/auctions");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{locale}/auctions/{sale}\"", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/{locale}/auctions\" aria-current=\"page\">{heading}</a>", html, StringComparison.Ordinal);
    }
}
