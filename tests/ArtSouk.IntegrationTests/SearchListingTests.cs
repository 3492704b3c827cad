using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Commerce.Orders;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Price and availability in search, through HTTP: a listing set in commerce reaches the index through commerce's outbox
/// (<c>commerce.listing.changed</c>), and so does a checkout's hold. One host for the class.
/// </summary>
public sealed class SearchListingTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    // Bounded so that a lost event fails rather than hangs; how soon is bench/search-latency.py's business.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static string Q(string text) => Uri.EscapeDataString(text);

    /// <summary>A published artwork whose English title carries a word no other entry has, and that word.</summary>
    private Task<(Guid Work, string Word)> ArtworkAsync() => ArtworkAsync(host.Admin);

    private static async Task<(Guid Work, string Word)> ArtworkAsync(HttpClient admin)
    {
        // Letters only: the analysis splits a word where letters meet digits.
        var word = "Zmrd" + string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + b % 26)));
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = "سلمى العتيبي", en = "Salma Al-Otaibi" } });
        var work = await admin.CreateEntryAsync("artwork", new { title = new { ar = "زمرد الصحراء", en = word }, artist });
        return (work, word);
    }

    private Task ListAsync(Guid work, decimal amount, string availability) => ListAsync(host.Admin, work, amount, availability);

    private static async Task ListAsync(HttpClient admin, Guid work, decimal amount, string availability)
    {
        var put = await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, availability, stock = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private Task<JsonObject> SearchUntilAsync(string query, Func<JsonObject, bool> done) => SearchUntilAsync(host.Anonymous, query, done);

    private static async Task<JsonObject> SearchUntilAsync(HttpClient anonymous, string query, Func<JsonObject, bool> done)
    {
        var watch = Stopwatch.StartNew();
        JsonObject body;
        do
        {
            var response = await anonymous.GetAsync("/api/v1/search?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if (done(body))
            {
                return body;
            }
            await Task.Delay(100);
        }
        while (watch.Elapsed < Bound);
        return body;
    }

    private static bool Holds(JsonObject body, Guid work) => body["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == work.ToString());

    private static string? Facet(JsonObject body, string facet) =>
        body["facets"]![facet]!.AsArray().Select(f => f!["value"]!.GetValue<string>()).SingleOrDefault();

    [Fact]
    public async Task A_listing_puts_the_work_in_its_price_band_and_a_new_price_moves_it()
    {
        var (work, word) = await ArtworkAsync();
        await ListAsync(work, 12_500m, "available");
        var listed = await SearchUntilAsync($"q={word}&locale=en&filter[price]=5000-20000&facets=price,availability", b => Holds(b, work));
        Assert.True(Holds(listed, work), listed.ToJsonString());
        Assert.Equal("5000-20000", Facet(listed, "price"));
        Assert.Equal("available", Facet(listed, "availability"));

        await ListAsync(work, 150_000m, "not_for_sale");
        var moved = await SearchUntilAsync($"q={word}&locale=en&filter[price]=100000-&filter[availability]=not_for_sale", b => Holds(b, work));
        Assert.True(Holds(moved, work), moved.ToJsonString());
        var old = await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/search?q={word}&locale=en&filter[price]=5000-20000");
        Assert.False(Holds(old!, work));
    }

    [Fact]
    public async Task A_checkout_hold_shows_the_work_as_reserved_in_search()
    {
        var (work, word) = await ArtworkAsync();
        await ListAsync(work, 3_000m, "available");
        await SearchUntilAsync($"q={word}&locale=en&filter[availability]=available", b => Holds(b, work));
        var (buyer, _) = await host.App.AccountAsync(host.Admin, "collector");
        var checkout = await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.True(checkout.IsSuccessStatusCode, await checkout.Content.ReadAsStringAsync());
        var reserved = await SearchUntilAsync($"q={word}&locale=en&filter[availability]=reserved&facets=availability", b => Holds(b, work));
        Assert.True(Holds(reserved, work), reserved.ToJsonString());
        Assert.Equal("reserved", Facet(reserved, "availability"));
    }

    [Fact]
    public async Task A_lapsed_hold_shows_the_work_available_again_once_the_sweeper_cancels_its_order()
    {
        // A hold lapses by time alone, which writes nothing; the sweeper's cancellation is what tells search.
        // Long enough for the hold to reach the index before it lapses on a loaded machine.
        var hold = TimeSpan.FromSeconds(8);
        await using var app = await ArtSoukApp.OnAsync("sqlite", settings: new Dictionary<string, string> { ["Commerce:ReservationTime"] = hold.ToString() });
        var admin = await app.AdminClientAsync();
        var anonymous = app.CreateClient();
        var (work, word) = await ArtworkAsync(admin);
        await ListAsync(admin, work, 3_000m, "available");
        var (buyer, _) = await app.AccountAsync(admin, "collector");
        var checkout = await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        var reserved = await SearchUntilAsync(anonymous, $"q={word}&locale=en&filter[availability]=reserved", b => Holds(b, work));
        Assert.True(Holds(reserved, work), reserved.ToJsonString());

        var order = (await checkout.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        await Task.Delay(hold + TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The sweeper also runs every minute on its own: whichever run comes first cancels the order, the other finds
            // nothing left to do.
            Assert.InRange(await scope.ServiceProvider.GetRequiredService<ReservationSweeper>().RunAsync(CancellationToken.None), 0, 1);
        }
        Assert.Equal("cancelled", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order}"))!["state"]!.GetValue<string>());
        var available = await SearchUntilAsync(anonymous, $"q={word}&locale=en&filter[availability]=available&facets=availability", b => Holds(b, work));
        Assert.True(Holds(available, work), available.ToJsonString());
        Assert.Equal("available", Facet(available, "availability"));
    }

    [Fact]
    public async Task An_event_is_priced_from_its_cheapest_seats_on_sale_and_shows_sold_when_the_last_seat_goes()
    {
        var word = "Zmrd" + string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + b % 26)));
        var evening = await host.Admin.CreateEntryAsync("event", new { title = new { ar = "ليلة الخط", en = word }, startsAt = "2027-03-01T17:00:00Z", kind = "exhibition" });
        var seats = await TicketTypeAsync(evening, "عام", "General", 150m, capacity: 1);
        await TicketTypeAsync(evening, "كبار الزوار", "VIP", 25_000m, capacity: 10);
        // Sales over: this type no longer prices the event.
        await TicketTypeAsync(evening, "مبكر", "Early bird", 50m, capacity: 10, salesEnd: DateTimeOffset.UtcNow.AddDays(-1));

        var listed = await SearchUntilAsync($"q={word}&locale=en&filter[price]=0-5000&facets=price,availability", b => Holds(b, evening));
        Assert.True(Holds(listed, evening), listed.ToJsonString());
        Assert.Equal(("0-5000", "available"), (Facet(listed, "price"), Facet(listed, "availability")));

        // The last general seat sells: what is left on sale is the VIP type, so the event moves to its band.
        var (buyer, _) = await host.App.AccountAsync(host.Admin, "collector");
        var checkout = await buyer.PostAsJsonAsync("/api/v1/checkout",
            new { items = new[] { new { entryId = evening, ticketTypeId = seats, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        var moved = await SearchUntilAsync($"q={word}&locale=en&filter[price]=20000-100000&filter[availability]=available", b => Holds(b, evening));
        Assert.True(Holds(moved, evening), moved.ToJsonString());
    }

    private async Task<Guid> TicketTypeAsync(Guid entry, string arabic, string english, decimal amount, int capacity, DateTimeOffset? salesEnd = null)
    {
        var created = await host.Admin.PostAsJsonAsync($"/api/v1/manage/listings/{entry}/ticket-types",
            new { name = new { ar = arabic, en = english }, price = new { amount, currency = "SAR" }, capacity, salesEnd });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("filter[price]=abc")]
    [InlineData("filter[price]=20000-5000")]
    [InlineData("filter[price]=-")]
    [InlineData("filter[price]=10.005-")]
    public async Task A_price_filter_that_is_not_a_range_is_a_400_problem(string filter)
    {
        var response = await host.Anonymous.GetAsync($"/api/v1/search?q={Q("لوحة")}&{filter}&locale=en");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("min-max", problem["errors"]!["filter[price]"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
