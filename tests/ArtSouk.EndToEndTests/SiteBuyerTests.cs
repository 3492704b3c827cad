using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>
/// A collector on the public site: asks about a listed work, offers a price, buys it, and buys seats of a workshop, signing
/// in where they stand; each action reaches the API and its answer shows in the page's language.
/// </summary>
[Collection("manager")]
public sealed class SiteBuyerTests(ManagerHost host)
{
    [Theory]
    [InlineData("ar", 390, 2)]
    [InlineData("en", 1280, 3)]
    public async Task A_collector_asks_about_a_listed_work_offers_a_price_and_buys_it_from_its_page(string locale, int width, int pick)
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await Accounts.AdminAsync(host);
        var works = await host.Http.GetFromJsonAsync<JsonObject>("/api/v1/content/artwork?locale=ar&limit=6&sort=publishedAt", ct);
        var work = works!["items"]![pick]!;
        var entryId = work["id"]!.GetValue<string>();
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{entryId}",
            new { price = new { amount = 8000m, currency = "SAR" }, availability = "available", stock = 1 }, ct)).EnsureSuccessStatusCode();
        var email = await RegisterAsync(locale);

        var page = await host.PageAsync(locale, width, width < 600 ? 844 : 900);
        await page.GotoAsync(work["translations"]![locale]!.GetValue<string>());
        var purchase = page.Locator("section.purchase");
        await Assertions.Expect(purchase.Locator("[data-action=buy] button")).ToHaveTextAsync(locale == "ar" ? "اقتنِ العمل" : "Buy this work");

        // A question: the API asks who is writing, the sign-in opens in place, and the question goes once signed in.
        var question = $"Is it framed? {Guid.NewGuid():N}";
        await purchase.Locator("details:has([data-action=ask]) summary").ClickAsync();
        await purchase.Locator("[data-action=ask] textarea").FillAsync(question);
        await purchase.Locator("[data-action=ask] button").ClickAsync();
        var signin = purchase.Locator("form.buyer-signin");
        await Assertions.Expect(signin).ToBeVisibleAsync();
        await signin.Locator("input[name=email]").FillAsync(email);
        await signin.Locator("input[name=password]").FillAsync(Accounts.Password);
        await signin.Locator("button").ClickAsync();
        var asked = purchase.Locator("details:has([data-action=ask]) .buyer-message");
        await host.ExpectAsync(page, "the question sent", () => Assertions.Expect(asked).ToHaveAttributeAsync("data-kind", "ok"));
        await Assertions.Expect(signin).ToBeHiddenAsync();
        var inquiries = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/commerce/entries/{entryId}/inquiries", ct);
        Assert.Contains(inquiries!, i => i!["message"]!.GetValue<string>() == question);

        // An offer of nothing is refused with the API's own words, in the page's language; a real one goes to the seller.
        var offer = purchase.Locator("details:has([data-action=offer])");
        await offer.Locator("summary").ClickAsync();
        await offer.Locator("input[name=amount]").FillAsync("0");
        await offer.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(offer.Locator(".buyer-message")).ToHaveAttributeAsync("data-kind", "error");
        var refusal = await offer.Locator(".buyer-message").InnerTextAsync();
        Assert.Equal(locale == "ar", refusal.Any(c => c is >= '\u0600' and <= '\u06FF'));
        await offer.Locator("input[name=amount]").FillAsync("7000");
        await offer.Locator("textarea").FillAsync(locale == "ar" ? "هل يقبل الفنان هذا السعر؟" : "Would the artist take this?");
        await offer.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(offer.Locator(".buyer-message")).ToHaveAttributeAsync("data-kind", "ok");
        var offers = await admin.GetFromJsonAsync<JsonArray>($"/api/v1/commerce/entries/{entryId}/offers", ct);
        Assert.Contains(offers!, o => o!["amount"]!["amount"]!.GetValue<decimal>() == 7000m);
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"site-artwork-buyer-{locale}-{width}"), FullPage = true });

        // Buying holds the work: an order waits for the transfer, and the page shows the work reserved with nothing to buy.
        await purchase.Locator("[data-action=buy] button").ClickAsync();
        var bought = purchase.Locator(".buyer-action:has([data-action=buy]) .buyer-message");
        await host.ExpectAsync(page, "the work held", () => Assertions.Expect(bought).ToHaveAttributeAsync("data-kind", "ok"));
        var collector = await Accounts.BearerAsync(host, email, Accounts.Password);
        var order = Assert.Single((await collector.GetFromJsonAsync<JsonArray>("/api/v1/orders", ct))!);
        Assert.Equal("pending_payment", order!["state"]!.GetValue<string>());
        Assert.Equal(entryId, order["lines"]![0]!["entryId"]!.GetValue<string>());
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".artwork-info .availability")).ToHaveTextAsync(locale == "ar" ? "محجوز" : "Reserved");
        Assert.Equal(0, await page.Locator("section.purchase [data-action=buy]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_visitor_signs_in_on_a_workshop_page_and_holds_seats()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await Accounts.AdminAsync(host);
        var workshops = await host.Http.GetFromJsonAsync<JsonObject>("/api/v1/content/workshop?locale=ar&limit=1", ct);
        var workshop = workshops!["items"]![0]!;
        var created = await admin.PostAsJsonAsync($"/api/v1/manage/listings/{workshop["id"]}/ticket-types",
            new { name = new { ar = "مقعد المرسم", en = "Studio seat" }, price = new { amount = 350m, currency = "SAR" }, capacity = 12 }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var email = await RegisterAsync("ar");

        var page = await host.PageAsync("ar");
        await page.GotoAsync(workshop["translations"]!["ar"]!.GetValue<string>());
        var seat = page.Locator("[data-ticket-type]", new() { HasText = "مقعد المرسم" });
        await seat.Locator("input[name=quantity]").FillAsync("2");
        await seat.Locator("[data-action=buy] button").ClickAsync();
        var signin = page.Locator("section.tickets form.buyer-signin");
        await Assertions.Expect(signin).ToBeVisibleAsync();
        await signin.Locator("input[name=email]").FillAsync(email);
        await signin.Locator("input[name=password]").FillAsync(Accounts.Password);
        await signin.Locator("button").ClickAsync();
        await host.ExpectAsync(page, "the seats held", () => Assertions.Expect(seat.Locator(".buyer-message")).ToHaveAttributeAsync("data-kind", "ok"));
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("site-workshop-tickets-ar-1280"), FullPage = true });

        var collector = await Accounts.BearerAsync(host, email, Accounts.Password);
        var order = Assert.Single((await collector.GetFromJsonAsync<JsonArray>("/api/v1/orders", ct))!);
        Assert.Equal(2, order!["lines"]![0]!["quantity"]!.GetValue<int>());
        await page.Context.CloseAsync();
    }

    private async Task<string> RegisterAsync(string locale)
    {
        var email = $"collector-{Guid.NewGuid():N}@artsouk.test";
        var registered = await host.Http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Accounts.Password, displayName = "Collector", locale },
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return email;
    }
}
