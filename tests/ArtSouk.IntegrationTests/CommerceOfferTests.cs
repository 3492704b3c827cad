using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>Make an offer (accept, decline, counter, withdraw) and ask about a work, on SQLite and PostgreSQL.</summary>
public abstract class CommerceOfferTests(HostFixture fixture)
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

    private async Task<Guid> ListedAsync(decimal amount = 12500m, string availability = "available")
    {
        var artist = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var work = await Host.Admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist });
        (await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, availability, stock = 1 })).EnsureSuccessStatusCode();
        return work;
    }

    private async Task<HttpClient> BuyerAsync() => (await Host.App.AccountAsync(Host.Admin, "collector")).Client;

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        return problem;
    }

    private static async Task<string> OfferAsync(HttpClient buyer, Guid work, decimal amount = 10000m)
    {
        var made = await buyer.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = work, amount });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var offer = await JsonAsync(made);
        Assert.Equal("pending", offer["state"]!.GetValue<string>());
        return offer["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task An_accepted_offer_becomes_the_buyers_order_at_the_offered_price_and_holds_the_work()
    {
        var work = await ListedAsync();
        var buyer = await BuyerAsync();
        var offer = await OfferAsync(buyer, work, 9750.50m);
        var seen = await Host.Admin.GetFromJsonAsync<JsonArray>($"/api/v1/commerce/entries/{work}/offers");
        Assert.Equal(offer, seen![0]!["id"]!.GetValue<string>());

        var accepted = await Host.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var orderId = (await JsonAsync(accepted))["orderId"]!.GetValue<string>();
        var order = await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{orderId}");
        Assert.Equal("pending_payment", order!["state"]!.GetValue<string>());
        Assert.Equal(9750.50m, order["total"]!["amount"]!.GetValue<decimal>());

        var other = await BuyerAsync();
        var blocked = await other.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        await ProblemAsync(blocked, HttpStatusCode.Conflict, "reserved");
    }

    [Fact]
    public async Task A_counter_offer_accepted_by_the_buyer_is_ordered_at_the_counter_price()
    {
        var work = await ListedAsync();
        var buyer = await BuyerAsync();
        var offer = await OfferAsync(buyer, work);
        var countered = await Host.Admin.PostAsJsonAsync($"/api/v1/commerce/offers/{offer}/counter", new { amount = 11000m });
        Assert.Equal("countered", (await JsonAsync(countered))["state"]!.GetValue<string>());
        // The seller cannot accept their own counter; the buyer answers it.
        await ProblemAsync(await Host.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/accept", null), HttpStatusCode.Forbidden, "forbidden");
        var accepted = await buyer.PostAsync($"/api/v1/commerce/offers/{offer}/accept", null);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var order = await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{(await JsonAsync(accepted))["orderId"]}");
        Assert.Equal(11000m, order!["total"]!["amount"]!.GetValue<decimal>());
        var mine = await buyer.GetFromJsonAsync<JsonArray>("/api/v1/commerce/offers");
        Assert.Equal("accepted", mine!.Single()!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Offers_are_refused_with_bilingual_problems()
    {
        var work = await ListedAsync();
        var buyer = await BuyerAsync();
        var bad = await ProblemAsync(await buyer.PostAsJsonAsync("/api/v1/commerce/offers?locale=ar", new { entryId = work, amount = 10.001m }), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains("مبلغ موجب", bad["errors"]!["amount"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var english = await ProblemAsync(await buyer.PostAsJsonAsync("/api/v1/commerce/offers?locale=en", new { entryId = work, amount = 0m }), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains("positive amount", english["errors"]!["amount"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAsync(await buyer.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = Guid.NewGuid(), amount = 100m }), HttpStatusCode.NotFound, "not-found");
        var key = await Host.App.KeyClientAsync(Host.Admin, "manage");
        await ProblemAsync(await key.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = work, amount = 100m }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await key.GetAsync("/api/v1/commerce/offers"), HttpStatusCode.Forbidden, "forbidden");

        var offer = await OfferAsync(buyer, work);
        await ProblemAsync(await buyer.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = work, amount = 10500m }), HttpStatusCode.Conflict, "offer-open");
        var notForSale = await ListedAsync(availability: "not_for_sale");
        await ProblemAsync(await buyer.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = notForSale, amount = 100m }), HttpStatusCode.Conflict, "not_for_sale");
        var workshop = await Host.Admin.CreateEntryAsync("workshop", new { title = new { ar = Unique("ورشة"), en = Unique("Workshop") }, startsAt = "2027-02-01T16:00:00Z" });
        (await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{workshop}", new { price = new { amount = 200m, currency = "SAR" }, stock = 20 })).EnsureSuccessStatusCode();
        await ProblemAsync(await buyer.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = workshop, amount = 100m }), HttpStatusCode.UnprocessableEntity, "offers-artworks-only");

        // Only the seller answers a pending offer; others do not even see it.
        await ProblemAsync(await buyer.PostAsync($"/api/v1/commerce/offers/{offer}/accept", null), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await buyer.PostAsync($"/api/v1/commerce/offers/{offer}/decline", null), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await buyer.PostAsJsonAsync($"/api/v1/commerce/offers/{offer}/counter", new { amount = 1m }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await Host.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/withdraw", null), HttpStatusCode.Forbidden, "forbidden");
        var stranger = await BuyerAsync();
        await ProblemAsync(await stranger.GetAsync($"/api/v1/commerce/offers/{offer}"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await stranger.PostAsync($"/api/v1/commerce/offers/{offer}/accept", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await stranger.PostAsync($"/api/v1/commerce/offers/{offer}/decline", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await stranger.PostAsJsonAsync($"/api/v1/commerce/offers/{offer}/counter", new { amount = 1m }), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await stranger.PostAsync($"/api/v1/commerce/offers/{offer}/withdraw", null), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await stranger.GetAsync($"/api/v1/commerce/entries/{work}/offers"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await stranger.GetAsync($"/api/v1/commerce/entries/{Guid.NewGuid()}/offers"), HttpStatusCode.NotFound, "not-found");
        await ProblemAsync(await Host.Admin.PostAsJsonAsync($"/api/v1/commerce/offers/{offer}/counter?locale=en", new { amount = -5m }), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"/api/v1/commerce/offers/{offer}")).StatusCode);

        // A declined offer takes no further answer.
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/decline", null)).StatusCode);
        var closed = await ProblemAsync(await Host.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/accept?locale=en", null), HttpStatusCode.Conflict, "offer-closed");
        Assert.Contains("declined", closed["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAsync(await Host.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/decline", null), HttpStatusCode.Conflict, "offer-closed");
        await ProblemAsync(await Host.Admin.PostAsJsonAsync($"/api/v1/commerce/offers/{offer}/counter", new { amount = 5m }), HttpStatusCode.Conflict, "offer-closed");
        await ProblemAsync(await buyer.PostAsync($"/api/v1/commerce/offers/{offer}/withdraw", null), HttpStatusCode.Conflict, "offer-closed");
    }

    [Fact]
    public async Task Accepting_an_offer_on_a_work_sold_meanwhile_is_a_409_sold_and_leaves_the_offer_open()
    {
        var work = await ListedAsync();
        var offerer = await BuyerAsync();
        var offer = await OfferAsync(offerer, work);
        var buyer = await BuyerAsync();
        var order = await JsonAsync(await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" }));
        (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{order["id"]}/mark-paid", new { reference = "TRF-SOLD" })).EnsureSuccessStatusCode();

        await ProblemAsync(await Host.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/accept", null), HttpStatusCode.Conflict, "sold");
        Assert.Equal("pending", (await offerer.GetFromJsonAsync<JsonObject>($"/api/v1/commerce/offers/{offer}"))!["state"]!.GetValue<string>());
        // The buyer can still withdraw it.
        Assert.Equal("withdrawn", (await JsonAsync(await offerer.PostAsync($"/api/v1/commerce/offers/{offer}/withdraw", null)))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Questions_go_to_the_seller_who_lists_them_and_bad_ones_are_refused()
    {
        var work = await ListedAsync();
        var asker = await BuyerAsync();
        var asked = await asker.PostAsJsonAsync("/api/v1/commerce/inquiries", new { entryId = work, message = "هل يشمل السعر الشحن إلى جدة؟" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var listed = await Host.Admin.GetFromJsonAsync<JsonArray>($"/api/v1/commerce/entries/{work}/inquiries");
        Assert.Equal("هل يشمل السعر الشحن إلى جدة؟", listed!.Single()!["message"]!.GetValue<string>());

        var empty = await ProblemAsync(await asker.PostAsJsonAsync("/api/v1/commerce/inquiries?locale=ar", new { entryId = work, message = " " }), HttpStatusCode.BadRequest, "validation-failed");
        Assert.Contains("اكتب سؤالك", empty["errors"]!["message"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await ProblemAsync(await asker.PostAsJsonAsync("/api/v1/commerce/inquiries", new { entryId = Guid.NewGuid(), message = "?" }), HttpStatusCode.NotFound, "not-found");
        var artist = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنان"), en = Unique("Artist") } });
        await ProblemAsync(await asker.PostAsJsonAsync("/api/v1/commerce/inquiries", new { entryId = artist, message = "?" }), HttpStatusCode.UnprocessableEntity, "not-sellable");
        var key = await Host.App.KeyClientAsync(Host.Admin, "manage");
        await ProblemAsync(await key.PostAsJsonAsync("/api/v1/commerce/inquiries", new { entryId = work, message = "?" }), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await asker.GetAsync($"/api/v1/commerce/entries/{work}/inquiries"), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await asker.GetAsync($"/api/v1/commerce/entries/{Guid.NewGuid()}/inquiries"), HttpStatusCode.NotFound, "not-found");
    }
}

[Collection("sqlite")]
public sealed class SqliteCommerceOfferTests(SqliteHost host) : CommerceOfferTests(host);

[Collection("postgres")]
public sealed class PostgresCommerceOfferTests(PostgresHost host) : CommerceOfferTests(host);
