using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ArtSouk.EndToEndTests;

/// <summary>The auctioneer's console in the manager: the live bid stream from the hub, fair warning and the hammer.</summary>
[Collection("manager")]
public sealed class AuctioneerConsoleTests(ManagerHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task A_bid_shows_in_the_stream_and_the_hammer_sells_the_lot_to_its_bidder(string locale)
    {
        using var admin = await Accounts.AdminAsync(host);
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = "مزاد المساء الحي " + Guid.NewGuid().ToString("N")[..4], en = "Evening live sale " + Guid.NewGuid().ToString("N")[..4] },
            type = "live", startsAt = now.AddMinutes(-1), endsAt = now.AddHours(3), biddersNeedApproval = false, softCloseMinutes = 0,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sale = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        var artist = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "فنانة الحي", en = "Live artist" } }, publish = true }, Ct);
        var work = await admin.PostAsJsonAsync("/api/v1/manage/content/artwork", new
        {
            fields = new { title = new { ar = "عمل حي", en = "Live work" }, artist = (await artist.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>() },
            publish = true,
        }, Ct);
        var entry = (await work.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        var lotCreated = await admin.PostAsJsonAsync($"/api/v1/manage/auctions/{sale}/lots", new { entryId = entry, startingBid = 2000m }, Ct);
        Assert.Equal(HttpStatusCode.Created, lotCreated.StatusCode);
        var lot = (await lotCreated.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        using var bidder = await Accounts.BearerAsync(host, await Accounts.CreateAsync(host, admin, "collector", "Room bidder"), Accounts.Password);

        var page = await host.PageAsync(locale);
        await Accounts.SignInAsync(page, ManagerHost.AdminEmail, ManagerHost.AdminPassword);
        await page.GotoAsync($"/manager/auctions/{sale}");
        await page.Locator("[data-live=true]").WaitForAsync();
        await page.Locator("[data-action=open]").ClickAsync();

        using (var bid = await bidder.PostAsJsonAsync($"/api/v1/lots/{lot}/bids", new { amount = 2000m, clientBidId = Guid.NewGuid().ToString() }, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, bid.StatusCode);
        }
        await page.Locator("[data-stream] li[data-kind=bid] [data-amount='2000']").WaitForAsync();
        await page.Locator($"tr[data-lot='{lot}'] [data-current]").Filter(new() { HasText = "2,000" }).WaitForAsync();

        await page.Locator("[data-action=fair-warning]").ClickAsync();
        await page.Locator("[data-stream] li[data-kind=warning]").WaitForAsync();
        await page.Locator("[data-action=hammer]").ClickAsync();
        await page.Locator("[data-stream] li[data-kind=closed] [data-amount='2000']").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"manager-auctioneer-console-{locale}"), FullPage = true });

        var view = (await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/lots/{lot}", Ct))!;
        Assert.Equal("sold", view["outcome"]!.GetValue<string>());
        Assert.Single((await bidder.GetFromJsonAsync<JsonArray>("/api/v1/orders", Ct))!);
        await page.Context.CloseAsync();
    }
}
