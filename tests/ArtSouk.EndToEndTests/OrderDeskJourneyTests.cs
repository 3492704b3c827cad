using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>A curator at the order desk: confirms a bank transfer by its reference, then refunds the order in part and in full.</summary>
[Collection("manager")]
public sealed class OrderDeskJourneyTests(ManagerHost host)
{
    private async Task<(Guid Work, string Title)> ListedWorkAsync(HttpClient admin, string stamp)
    {
        var title = $"صحراء النفود {stamp}";
        var artist = await admin.PostAsJsonAsync("/api/v1/manage/content/artist",
            new { fields = new { name = new { ar = $"نوف الحربي {stamp}", en = $"Nouf Al-Harbi {stamp}" } }, publish = true });
        Assert.Equal(HttpStatusCode.Created, artist.StatusCode);
        var artistId = (await artist.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artwork",
            new { fields = new { title = new { ar = title, en = $"Nafud Desert {stamp}" }, artist = artistId }, publish = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var work = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 12500m, currency = "SAR" }, availability = "available", stock = 1 }))
            .EnsureSuccessStatusCode();
        return (work, title);
    }

    private async Task<(Guid Order, string BuyerEmail)> BankOrderAsync(HttpClient admin, Guid work)
    {
        var email = await Accounts.CreateAsync(host, admin, "collector", "ريم العتيبي");
        using var buyer = await Accounts.BearerAsync(host, email, Accounts.Password);
        var checkout = await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        return (Guid.Parse((await checkout.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>()), email);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task A_curator_marks_a_bank_transfer_paid_and_refunds_it_in_part_then_in_full(string locale)
    {
        var stamp = Guid.NewGuid().ToString("N")[..6];
        using var admin = await Accounts.AdminAsync(host);
        var (work, title) = await ListedWorkAsync(admin, stamp);
        var (order, buyer) = await BankOrderAsync(admin, work);
        var curator = await Accounts.CreateAsync(host, admin, "curator", $"Layla {stamp}");
        var page = await host.PageAsync(locale);
        await Accounts.SignInAsync(page, curator);

        await page.Locator(".sidebar a[href='/manager/orders']").ClickAsync();
        await page.Locator("[data-table=orders] tbody tr[data-order]").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"orders-{locale}-1280") });
        await page.Locator("#order-q").FillAsync(buyer);
        await page.Locator("[data-form=order-search] button[type=submit]").ClickAsync();
        // The search navigates inside the circuit (no load event): poll the address, then the rows.
        await page.WaitForFunctionAsync("() => new URLSearchParams(location.search).has('q')");
        // The unfiltered list showed this order too: wait until the search's answer is the only row.
        await Assertions.Expect(page.Locator("tr[data-order]")).ToHaveCountAsync(1);
        var row = page.Locator($"tr[data-order='{order}']");
        await row.WaitForAsync();
        Assert.Contains(locale == "ar" ? title : $"Nafud Desert {stamp}", await row.InnerTextAsync(), StringComparison.Ordinal);

        await row.Locator("a").ClickAsync();
        await page.Locator("[data-form=mark-paid]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-action=refund], [data-action=fulfil]").CountAsync());
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"order-pending-{locale}-1280") });
        await page.Locator("#transfer-reference").FillAsync($"TRF-{stamp}");
        await page.Locator("[data-action=mark-paid]").ClickAsync();
        await page.Locator("h1 .badge[data-state=paid]").WaitForAsync();
        await page.Locator("[data-reference]").WaitForAsync();

        await page.Locator("[data-action=refund]").ClickAsync();
        await page.Locator("[data-refund=partial]").CheckAsync();
        await page.Locator("#refund-amount").FillAsync("2500");
        await page.Locator("#refund-amount").DispatchEventAsync("change");
        await page.Locator("[data-action=confirm-refund]").ClickAsync();
        await page.Locator("[data-refunded]").WaitForAsync();
        Assert.Equal("paid", await page.Locator("h1 .badge").GetAttributeAsync("data-state"));
        await page.Locator("[data-history] li[data-action='order.partially_refunded']").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"order-paid-{locale}-1280"), FullPage = true });

        await page.Locator("[data-action=refund]").ClickAsync();
        await page.Locator("[data-action=confirm-refund]").ClickAsync();
        await page.Locator("h1 .badge[data-state=refunded]").WaitForAsync();
        await page.Locator("[data-no-actions]").WaitForAsync();

        var state = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders/{order}");
        Assert.Equal("refunded", state!["state"]!.GetValue<string>());
        Assert.Equal(12500m, state["refunded"]!["amount"]!.GetValue<decimal>());
        Assert.Equal($"TRF-{stamp}", state["paymentReference"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task The_commerce_screens_read_well_on_a_phone_and_at_a_desk(string locale)
    {
        var stamp = Guid.NewGuid().ToString("N")[..6];
        using var admin = await Accounts.AdminAsync(host);
        var (work, _) = await ListedWorkAsync(admin, stamp);
        using (var bidder = await Accounts.BearerAsync(host, await Accounts.CreateAsync(host, admin, "collector", "سارة"), Accounts.Password))
        {
            (await bidder.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = work, amount = 11000m, message = "هل يمكن الاستلام من جدة؟" })).EnsureSuccessStatusCode();
        }
        var (order, _) = await BankOrderAsync(admin, work);
        (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = $"TRF-{stamp}" })).EnsureSuccessStatusCode();

        var desk = await host.PageAsync(locale);
        await Accounts.SignInAsync(desk, ManagerHost.AdminEmail, ManagerHost.AdminPassword);
        await desk.GotoAsync("/manager/payouts?from=2020-01-01");
        await desk.Locator(".shell[data-interactive]").WaitForAsync();
        await desk.Locator("[data-table=payouts] tbody tr").First.WaitForAsync();
        await desk.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"payouts-{locale}-1280") });
        await desk.GotoAsync($"/manager/content/artwork/{work}");
        await desk.Locator(".shell[data-interactive]").WaitForAsync();
        await desk.Locator("[data-panel=listing] [data-counters]").WaitForAsync();
        Assert.Equal("1", await desk.Locator("#listing-stock").InputValueAsync());
        await desk.EvaluateAsync("document.querySelector('[data-panel=listing]').scrollIntoView({ block: 'center' })");
        await desk.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"listing-{locale}-1280") });
        var side = await desk.Locator(".editor-side").InnerTextAsync();


        var phone = await host.PageAsync(locale, width: 390, height: 844);
        await Accounts.SignInAsync(phone, ManagerHost.AdminEmail, ManagerHost.AdminPassword);
        await phone.GotoAsync("/manager/orders");
        await phone.Locator("tr[data-order]").First.WaitForAsync();
        await phone.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"orders-{locale}-390") });
        await phone.GotoAsync($"/manager/orders/{order}");
        await phone.Locator("[data-panel=actions]").WaitForAsync();
        await phone.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"order-{locale}-390"), FullPage = true });
        // Nothing is wider than the phone: the page never scrolls sideways.
        Assert.True(await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await phone.Context.CloseAsync();

        // The offer made before the sale is listed on the work for its seller.
        Assert.True(side.Contains("11,000.00", StringComparison.Ordinal), side);
        await desk.Context.CloseAsync();
    }
}
