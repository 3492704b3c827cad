using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.Commerce.Invoices;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Payments;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Stripe;
using Invoice = ArtSouk.Commerce.Invoices.Invoice;

namespace ArtSouk.IntegrationTests;

/// <summary>Listings, checkout races, orders, invoices and Stripe webhooks, on SQLite and PostgreSQL.</summary>
public abstract class CommerceTests(HostFixture fixture)
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

    private async Task<Guid> ArtworkAsync(Guid? artist = null)
    {
        artist ??= await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        return await Host.Admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist });
    }

    private async Task<Guid> ListedAsync(decimal amount = 12500.00m, int stock = 1)
    {
        var work = await ArtworkAsync();
        var put = await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, availability = "available", stock });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return work;
    }

    private async Task<HttpClient> BuyerAsync() => (await Host.App.AccountAsync(Host.Admin, "collector")).Client;

    private static Task<HttpResponseMessage> CheckoutAsync(HttpClient buyer, Guid work, string method = "bank-transfer", int quantity = 1) =>
        buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity } }, paymentMethod = method });

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<string> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response))["code"]!.GetValue<string>();
    }

    private async Task<JsonObject> DeliveryAsync(Guid work) =>
        (await Host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork/{work}?locale=en"))!;

    [Fact]
    public async Task A_listing_in_decimal_SAR_shows_on_the_Delivery_item_at_once()
    {
        var work = await ArtworkAsync();
        Assert.Null((await DeliveryAsync(work))["listing"]);
        var put = await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 12500.00m, currency = "SAR" }, availability = "available", stock = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var listing = (await DeliveryAsync(work))["listing"]!;
        Assert.Equal(12500m, listing["price"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("SAR", listing["price"]!["currency"]!.GetValue<string>());
        Assert.Equal("available", listing["availability"]!.GetValue<string>());
        Assert.Equal(1, listing["stock"]!.GetValue<int>());
    }

    [Fact]
    public async Task Prices_with_fractions_of_a_halala_or_unknown_availability_are_refused_in_the_callers_language()
    {
        var work = await ArtworkAsync();
        var put = await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}?locale=ar", new { price = new { amount = 10.005m, currency = "SAR" }, availability = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var problem = await JsonAsync(put);
        Assert.Equal("validation-failed", problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["price.amount"]);
        Assert.NotNull(problem["errors"]!["availability"]);
        Assert.Contains("ريال", problem["detail"]!.GetValue<string>());
        var usd = await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 10m, currency = "USD" } });
        Assert.Equal(HttpStatusCode.BadRequest, usd.StatusCode);
    }

    [Fact]
    public async Task Artists_price_their_own_works_only_and_collectors_none()
    {
        var own = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var mine = await ArtworkAsync(own);
        var theirs = await ArtworkAsync();
        var (artist, _) = await Host.App.AccountAsync(Host.Admin, "artist", own);
        var body = new { price = new { amount = 900m, currency = "SAR" }, availability = "available", stock = 1 };
        Assert.Equal(HttpStatusCode.OK, (await artist.PutAsJsonAsync($"/api/v1/manage/listings/{mine}", body)).StatusCode);
        var refused = await artist.PutAsJsonAsync($"/api/v1/manage/listings/{theirs}", body);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("forbidden", await CodeAsync(refused));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await BuyerAsync()).PutAsJsonAsync($"/api/v1/manage/listings/{mine}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{Guid.NewGuid()}", body)).StatusCode);
    }

    [Fact]
    public async Task Of_100_buyers_racing_for_one_unique_work_exactly_one_gets_an_order()
    {
        var work = await ListedAsync();
        var buyers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => BuyerAsync()));
        var answers = await Race.AllAsync(100, async i =>
        {
            var response = await CheckoutAsync(buyers[i], work);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        });
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var losers = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(99, losers.Count(a => a.StatusCode == HttpStatusCode.Conflict && a.MediaType == "application/problem+json"));
        Assert.All(losers, a => Assert.Contains(JsonNode.Parse(a.Body)!["code"]!.GetValue<string>(), new[] { "reserved", "sold" }));
        Assert.Equal("reserved", (await DeliveryAsync(work))["listing"]!["availability"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_edition_sells_until_its_stock_is_gone_then_says_sold_out()
    {
        var work = await ListedAsync(amount: 800m, stock: 3);
        var buyer = await BuyerAsync();
        Assert.Equal(HttpStatusCode.Created, (await CheckoutAsync(buyer, work, quantity: 2)).StatusCode);
        var tooMany = await CheckoutAsync(await BuyerAsync(), work, quantity: 2);
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Contains(await CodeAsync(tooMany), new[] { "sold_out", "reserved" });
        Assert.Equal(HttpStatusCode.Created, (await CheckoutAsync(await BuyerAsync(), work, quantity: 1)).StatusCode);
        Assert.Equal(0, (await DeliveryAsync(work))["listing"]!["stock"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_bank_transfer_marked_paid_makes_the_order_paid_and_the_unique_work_sold()
    {
        var work = await ListedAsync();
        var buyer = await BuyerAsync();
        var order = await JsonAsync(await CheckoutAsync(buyer, work));
        Assert.Equal("pending_payment", order["state"]!.GetValue<string>());
        var id = order["id"]!.GetValue<string>();
        var paid = await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/mark-paid", new { reference = "TRX-2026-0001" });
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("paid", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{id}"))!["state"]!.GetValue<string>());
        Assert.Equal("sold", (await DeliveryAsync(work))["listing"]!["availability"]!.GetValue<string>());
        var again = await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/mark-paid", new { reference = "TRX-2026-0001" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("illegal-transition", await CodeAsync(again));
        var sold = await CheckoutAsync(await BuyerAsync(), work);
        Assert.Equal(HttpStatusCode.Conflict, sold.StatusCode);
        Assert.Equal("sold", await CodeAsync(sold));
    }

    [Fact]
    public async Task Orders_move_only_along_the_state_machine_and_every_move_is_audited()
    {
        var buyer = await BuyerAsync();
        var id = (await JsonAsync(await CheckoutAsync(buyer, await ListedAsync(amount: 1000m))))["id"]!.GetValue<string>();
        var early = await Host.Admin.PostAsync($"/api/v1/manage/orders/{id}/fulfil", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("illegal-transition", await CodeAsync(early));
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/mark-paid", new { reference = "TRX-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/v1/manage/orders/{id}/fulfil", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Host.Admin.PostAsync($"/api/v1/manage/orders/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/v1/manage/orders/{id}/complete", null)).StatusCode);
        var partial = await JsonAsync(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { amount = 250.50m }));
        Assert.Equal("completed", partial["state"]!.GetValue<string>());
        Assert.Equal(250.50m, partial["refunded"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(HttpStatusCode.Conflict, (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { amount = 5000m })).StatusCode);
        var full = await JsonAsync(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { }));
        Assert.Equal("refunded", full["state"]!.GetValue<string>());
        var audit = (await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/audit?entryId={id}&limit=50"))!["items"]!.AsArray()
            .Select(i => i!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(["order.created", "order.paid", "order.fulfilled", "order.completed", "order.partially_refunded", "order.refunded"], audit.AsEnumerable().Reverse());
    }

    [Fact]
    public async Task A_buyer_sees_only_their_own_orders()
    {
        var buyer = await BuyerAsync();
        var other = await BuyerAsync();
        var id = (await JsonAsync(await CheckoutAsync(buyer, await ListedAsync())))["id"]!.GetValue<string>();
        Assert.Contains((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!, o => o!["id"]!.GetValue<string>() == id);
        Assert.Empty((await other.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
        var peek = await other.GetAsync($"/api/v1/orders/{id}");
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        Assert.Equal("not-found", await CodeAsync(peek));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/orders/{id}/invoice")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.Anonymous.GetAsync($"/api/v1/orders/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_cart_checks_out_as_one_order()
    {
        var buyer = await BuyerAsync();
        var first = await ListedAsync(amount: 100m);
        var second = await ListedAsync(amount: 250.25m);
        await buyer.PostAsJsonAsync("/api/v1/cart/items", new { entryId = first, quantity = 1 });
        var cart = await JsonAsync(await buyer.PostAsJsonAsync("/api/v1/cart/items", new { entryId = second, quantity = 1 }));
        Assert.Equal(350.25m, cart["total"]!["amount"]!.GetValue<decimal>());
        var order = await JsonAsync(await buyer.PostAsJsonAsync("/api/v1/checkout", new { paymentMethod = "bank-transfer" }));
        Assert.Equal(2, order["lines"]!.AsArray().Count);
        Assert.Equal(350.25m, order["total"]!["amount"]!.GetValue<decimal>());
        Assert.Empty((await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task The_invoice_QR_carries_the_Arabic_seller_name_and_VAT_taken_out_of_the_total_once()
    {
        var buyer = await BuyerAsync();
        var id = (await JsonAsync(await CheckoutAsync(buyer, await ListedAsync())))["id"]!.GetValue<string>();
        var invoice = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{id}/invoice"))!;
        var tags = ZatcaQr.Decode(invoice["zatcaQr"]!.GetValue<string>());
        Assert.Equal("سوق الفن للتجارة", tags[1]);
        Assert.Equal("310122393500003", tags[2]);
        Assert.True(DateTimeOffset.TryParse(tags[3], System.Globalization.CultureInfo.InvariantCulture, out _));
        Assert.Equal("12500.00", tags[4]);
        Assert.Equal("1630.43", tags[5]);
        // Each length byte counts UTF-8 bytes: the Arabic name's 16 characters are 30 bytes.
        var raw = Convert.FromBase64String(invoice["zatcaQr"]!.GetValue<string>());
        Assert.Equal(Encoding.UTF8.GetByteCount("سوق الفن للتجارة"), raw[1]);
        Assert.StartsWith("data:image/png;base64,", invoice["qrImage"]!.GetValue<string>());
        Assert.Equal(invoice["number"]!.GetValue<string>(), (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{id}/invoice"))!["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_printable_invoice_is_Arabic_right_to_left_with_the_Hijri_date_beside_the_Gregorian()
    {
        var buyer = await BuyerAsync();
        var id = (await JsonAsync(await CheckoutAsync(buyer, await ListedAsync())))["id"]!.GetValue<string>();
        var page = await buyer.GetAsync($"/api/v1/orders/{id}/invoice/page");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("dir=\"rtl\"", html);
        Assert.Contains("فاتورة ضريبية مبسطة", html);
        Assert.Contains("هـ", html);
        Assert.Contains(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), html);
        Assert.Contains("ر.س", html);
        var english = await (await buyer.GetAsync($"/api/v1/orders/{id}/invoice/page?locale=en")).Content.ReadAsStringAsync();
        Assert.Contains("dir=\"ltr\"", english);
        Assert.Contains("SAR 12,500.00", english);
    }

    [Fact]
    public async Task Invoices_racing_for_numbers_get_consecutive_ones_without_gaps()
    {
        var orders = new List<(HttpClient Buyer, string Id)>();
        for (var i = 0; i < 8; i++)
        {
            var buyer = await BuyerAsync();
            orders.Add((buyer, (await JsonAsync(await CheckoutAsync(buyer, await ListedAsync(amount: 10m))))["id"]!.GetValue<string>()));
        }
        var numbers = await Race.AllAsync(8, async i =>
            (await orders[i].Buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{orders[i].Id}/invoice"))!["number"]!.GetValue<string>());
        var values = numbers.Select(n => long.Parse(n["INV-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(8, values.Distinct().Count());
        Assert.Equal(values[0] + 7, values[^1]);
    }

    [Fact]
    public async Task A_card_payment_confirmed_at_Stripe_pays_the_order_once_however_often_the_webhook_comes()
    {
        var buyer = await BuyerAsync();
        var work = await ListedAsync(amount: 4200m);
        var order = await JsonAsync(await CheckoutAsync(buyer, work, method: "card"));
        var intentId = order["payment"]!["paymentIntentId"]!.GetValue<string>();
        Assert.NotNull(order["payment"]!["clientSecret"]);
        // The buyer's browser confirms with Stripe; here Stripe.net itself talks to the local processor.
        var stripe = Host.App.Services.GetRequiredService<IStripeClient>();
        var confirmed = await new PaymentIntentService(stripe).ConfirmAsync(intentId, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_mada" });
        Assert.Equal("succeeded", confirmed.Status);
        var fake = Host.App.Services.GetRequiredService<FakeCardProcessor>();
        var (payload, signature) = fake.Event("payment_intent.succeeded", intentId, "whsec_artsouk_local");
        var receipts = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            receipts.Add(await JsonAsync(await PostWebhookAsync(payload, signature)));
        }
        Assert.Equal([false, true, true], receipts.Select(r => r["duplicate"]!.GetValue<bool>()));
        var id = order["id"]!.GetValue<string>();
        Assert.Equal("paid", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{id}"))!["state"]!.GetValue<string>());
        var audit = (await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/audit?entryId={id}&limit=50"))!["items"]!.AsArray();
        Assert.Single(audit, a => a!["action"]!.GetValue<string>() == "order.paid");
        Assert.Equal("sold", (await DeliveryAsync(work))["listing"]!["availability"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_claiming_success_for_an_unpaid_intent_changes_nothing()
    {
        var buyer = await BuyerAsync();
        var order = await JsonAsync(await CheckoutAsync(buyer, await ListedAsync(amount: 300m), method: "card"));
        var intentId = order["payment"]!["paymentIntentId"]!.GetValue<string>();
        var fake = Host.App.Services.GetRequiredService<FakeCardProcessor>();
        var (payload, signature) = fake.Event("payment_intent.succeeded", intentId, "whsec_artsouk_local");
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(payload, signature)).StatusCode);
        Assert.Equal("pending_payment", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unsigned_forged_or_stale_webhooks_are_400_problems()
    {
        const string payload = """{"id":"evt_x","object":"event","type":"payment_intent.succeeded","data":{"object":{"id":"pi_x","object":"payment_intent"}}}""";
        var unsigned = await PostWebhookAsync(payload, null);
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal("bad-signature", await CodeAsync(unsigned));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(payload, "t=1,v1=deadbeef")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(payload, FakeCardProcessor.Sign(payload, "whsec_other", DateTimeOffset.UtcNow))).StatusCode);
        var stale = FakeCardProcessor.Sign(payload, "whsec_artsouk_local", DateTimeOffset.UtcNow.AddSeconds(-301));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostWebhookAsync(payload, stale)).StatusCode);
    }

    private async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }
        return await Host.Anonymous.SendAsync(request);
    }

    [Fact]
    public async Task Every_refusal_is_a_problem_with_a_stable_code()
    {
        var key = await Host.App.KeyClientAsync(Host.Admin, "manage");
        var buyer = await BuyerAsync();
        var work = await ListedAsync(amount: 50m);
        var unlisted = await ArtworkAsync();
        var nowhere = Guid.NewGuid();
        async Task Expect(HttpResponseMessage response, HttpStatusCode status, string code)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(code, await CodeAsync(response));
        }

        // An API key is not a person: no cart, no orders, no checkout.
        await Expect(await key.GetAsync("/api/v1/cart"), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await key.PostAsJsonAsync("/api/v1/cart/items", new { entryId = work, quantity = 1 }), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await key.DeleteAsync($"/api/v1/cart/items/{work}"), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await key.GetAsync("/api/v1/orders"), HttpStatusCode.Forbidden, "forbidden");
        await Expect(await CheckoutAsync(key, work), HttpStatusCode.Forbidden, "forbidden");

        await Expect(await CheckoutAsync(buyer, unlisted), HttpStatusCode.NotFound, "not-found");
        await Expect(await buyer.PostAsJsonAsync("/api/v1/checkout", new { paymentMethod = "card" }), HttpStatusCode.UnprocessableEntity, "empty-cart");
        await Expect(await buyer.PostAsJsonAsync("/api/v1/checkout", new { paymentMethod = "cash" }), HttpStatusCode.BadRequest, "validation-failed");
        await Expect(await buyer.PostAsJsonAsync("/api/v1/cart/items", new { entryId = unlisted, quantity = 1 }), HttpStatusCode.NotFound, "not-found");
        await Expect(await Host.Admin.GetAsync($"/api/v1/manage/listings/{unlisted}"), HttpStatusCode.NotFound, "not-found");
        var artist = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنان"), en = Unique("Artist") } });
        await Expect(await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{artist}", new { price = new { amount = 1m, currency = "SAR" } }),
            HttpStatusCode.UnprocessableEntity, "not-sellable");

        var order = (await JsonAsync(await CheckoutAsync(buyer, work)))["id"]!.GetValue<string>();
        await Expect(await Host.Admin.PostAsync($"/api/v1/manage/orders/{order}/complete", null), HttpStatusCode.Conflict, "illegal-transition");
        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync($"/api/v1/orders/{order}/cancel", null)).StatusCode);
        await Expect(await buyer.PostAsync($"/api/v1/orders/{order}/cancel", null), HttpStatusCode.Conflict, "illegal-transition");
        await Expect(await buyer.PostAsync($"/api/v1/orders/{nowhere}/cancel", null), HttpStatusCode.NotFound, "not-found");
        await Expect(await buyer.GetAsync($"/api/v1/orders/{nowhere}/invoice/page"), HttpStatusCode.NotFound, "not-found");
        foreach (var action in new[] { "fulfil", "complete", "cancel" })
        {
            await Expect(await Host.Admin.PostAsync($"/api/v1/manage/orders/{nowhere}/{action}", null), HttpStatusCode.NotFound, "not-found");
        }
        await Expect(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{nowhere}/mark-paid", new { reference = "X" }), HttpStatusCode.NotFound, "not-found");
        await Expect(await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{nowhere}/refund", new { }), HttpStatusCode.NotFound, "not-found");

        // Stock cannot drop below what is already sold.
        var sold = (await JsonAsync(await CheckoutAsync(buyer, work)))["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{sold}/mark-paid", new { reference = "TRX-9" })).StatusCode);
        await Expect(await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 50m, currency = "SAR" }, stock = 0 }),
            HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public void VAT_is_taken_out_of_an_inclusive_total_rounding_half_a_halala_away_from_zero()
    {
        Assert.Equal(163043, Invoice.VatOf(1_250_000));
        Assert.Equal(0, Invoice.VatOf(3));
        Assert.Equal(1, Invoice.VatOf(4));
        Assert.Equal(15, Invoice.VatOf(115));
    }
}

[Collection("sqlite")]
public sealed class SqliteCommerceTests(SqliteHost host) : CommerceTests(host);

[Collection("postgres")]
public sealed class PostgresCommerceTests(PostgresHost host) : CommerceTests(host);

/// <summary>Reservations expire by the clock, before any sweeper runs; each test gets its own host with a hand-moved clock.</summary>
public abstract partial class CommerceExpiryTests(string provider)
{
    private string Provider => provider;

    [Fact]
    public async Task An_expired_reservation_frees_the_work_for_the_next_buyer_before_the_sweeper_runs()
    {
        var clock = new ManualClock();
        await using var app = await ArtSoukApp.OnAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = await app.AdminClientAsync();
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = "فنانة", en = "Artist" } });
        var work = await admin.CreateEntryAsync("artwork", new { title = new { ar = "عمل", en = "Work" }, artist });
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 900m, currency = "SAR" }, stock = 1 })).EnsureSuccessStatusCode();
        var (first, _) = await app.AccountAsync(admin, "collector");
        var (second, _) = await app.AccountAsync(admin, "collector");
        var body = new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" };
        var held = await first.PostAsJsonAsync("/api/v1/checkout", body);
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var blocked = await second.PostAsJsonAsync("/api/v1/checkout", body);
        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal("reserved", (await blocked.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsJsonAsync("/api/v1/checkout", body)).StatusCode);

        // The first buyer's hold is gone: confirming their transfer now would sell the work twice, so it is refused.
        var late = (await held.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var refused = await admin.PostAsJsonAsync($"/api/v1/manage/orders/{late}/mark-paid", new { reference = "LATE-1" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("sold", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());

        await using var scope = app.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReservationSweeper>().RunAsync(CancellationToken.None));
        Assert.Equal("cancelled", (await first.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{late}"))!["state"]!.GetValue<string>());
    }
}

public abstract partial class CommerceExpiryTests
{
    [Fact]
    public async Task Card_payments_whose_webhook_never_came_are_reconciled_paid_or_withdrawn_with_the_hold()
    {
        var clock = new ManualClock();
        await using var app = await ArtSoukApp.OnAsync(Provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var admin = await app.AdminClientAsync();
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = "فنان", en = "Artist" } });
        async Task<Guid> ListedAsync()
        {
            var work = await admin.CreateEntryAsync("artwork", new { title = new { ar = "عمل", en = "Work" }, artist });
            (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 700m, currency = "SAR" }, stock = 1 })).EnsureSuccessStatusCode();
            return work;
        }
        var (buyer, _) = await app.AccountAsync(admin, "collector");
        async Task<JsonObject> CardCheckoutAsync(Guid work) => (await (await buyer.PostAsJsonAsync("/api/v1/checkout",
            new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "card" })).Content.ReadFromJsonAsync<JsonObject>())!;
        var paid = await CardCheckoutAsync(await ListedAsync());
        var abandoned = await CardCheckoutAsync(await ListedAsync());
        var stripe = app.Services.GetRequiredService<IStripeClient>();
        await new PaymentIntentService(stripe).ConfirmAsync(paid["payment"]!["paymentIntentId"]!.GetValue<string>(), new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" });

        clock.Advance(TimeSpan.FromMinutes(16));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<PaymentReconciliation>().RunAsync(CancellationToken.None));
        }
        Assert.Equal("paid", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{paid["id"]}"))!["state"]!.GetValue<string>());
        Assert.Equal("cancelled", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{abandoned["id"]}"))!["state"]!.GetValue<string>());
        var withdrawn = await new PaymentIntentService(stripe).GetAsync(abandoned["payment"]!["paymentIntentId"]!.GetValue<string>());
        Assert.Equal("canceled", withdrawn.Status);
    }
}

// In the shared hosts' collections: a second host starting or stopping beside a fixture host's start-up trips Hangfire's in-memory storage.
[Collection("sqlite")]
public sealed class SqliteCommerceExpiryTests() : CommerceExpiryTests("sqlite");

[Collection("postgres")]
public sealed class PostgresCommerceExpiryTests() : CommerceExpiryTests("postgres");
