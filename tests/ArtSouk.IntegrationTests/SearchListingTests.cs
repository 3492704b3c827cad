using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

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
    private async Task<(Guid Work, string Word)> ArtworkAsync()
    {
        // Letters only: the analysis splits a word where letters meet digits.
        var word = "Zmrd" + string.Concat(Guid.NewGuid().ToByteArray().Take(8).Select(b => (char)('a' + b % 26)));
        var artist = await host.Admin.CreateEntryAsync("artist", new { name = new { ar = "سلمى العتيبي", en = "Salma Al-Otaibi" } });
        var work = await host.Admin.CreateEntryAsync("artwork", new { title = new { ar = "زمرد الصحراء", en = word }, artist });
        return (work, word);
    }

    private async Task ListAsync(Guid work, decimal amount, string availability)
    {
        var put = await host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, availability, stock = 1 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private async Task<JsonObject> SearchUntilAsync(string query, Func<JsonObject, bool> done)
    {
        var watch = Stopwatch.StartNew();
        JsonObject body;
        do
        {
            var response = await host.Anonymous.GetAsync("/api/v1/search?" + query);
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
