using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>The sale and lot pages in the Debian chromium: live bids from other clients, the page's own bid form, both languages, desktop and phone.</summary>
[Collection("manager")]
public sealed class AuctionPageTests(ManagerHost host)
{
    public static TheoryData<string, int> LanguagesAndWidths() => new() { { "ar", 1280 }, { "en", 1280 }, { "ar", 390 }, { "en", 390 } };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..4]}";

    /// <summary>A sale of two lots on new works that reuse a seeded artwork's pictures and artist.</summary>
    private async Task<(Guid Sale, Guid Lot)> SaleAsync(HttpClient admin, string type = "timed")
    {
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = Unique("مزاد الربيع للفن المعاصر"), en = Unique("Spring Contemporary Sale") },
            description = new { ar = "أعمال مختارة من فنانين سعوديين وخليجيين.", en = "Selected works by Saudi and Gulf artists." },
            type, startsAt = now.AddMinutes(-5), endsAt = now.AddHours(2), biddersNeedApproval = false, softCloseMinutes = 2,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sale = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>());
        var seeded = (await host.Http.GetFromJsonAsync<JsonObject>("/api/v1/content/artwork?locale=en&limit=2&sort=publishedAt", Ct))!["items"]!.AsArray();
        Guid first = default;
        foreach (var item in seeded)
        {
            var source = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/artwork/{item!["id"]}", Ct))!;
            var fields = source["fields"]!.AsObject();
            var work = await admin.PostAsJsonAsync("/api/v1/manage/content/artwork", new
            {
                fields = new JsonObject
                {
                    ["title"] = new JsonObject { ["ar"] = Unique("عمل للمزاد"), ["en"] = Unique("Auction work") },
                    ["artist"] = fields["artist"]?.DeepClone(),
                    ["images"] = fields["images"]?.DeepClone(),
                    ["year"] = 2024,
                },
                publish = true,
            }, Ct);
            Assert.True(work.StatusCode == HttpStatusCode.Created, await work.Content.ReadAsStringAsync(Ct));
            var entry = (await work.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
            var lot = await admin.PostAsJsonAsync($"/api/v1/manage/auctions/{sale}/lots",
                new { entryId = entry, startingBid = 1000m, reserve = 8000m, estimateLow = 6000m, estimateHigh = 9000m }, Ct);
            Assert.Equal(HttpStatusCode.Created, lot.StatusCode);
            if (first == default)
            {
                first = Guid.Parse((await lot.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>());
            }
        }
        return (sale, first);
    }

    private static async Task<decimal> NextAsync(HttpClient client, Guid lot) =>
        (await client.GetFromJsonAsync<JsonObject>($"/api/v1/lots/{lot}", Ct))!["nextValidAmount"]!.GetValue<decimal>();

    /// <summary>The digits shown in an element, Arabic-Indic or Western, as a number (separators and currency dropped).</summary>
    private static decimal Shown(string text)
    {
        var digits = new string(text.Select(c => c is >= '٠' and <= '٩' ? (char)('0' + (c - '٠')) : c).Where(char.IsAsciiDigit).ToArray());
        return decimal.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>An amount as the page's script writes it into data-amount (JavaScript's number to string).</summary>
    private static string Plain(decimal amount) => amount.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task ShotAsync(IPage page, string kind, string locale, int width)
    {
        await page.EvaluateAsync("""
            async () => {
              await Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
              await document.fonts.ready;
            }
            """);
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"site-{kind}-{locale}-{width}"), FullPage = true });
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task A_bid_placed_by_another_client_appears_live_on_the_sale_and_lot_pages(string locale, int width)
    {
        using var admin = await Accounts.AdminAsync(host);
        var (sale, lot) = await SaleAsync(admin);
        using var other = await Accounts.BearerAsync(host, await Accounts.CreateAsync(host, admin, "collector", "Other bidder"), Accounts.Password);

        var page = await host.PageAsync(locale, width, width < 600 ? 844 : 900);
        await page.GotoAsync($"/{locale}/auctions/{sale}");
        Assert.Equal(locale == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal(2, await page.Locator(".lot-card").CountAsync());
        await page.Locator("[data-auction-root][data-live=true]").WaitForAsync();
        var amount = await NextAsync(other, lot);
        using (var bid = await other.PostAsJsonAsync($"/api/v1/lots/{lot}/bids", new { amount, clientBidId = Guid.NewGuid().ToString() }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        }
        var card = page.Locator($".lot-card[data-lot='{lot}'] [data-field=current]");
        await page.Locator($".lot-card[data-lot='{lot}'] [data-field=current][data-amount='{Plain(amount)}']").WaitForAsync();
        Assert.Equal(amount, Shown(await card.InnerTextAsync()));
        if (width < 600)
        {
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the sale page scrolls sideways on a phone");
        }
        await ShotAsync(page, "sale", locale, width);

        await page.Locator($".lot-card[data-lot='{lot}'] .card-link").ClickAsync();
        await page.ArrivedAsync($"**/{locale}/auctions/lots/{lot}");
        await page.Locator("[data-auction-root][data-live=true]").WaitForAsync();
        Assert.True(await page.Locator(".artwork-main img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        Assert.True(await page.Locator("[data-field=reserve]").IsVisibleAsync());
        // Another bidder: the leader raising their own bid only raises their hidden maximum, not the price.
        using var third = await Accounts.BearerAsync(host, await Accounts.CreateAsync(host, admin, "collector", "Third bidder"), Accounts.Password);
        var next = await NextAsync(third, lot);
        using (var bid = await third.PostAsJsonAsync($"/api/v1/lots/{lot}/bids", new { amount = next, clientBidId = Guid.NewGuid().ToString() }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        }
        var current = page.Locator("[data-field=current]");
        await page.Locator($"[data-field=current][data-amount='{Plain(next)}']").WaitForAsync();
        Assert.Equal(next, Shown(await current.InnerTextAsync()));
        // The form now offers the next rung of the ladder above the pushed price.
        Assert.Equal(await NextAsync(other, lot), decimal.Parse(await page.Locator("#bid-amount").InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture));
        if (width < 600)
        {
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the lot page scrolls sideways on a phone");
        }
        await ShotAsync(page, "lot", locale, width);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task A_collector_signs_in_on_the_lot_page_and_bids_and_a_reserve_met_bid_hides_the_notice(string locale)
    {
        using var admin = await Accounts.AdminAsync(host);
        var (_, lot) = await SaleAsync(admin);
        var email = await Accounts.CreateAsync(host, admin, "collector", "Page bidder");

        var page = await host.PageAsync(locale);
        await page.GotoAsync($"/{locale}/auctions/lots/{lot}");
        await page.Locator("[data-auction-root][data-live=true]").WaitForAsync();
        await page.Locator(".bid-form button[type=submit]").ClickAsync();
        await page.Locator("#bid-email").FillAsync(email);
        await page.Locator("#bid-password").FillAsync(Accounts.Password);
        await page.Locator(".bid-signin button[type=submit]").ClickAsync();
        await page.Locator(".bid-form:not([hidden])").WaitForAsync();

        // A bid below the next valid amount is refused with the amount to offer, in the page's language.
        await page.Locator("#bid-amount").FillAsync("10");
        await page.Locator(".bid-form button[type=submit]").ClickAsync();
        var message = page.Locator(".bid-form [data-field=message][data-kind=error]");
        await message.WaitForAsync();
        Assert.Matches(locale == "ar" ? "[\u0600-\u06FF]" : "next valid amount", await message.InnerTextAsync());

        await page.Locator("#bid-amount").FillAsync("8000");
        await page.Locator(".bid-form button[type=submit]").ClickAsync();
        var accepted = page.Locator(".bid-form [data-field=message][data-kind=ok]");
        await accepted.WaitForAsync();
        // In the page's words (read from its <template>), not "undefined".
        Assert.Equal(locale == "ar" ? "قُبلت مزايدتك — أنت صاحب أعلى مزايدة" : "Your bid was accepted — You are the highest bidder", await accepted.InnerTextAsync());
        await page.Locator("[data-field=current][data-amount='8000']").WaitForAsync();
        await page.Locator("[data-field=reserve][hidden]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(1, await page.Locator("[data-field=history] li").CountAsync());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task The_auctioneers_calls_in_a_live_sale_reach_the_lot_page(string locale)
    {
        using var admin = await Accounts.AdminAsync(host);
        var (_, lot) = await SaleAsync(admin, "live");
        var page = await host.PageAsync(locale);
        await page.GotoAsync($"/{locale}/auctions/lots/{lot}");
        await page.Locator("[data-auction-root][data-live=true]").WaitForAsync();
        var status = page.Locator("[data-field=status]");

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/manage/lots/{lot}/open", null, Ct)).StatusCode);
        await page.Locator("[data-field=status][data-kind=opened]").WaitForAsync();
        Assert.Equal(locale == "ar" ? "القطعة الآن أمام الدلّال: زايد الآن" : "This lot is now on the block: bid now", await status.InnerTextAsync());

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/manage/lots/{lot}/fair-warning", null, Ct)).StatusCode);
        await page.Locator("[data-field=status][data-kind=warning]").WaitForAsync();
        Assert.Equal(locale == "ar" ? "إنذار أخير قبل المطرقة" : "Fair warning: the hammer is about to fall", await status.InnerTextAsync());
        await ShotAsync(page, "lot-fair-warning", locale, 1280);

        // No bid met the reserve: the hammer passes the lot, and the page says so and takes the bid form away.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/manage/lots/{lot}/hammer", null, Ct)).StatusCode);
        await page.Locator("[data-auction-root][data-state=closed]").WaitForAsync();
        Assert.Equal(locale == "ar" ? "لم تُبع" : "Passed", await status.InnerTextAsync());
        Assert.True(await page.Locator(".bid-form").IsHiddenAsync());
        await page.Context.CloseAsync();
    }
}
