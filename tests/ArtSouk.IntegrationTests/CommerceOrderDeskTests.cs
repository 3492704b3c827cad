using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>The manager's order desk: <c>GET /api/v1/manage/orders</c> (paged, by state, searched) and one order with its history and actions.</summary>
public abstract class CommerceOrderDeskTests(HostFixture fixture)
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

    private async Task<(Guid Work, string TitleAr)> ListedAsync(decimal amount)
    {
        var title = Unique("عمل");
        var artist = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var work = await Host.Admin.CreateEntryAsync("artwork", new { title = new { ar = title, en = Unique("Work") }, artist });
        (await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, availability = "available", stock = 1 }))
            .EnsureSuccessStatusCode();
        return (work, title);
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private async Task<(HttpClient Buyer, string Email, string OrderId, string TitleAr)> BankOrderAsync(decimal amount)
    {
        var (buyer, _) = await Host.App.AccountAsync(Host.Admin, "collector");
        var email = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["email"]!.GetValue<string>();
        var (work, title) = await ListedAsync(amount);
        var response = await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (buyer, email, (await JsonAsync(response))["id"]!.GetValue<string>(), title);
    }

    [Fact]
    public async Task A_curator_finds_an_order_by_its_buyer_and_state_and_reads_its_lines_history_and_next_actions()
    {
        var (curator, _) = await Host.App.AccountAsync(Host.Admin, "curator");
        var (_, email, id, title) = await BankOrderAsync(2000m);

        var pending = await curator.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders?state=pending_payment&q={Uri.EscapeDataString(email.ToUpperInvariant())}&locale=ar");
        var line = Assert.Single(pending!["items"]!.AsArray())!;
        Assert.Equal(id, line["id"]!.GetValue<string>());
        Assert.Equal(email, line["buyer"]!["email"]!.GetValue<string>());
        Assert.Equal(title, line["lines"]![0]!["title"]!.GetValue<string>());
        var detail = await curator.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders/{id}?locale=ar");
        Assert.Equal(["mark-paid", "cancel"], detail!["actions"]!.AsArray().Select(a => a!.GetValue<string>()));

        (await curator.PostAsJsonAsync($"/api/v1/manage/orders/{id}/mark-paid", new { reference = "TRF-DESK-1" })).EnsureSuccessStatusCode();
        (await curator.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { amount = 500m })).EnsureSuccessStatusCode();

        detail = await curator.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders/{id}");
        Assert.Equal("paid", detail!["state"]!.GetValue<string>());
        Assert.Equal(1500m, detail["refundable"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(["fulfil", "refund"], detail["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        var history = detail["history"]!.AsArray();
        Assert.Equal(["order.paid", "order.partially_refunded"], history.Select(h => h!["action"]!.GetValue<string>()).TakeLast(2));
        Assert.Equal("pending_payment", history[^2]!["from"]!.GetValue<string>());
        Assert.Contains(detail["payments"]!.AsArray(), p => p!["reference"]?.GetValue<string>() == "TRF-DESK-1");
        Assert.Empty((await curator.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders?state=pending_payment&q={Uri.EscapeDataString(email)}"))!["items"]!.AsArray());
        Assert.Single((await curator.GetFromJsonAsync<JsonObject>("/api/v1/manage/orders?q=trf-desk-1"))!["items"]!.AsArray());
    }

    [Fact]
    public async Task The_list_pages_with_next_until_the_last_page()
    {
        var (buyer, email, _, _) = await BankOrderAsync(100m);
        var (work, _) = await ListedAsync(100m);
        (await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" })).EnsureSuccessStatusCode();

        var first = await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders?q={Uri.EscapeDataString(email)}&limit=1");
        Assert.Single(first!["items"]!.AsArray());
        var second = await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders?q={Uri.EscapeDataString(email)}&limit=1&cursor={first["next"]!.GetValue<string>()}");
        Assert.Single(second!["items"]!.AsArray());
        Assert.Null(second["next"]);
        Assert.NotEqual(first["items"]![0]!["id"]!.GetValue<string>(), second["items"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sellers_inbox_holds_the_offers_and_questions_on_their_own_works_only()
    {
        var artist = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        var own = await Host.Admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عملي"), en = Unique("Mine") }, artist });
        var (other, _) = await ListedAsync(900m);
        (await Host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{own}", new { price = new { amount = 5000m, currency = "SAR" }, availability = "available", stock = 1 }))
            .EnsureSuccessStatusCode();
        var (buyer, _) = await Host.App.AccountAsync(Host.Admin, "collector");
        (await buyer.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = own, amount = 4200m, message = "هل يشمل الإطار؟" })).EnsureSuccessStatusCode();
        (await buyer.PostAsJsonAsync("/api/v1/commerce/offers", new { entryId = other, amount = 800m })).EnsureSuccessStatusCode();
        (await buyer.PostAsJsonAsync("/api/v1/commerce/inquiries", new { entryId = own, message = "متى يمكن الاستلام؟" })).EnsureSuccessStatusCode();
        var (seller, _) = await Host.App.AccountAsync(Host.Admin, "artist", artist);

        var offers = (await seller.GetFromJsonAsync<JsonObject>("/api/v1/commerce/offers/received?open=true"))!["items"]!.AsArray();
        var offer = Assert.Single(offers)!;
        Assert.Equal(own.ToString(), offer["offer"]!["entryId"]!.GetValue<string>());
        Assert.Equal(4200m, offer["offer"]!["amount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("artwork", offer["entryType"]!.GetValue<string>());
        var question = Assert.Single((await seller.GetFromJsonAsync<JsonObject>("/api/v1/commerce/inquiries/received"))!["items"]!.AsArray())!;
        Assert.Equal("متى يمكن الاستلام؟", question["question"]!["message"]!.GetValue<string>());
        var staff = (await Host.Admin.GetFromJsonAsync<JsonObject>("/api/v1/commerce/offers/received?open=true&limit=100"))!["items"]!.AsArray();
        Assert.Contains(staff, o => o!["offer"]!["entryId"]!.GetValue<string>() == other.ToString());
    }

    [Fact]
    public async Task An_unknown_state_is_a_bilingual_problem_and_collectors_are_refused()
    {
        var english = await Host.Admin.GetAsync("/api/v1/manage/orders?state=shipped&locale=en");
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Equal("application/problem+json", english.Content.Headers.ContentType?.MediaType);
        Assert.Contains("state is one of", (await JsonAsync(english))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var arabic = await JsonAsync(await Host.Admin.GetAsync("/api/v1/manage/orders?state=shipped&locale=ar"));
        Assert.Contains("الحالة أحد", arabic["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var (collector, _) = await Host.App.AccountAsync(Host.Admin, "collector");
        Assert.Equal(HttpStatusCode.Forbidden, (await collector.GetAsync("/api/v1/manage/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/v1/manage/orders/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collector.GetAsync("/api/v1/commerce/offers/received")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collector.GetAsync("/api/v1/commerce/inquiries/received")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Admin.GetAsync("/api/v1/commerce/offers/received?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Admin.GetAsync("/api/v1/commerce/inquiries/received?limit=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Admin.GetAsync("/api/v1/manage/orders?limit=0")).StatusCode);
    }

    [Fact]
    public async Task Only_curators_and_administrators_read_or_move_an_order_at_the_desk_not_its_buyer_nor_marketing()
    {
        var (buyer, _, id, _) = await BankOrderAsync(300m);
        var (marketing, _) = await Host.App.AccountAsync(Host.Admin, "marketing");
        foreach (var client in new[] { buyer, marketing })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/manage/orders/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/manage/orders/{id}/mark-paid", new { reference = "TRF-SELF" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/manage/orders/{id}/fulfil", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/manage/orders/{id}/complete", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/manage/orders/{id}/cancel", new { })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/v1/manage/orders/{id}/refund", new { amount = 300m })).StatusCode);
        }
        // Nothing moved: the order still waits for its transfer.
        var order = await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/orders/{id}");
        Assert.Equal("pending_payment", order!["state"]!.GetValue<string>());
    }
}

[Collection("sqlite")]
public sealed class SqliteCommerceOrderDeskTests(SqliteHost host) : CommerceOrderDeskTests(host);

[Collection("postgres")]
public sealed class PostgresCommerceOrderDeskTests(PostgresHost host) : CommerceOrderDeskTests(host);
