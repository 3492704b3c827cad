using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ArtSouk.IntegrationTests.Site;

/// <summary>The site's search page on the seeded host, through the real Lucene index: results, marks, type facets, pages, empty states.</summary>
[Collection("sqlite")]
public sealed class SiteSearchTests(SqliteHost host)
{
    private HttpClient Browser { get; } = host.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PageAsync(string path)
    {
        var response = await Browser.GetAsync(path, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    /// <summary>The first index build runs in the background after start-up: ask until it answers (bounded).</summary>
    private async Task<string> ResultsAsync(string path)
    {
        await host.SearchSettledAsync();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var (status, html, _) = await PageAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            if (html.Contains("<ol class=\"results\">", StringComparison.Ordinal) || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                return html;
            }
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The page as a browser reads it: the site may write <c>=</c> and <c>:</c> in attributes as character references.</summary>
    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private static List<string> Results(string html) =>
        Regex.Matches(html, "<h3><a href=\"([^\"]+)\" dir=\"auto\">").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task An_arabic_name_finds_the_artist_with_the_match_marked()
    {
        var html = await ResultsAsync("/ar/search?q=" + Uri.EscapeDataString("نوف الحربي"));

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.StartsWith("/ar/artists/", Results(html)[0], StringComparison.Ordinal);
        Assert.Contains(">نوف الحربي</a></h3>", html, StringComparison.Ordinal);
        Assert.Contains("<mark>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_english_search_finds_in_english_with_type_facets_and_counts()
    {
        var html = await ResultsAsync("/en/search?q=Riyadh");

        Assert.NotEmpty(Results(html));
        Assert.All(Results(html), path => Assert.StartsWith("/en/", path, StringComparison.Ordinal));
        var facets = Regex.Matches(Decoded(html), "<a href=\"(/en/search\\?q=Riyadh&type=(\\w+))\">[^<]+<span class=\"facet-count\">(\\d+)</span>");
        Assert.NotEmpty(facets);
        Assert.Contains("<a href=\"/en/search?q=Riyadh\" aria-current=\"page\">All</a>", Decoded(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_facet_narrows_the_results_to_that_type()
    {
        var html = await ResultsAsync("/en/search?q=Riyadh&type=artwork");

        Assert.NotEmpty(Results(html));
        Assert.All(Results(html), path => Assert.StartsWith("/en/artworks/", path, StringComparison.Ordinal));
        Assert.Matches("<a href=\"/en/search\\?q=Riyadh&type=artwork\" aria-current=\"page\">", Decoded(html));
        // The other types keep their counts, so the visitor can switch.
        Assert.Matches("<a href=\"/en/search\\?q=Riyadh&type=(?!artwork)\\w+\">", Decoded(html));
    }

    [Fact]
    public async Task Results_come_in_numbered_pages_without_repeats()
    {
        var first = await ResultsAsync("/en/search?q=art");
        Assert.Matches("<a href=\"/en/search\\?q=art&page=2\" aria-label=\"Page 2\" rel=\"next\">2</a>", Decoded(first));

        var (status, second, _) = await PageAsync("/en/search?q=art&page=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<link rel=\"prev\" href=\"http://localhost/en/search?q=art\"", Decoded(second), StringComparison.Ordinal);
        Assert.NotEmpty(Results(second));
        Assert.DoesNotContain(Results(second), Results(first).Contains);
    }

    [Fact]
    public async Task A_price_band_narrows_the_results_and_can_be_dropped_again()
    {
        var all = Decoded(await ResultsAsync("/en/search?q=Riyadh"));
        Assert.Contains("<aside class=\"refine\" aria-label=\"Refine results\">", all, StringComparison.Ordinal);
        Assert.Matches("<a href=\"/en/search\\?q=Riyadh&price=5000-20000\" dir=\"auto\"><span>SAR 5,000–20,000</span> <span class=\"facet-count\">\\d+</span></a>", all);

        var band = Decoded(await ResultsAsync("/en/search?q=Riyadh&price=5000-20000"));

        var prices = Regex.Matches(band, "<data class=\"price\" value=\"([0-9.]+)\">").Select(m => decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(prices);
        Assert.All(prices, price => Assert.InRange(price, 5_000m, 19_999.99m));
        Assert.Contains("<a href=\"/en/search?q=Riyadh&price=5000-20000\" aria-current=\"true\" dir=\"auto\">", band, StringComparison.Ordinal);
        Assert.Contains("<a class=\"refine-clear\" href=\"/en/search?q=Riyadh\">Any price</a>", band, StringComparison.Ordinal);
        // Type facets keep the band, so switching type keeps what the visitor chose.
        Assert.Matches("<a href=\"/en/search\\?q=Riyadh&type=artwork&price=5000-20000\">", band);
        // The other bands are still offered, counted without this one.
        Assert.Contains("<a href=\"/en/search?q=Riyadh&price=0-5000\" dir=\"auto\"><span>Under SAR 5,000</span>", band, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_city_narrows_arabic_results_with_arabic_labels()
    {
        var riyadh = Uri.EscapeDataString("الرياض");
        var all = Decoded(await ResultsAsync($"/ar/search?q={riyadh}"));
        Assert.Contains("<h2 id=\"refine-city\" class=\"refine-title\">المدينة</h2>", all, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"refine-price\" class=\"refine-title\">السعر</h2>", all, StringComparison.Ordinal);
        Assert.Contains("<span>أقل من ٥٬٠٠٠ ر.س</span>", all, StringComparison.Ordinal);

        var narrowed = Decoded(await ResultsAsync($"/ar/search?q={riyadh}&city={riyadh}"));

        Assert.Contains("<a class=\"refine-clear\" href=\"/ar/search?q=" + riyadh + "\">كل المدن</a>", narrowed, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\" dir=\"auto\"><span>الرياض</span>", narrowed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_city_shows_as_many_results_as_its_count_said()
    {
        static int Total(string html) => int.Parse(Regex.Match(html, "<p class=\"search-count\" role=\"status\">(\\d+) results? for").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var all = Decoded(await ResultsAsync("/en/search?q=Riyadh"));
        var counted = int.Parse(Regex.Match(all, "<a href=\"/en/search\\?q=Riyadh&city=Riyadh\" dir=\"auto\"><span>Riyadh</span> <span class=\"facet-count\">(\\d+)</span>").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

        var narrowed = Decoded(await ResultsAsync("/en/search?q=Riyadh&city=Riyadh"));

        Assert.Equal(counted, Total(narrowed));
        Assert.True(Total(narrowed) < Total(all), $"{Total(narrowed)} of {Total(all)}");
    }

    [Theory]
    [InlineData("&availability=everything")]
    [InlineData("&price=cheap")]
    public async Task A_refinement_the_page_never_offers_is_left_out_rather_than_refused(string refinement)
    {
        var plain = await ResultsAsync("/en/search?q=Riyadh");

        var (status, html, _) = await PageAsync("/en/search?q=Riyadh" + refinement);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Results(plain), Results(html));
        Assert.DoesNotContain("<a class=\"refine-clear\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ar/search", "ar", "أو تصفّح")]
    [InlineData("/en/search", "en", "Or browse")]
    public async Task The_search_page_without_words_offers_the_box_and_the_sections(string path, string lang, string browse)
    {
        var (status, html, _) = await PageAsync(path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
        Assert.Contains("<input id=\"search-q\" type=\"search\" name=\"q\"", html, StringComparison.Ordinal);
        Assert.Contains(browse, html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
    }

    [Theory]
    [InlineData("ar", "لم نجد ما يطابق بحثك")]
    [InlineData("en", "We found nothing that matches")]
    public async Task Words_that_match_nothing_say_so_in_the_pages_language(string locale, string message)
    {
        await ResultsAsync($"/{locale}/search?q=Riyadh");

        var (status, html, _) = await PageAsync($"/{locale}/search?q=qqzxjvkw");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Empty(Results(html));
    }

    [Fact]
    public async Task Every_page_has_the_search_box_in_its_header()
    {
        foreach (var path in new[] { "/ar/", "/en/artists", "/en/events" })
        {
            var (_, html, _) = await PageAsync(path);
            var locale = path[1..3];
            Assert.Contains($"<form class=\"site-search\" role=\"search\" method=\"get\" action=\"/{locale}/search\"", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_query_is_encoded_on_the_page()
    {
        var (status, html, _) = await PageAsync("/en/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/en/search?q=art&page=zero", HttpStatusCode.BadRequest)]
    [InlineData("/en/search?q=art&page=500", HttpStatusCode.NotFound)]
    public async Task Bad_page_numbers_get_the_sites_error_pages(string path, HttpStatusCode expected)
    {
        await ResultsAsync("/en/search?q=art");

        Assert.Equal(expected, (await PageAsync(path)).Status);
    }

    [Fact]
    public async Task Results_are_not_kept_in_the_page_cache()
    {
        var (_, _, response) = await PageAsync("/en/search?q=Riyadh");

        Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
    }
}
