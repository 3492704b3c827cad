using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ArtSouk.IntegrationTests.Site;

/// <summary>Commerce's listings on the public site: price and availability on an artwork's page and on its cards, in both languages.</summary>
[Collection("sqlite")]
public sealed class SiteListingTests(SqliteHost host)
{
    private HttpClient Browser { get; } = host.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<string> HtmlAsync(string path)
    {
        var response = await Browser.GetAsync(string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A work of our own, so no other test's listing or order changes what these tests read.</summary>
    private async Task<JsonObject> NewArtworkAsync()
    {
        var artists = await host.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/content/artist?locale=en&limit=1&sort=publishedAt", TestContext.Current.CancellationToken);
        var artist = artists!["items"]![0]!["id"]!.GetValue<string>();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var created = await host.Admin.PostAsJsonAsync("/api/v1/manage/content/artwork", new
        {
            fields = new { title = new { ar = $"نخلة الصباح {tag}", en = $"Morning Palm {tag}" }, artist, year = 2024, dimensions = "150 × 200 cm" },
            publish = true,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["id"]!.GetValue<string>();
        return (await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork/{id}?locale=ar", TestContext.Current.CancellationToken))!;
    }

    private async Task ListAsync(JsonObject work, decimal amount, string availability, int stock = 1)
    {
        var put = await host.Admin.PutAsJsonAsync($"/api/v1/manage/listings/{work["id"]}", new { price = new { amount, currency = "SAR" }, availability, stock },
            TestContext.Current.CancellationToken);
        Assert.True(put.IsSuccessStatusCode, $"listing: {put.StatusCode}");
    }

    private static string PathIn(JsonObject work, string locale) => work["translations"]![locale]!.GetValue<string>();

    [Fact]
    public async Task An_artwork_page_shows_its_price_in_arabic_digits_and_riyals()
    {
        var work = await NewArtworkAsync();
        await ListAsync(work, 12500m, "available");

        var html = await HtmlAsync(PathIn(work, "ar"));
        Assert.Contains("<data class=\"price\" value=\"12500\"><bdi>١٢٬٥٠٠ ر.س</bdi></data>", html, StringComparison.Ordinal);
        Assert.Contains("متاح للاقتناء", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_artwork_page_shows_sar_and_western_grouping()
    {
        var work = await NewArtworkAsync();
        await ListAsync(work, 12500m, "available");

        var html = await HtmlAsync(PathIn(work, "en"));
        Assert.Matches(@"<bdi>SAR 12,500</bdi>", html);
        Assert.Contains("<span class=\"availability is-available\">Available</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_set_after_the_page_was_cached_shows_on_the_next_view()
    {
        var work = await NewArtworkAsync();
        var before = await HtmlAsync(PathIn(work, "en"));
        // The work's own price is the large tag; cards of the artist's other works (other tests list them) carry small ones.
        Assert.DoesNotContain("class=\"price-tag is-large\"", before, StringComparison.Ordinal);

        await ListAsync(work, 900m, "available");

        Assert.Matches("<p class=\"price-tag is-large\"><data class=\"price\" value=\"900\"><bdi>SAR 900</bdi>", await HtmlAsync(PathIn(work, "en")));
    }

    [Fact]
    public async Task A_sold_work_says_sold_without_a_price()
    {
        var work = await NewArtworkAsync();
        await ListAsync(work, 4000m, "sold");

        var html = await HtmlAsync(PathIn(work, "en"));
        Assert.Contains("<span class=\"availability is-sold\">Sold</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("SAR 4,000", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_artists_cards_of_a_listed_work_carry_its_price()
    {
        var work = await NewArtworkAsync();
        await ListAsync(work, 7250m, "available");
        var artist = await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{work["fields"]!["artist"]}?locale=ar", TestContext.Current.CancellationToken);

        // The artist's page lists their works as cards, newest first (ours is 2024).
        var html = await HtmlAsync(PathIn(artist!, "ar"));
        var title = Regex.Escape(work["fields"]!["title"]!.GetValue<string>());
        var card = Regex.Match(html, $"<article class=\"card card-artwork\">(?:(?!</article>).)*?{title}(?:(?!</article>).)*</article>", RegexOptions.Singleline);
        Assert.True(card.Success, "the work's card is on its artist's page");
        Assert.Contains("<bdi>٧٬٢٥٠ ر.س</bdi>", card.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_dimensions_use_arabic_digits_and_units()
    {
        var work = await NewArtworkAsync();

        var html = await HtmlAsync(PathIn(work, "ar"));
        Assert.Contains("<bdi>١٥٠ × ٢٠٠ سم</bdi>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>٢٠٢٤</dd>", html, StringComparison.Ordinal);
    }
}
