using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Payments;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace ArtSouk.IntegrationTests;

/// <summary>Card refunds through the payment port, the payout report, a seller's sales, and the anonymous cart's merge on sign-in.</summary>
public abstract class CommercePayoutTests(HostFixture fixture)
{
    private HostFixture Host
    {
        get
        {
            if (fixture.SkipReason is { } reason)
            {
                Assert.Skip(reason);
            }
            return fixture;
        }
    }

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..6]}";

    private Task<Guid> ArtistAsync(string arabic) =>
        Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique(arabic), en = Unique("Artist") } });

    private async Task<Guid> ListedAsync(decimal amount, Guid? artist = null)
    {
        artist ??= await ArtistAsync("فنانة");
        var work = await Host.Admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist });
        (await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, availability = "available", stock = 1 })).EnsureSuccessStatusCode();
        return work;
    }

    private async Task<HttpClient> BuyerAsync() => (await Host.App.AccountAsync(Host.Admin, "collector")).Client;

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await JsonAsync(response))["code"]!.GetValue<string>());
    }

    private static async Task<JsonObject> CheckoutAsync(HttpClient buyer, Guid work, string method = "bank-transfer")
    {
        var response = await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = method });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await JsonAsync(response);
    }

    private async Task<string> PaidBankOrderAsync(HttpClient buyer, Guid work)
    {
        var id = (await CheckoutAsync(buyer, work))["id"]!.GetValue<string>();
        (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/mark-paid", new { reference = "TRF-" + id[..8] })).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task A_card_order_is_refunded_at_the_processor_in_part_then_in_full_and_never_twice()
    {
        var buyer = await BuyerAsync();
        var order = await CheckoutAsync(buyer, await ListedAsync(1000m), method: "card");
        var id = Guid.Parse(order["id"]!.GetValue<string>());
        var intent = order["payment"]!["paymentIntentId"]!.GetValue<string>();
        var stripe = Host.App.Services.GetRequiredService<IStripeClient>();
        Assert.Equal("succeeded", (await new PaymentIntentService(stripe).ConfirmAsync(intent, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_mada" })).Status);
        var fake = Host.App.Services.GetRequiredService<FakeCardProcessor>();
        var (payload, signature) = fake.Event("payment_intent.succeeded", intent, "whsec_artsouk_local");
        using (var webhook = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") })
        {
            webhook.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
            Assert.Equal(HttpStatusCode.OK, (await Host.Anonymous.SendAsync(webhook)).StatusCode);
        }

        var partial = await JsonAsync(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { amount = 250.50m }));
        Assert.Equal("paid", partial["state"]!.GetValue<string>());
        Assert.Equal(25050, fake.RefundedOf(intent));
        // The same business operation asked again (a retry after a crash before commit) is the same refund at Stripe.
        await using (var scope = Host.App.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<IPaymentProvider>().RefundAsync(intent, 25050, OrderTransitions.RefundKey(id, 0, 25050), CancellationToken.None);
            Assert.Equal(25050, again.Amount);
        }
        Assert.Equal(25050, fake.RefundedOf(intent));

        var full = await JsonAsync(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { }));
        Assert.Equal("refunded", full["state"]!.GetValue<string>());
        Assert.Equal(1000m, full["refunded"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(100000, fake.RefundedOf(intent));
        await Expect(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { amount = 1m }), HttpStatusCode.Conflict, "illegal-transition");
        Assert.Equal(100000, fake.RefundedOf(intent));
        var audit = (await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/audit?entryId={id}&limit=50"))!["items"]!.AsArray()
            .Select(i => i!["action"]!.GetValue<string>()).Reverse().ToList();
        Assert.Equal(["order.created", "order.paid", "order.partially_refunded", "order.refunded"], audit);
    }

    [Fact]
    public async Task A_refund_the_processor_refuses_leaves_the_order_as_it_was()
    {
        var buyer = await BuyerAsync();
        // Marked paid by hand although the card was never charged: Stripe has nothing to give back.
        var order = await CheckoutAsync(buyer, await ListedAsync(300m), method: "card");
        var id = order["id"]!.GetValue<string>();
        (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/mark-paid", new { reference = "by-hand" })).EnsureSuccessStatusCode();
        await Expect(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund?locale=en", new { amount = 100m }), HttpStatusCode.Conflict, "refund-failed");
        var after = await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{id}");
        Assert.Equal("paid", after!["state"]!.GetValue<string>());
        Assert.Equal(0m, after["refunded"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task The_payout_report_takes_refunds_and_the_platform_commission_off_each_sellers_sales()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var nouf = await ArtistAsync("نوف");
        var other = await ArtistAsync("سعد");
        var buyer = await BuyerAsync();
        var first = await PaidBankOrderAsync(buyer, await ListedAsync(1000m, nouf));
        await PaidBankOrderAsync(buyer, await ListedAsync(500m, nouf));
        await PaidBankOrderAsync(buyer, await ListedAsync(99.99m, other));
        await CheckoutAsync(buyer, await ListedAsync(700m, nouf)); // unpaid: not in the report
        (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{first}/refund", new { amount = 100m })).EnsureSuccessStatusCode();

        var report = await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/payouts?from={Uri.EscapeDataString(since)}&locale=ar");
        Assert.Equal(20m, report!["commissionPercent"]!.GetValue<decimal>());
        JsonNode Row(Guid seller) => report["sellers"]!.AsArray().Single(s => s!["sellerId"]?.GetValue<string>() == seller.ToString())!;
        var row = Row(nouf);
        Assert.StartsWith("نوف", row["seller"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, row["lines"]!.GetValue<int>());
        Assert.Equal(1500m, row["gross"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(100m, row["refunded"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(280m, row["commission"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(1120m, row["payout"]!["amount"]!.GetValue<decimal>());
        // 20% of 99.99 is 19.998: the commission is rounded once, to the halala.
        Assert.Equal(20.00m, Row(other)["commission"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(79.99m, Row(other)["payout"]!["amount"]!.GetValue<decimal>());

        await Expect(await Host.Admin.GetAsync("/api/v1/manage/payouts?from=yesterday"), HttpStatusCode.BadRequest, "validation-failed");
        await Expect(await Host.Admin.GetAsync("/api/v1/manage/payouts?from=2026-02-01&to=2026-01-01"), HttpStatusCode.BadRequest, "validation-failed");
        await Expect(await buyer.GetAsync("/api/v1/manage/payouts"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_artist_sees_their_own_sales_and_payout_and_no_one_elses()
    {
        var artist = await ArtistAsync("ريم");
        var (artistClient, _) = await Host.App.AccountAsync(Host.Admin, "artist", artist);
        var buyer = await BuyerAsync();
        var work = await ListedAsync(2500m, artist);
        var order = await PaidBankOrderAsync(buyer, work);
        await PaidBankOrderAsync(buyer, await ListedAsync(800m));

        var sales = await artistClient.GetFromJsonAsync<JsonObject>("/api/v1/commerce/sales?locale=en");
        var line = Assert.Single(sales!["lines"]!.AsArray())!;
        Assert.Equal(order, line["orderId"]!.GetValue<string>());
        Assert.Equal(work.ToString(), line["entryId"]!.GetValue<string>());
        Assert.StartsWith("Work", line["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2500m, sales["summary"]!["gross"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(2000m, sales["summary"]!["payout"]!["amount"]!.GetValue<decimal>());

        var viewed = await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/commerce/sales?seller={artist}");
        Assert.Equal(2500m, viewed!["summary"]!["gross"]!["amount"]!.GetValue<decimal>());
        var (stranger, _) = await Host.App.AccountAsync(Host.Admin, "artist", await ArtistAsync("آخر"));
        await Expect(await stranger.GetAsync($"/api/v1/commerce/sales?seller={artist}"), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await buyer.GetAsync("/api/v1/commerce/sales"), HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_anonymous_cart_merges_into_the_account_cart_on_sign_in()
    {
        var (account, _) = await Host.App.AccountAsync(Host.Admin, "collector");
        var already = await ListedAsync(100m);
        (await account.PostAsJsonAsync("/api/v1/cart/items", new { entryId = already, quantity = 1 })).EnsureSuccessStatusCode();

        var visitor = Host.App.CreateClient();
        Assert.Empty((await visitor.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["items"]!.AsArray());
        var picked = await ListedAsync(200m);
        var added = await JsonAsync(await visitor.PostAsJsonAsync("/api/v1/cart/items", new { entryId = picked, quantity = 1 }));
        Assert.Equal(200m, added["total"]!["amount"]!.GetValue<decimal>());
        Assert.Single((await visitor.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["items"]!.AsArray());
        // Another visitor's cart is their own.
        Assert.Empty((await Host.App.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["items"]!.AsArray());

        // The visitor signs in (the same browser, now carrying the account's token).
        visitor.DefaultRequestHeaders.Authorization = account.DefaultRequestHeaders.Authorization;
        var merged = await visitor.GetFromJsonAsync<JsonObject>("/api/v1/cart");
        Assert.Equal(new[] { already, picked }.Select(x => x.ToString()).Order(), merged!["items"]!.AsArray().Select(i => i!["entryId"]!.GetValue<string>()).Order());
        Assert.Equal(300m, merged["total"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(2, (await account.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["items"]!.AsArray().Count);
        // The anonymous cart is gone: signing out leaves an empty cart, and the account's cart is bought as one order.
        visitor.DefaultRequestHeaders.Authorization = null;
        Assert.Empty((await visitor.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["items"]!.AsArray());
        var order = await JsonAsync(await account.PostAsJsonAsync("/api/v1/checkout", new { paymentMethod = "bank-transfer" }));
        Assert.Equal(300m, order["total"]!["amount"]!.GetValue<decimal>());
    }
}

[Collection("sqlite")]
public sealed class SqliteCommercePayoutTests(SqliteHost host) : CommercePayoutTests(host);

[Collection("postgres")]
public sealed class PostgresCommercePayoutTests(PostgresHost host) : CommercePayoutTests(host);
