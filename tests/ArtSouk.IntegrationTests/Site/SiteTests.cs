using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtSouk.IntegrationTests.Infrastructure;
using ArtSouk.Themes.Souk;
using ArtSouk.Themes.Souk.Preview;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests.Site;

/// <summary>The public site through HTTP on the seeded host: routes, redirects, findability, previews, downloads.</summary>
[Collection("sqlite")]
public sealed partial class SiteTests(SqliteHost host)
{
    private HttpClient Browser { get; } = host.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<(HttpStatusCode Status, string Html, HttpResponseMessage Response)> PageAsync(string path, Action<HttpRequestMessage>? setup = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        setup?.Invoke(request);
        var response = await Browser.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response);
    }

    private async Task<JsonObject> FirstAsync(string type, string locale = "en", string query = "") =>
        (await host.Anonymous.SeededAsync(type, locale, 1, query))[0];

    private static string PathIn(JsonObject item, string locale) => item["translations"]![locale]!.GetValue<string>();

    private static string Encode(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static List<JsonNode> JsonLd(string html) => ScriptPattern().Matches(html).Select(m => JsonNode.Parse(m.Groups[1].Value)!).ToList();

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptPattern();

    [Theory]
    [InlineData("/ar/", "ar", "rtl")]
    [InlineData("/en/", "en", "ltr")]
    public async Task Home_pages_declare_their_language_and_direction(string path, string lang, string dir)
    {
        var (status, html, _) = await PageAsync(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<html lang=\"{lang}\" dir=\"{dir}\">", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<h1[ >]"));
    }

    [Theory]
    [InlineData("en-US,en;q=0.9", null, "/en/")]
    [InlineData("ar-SA,ar;q=0.9,en;q=0.5", null, "/ar/")]
    [InlineData("fr-FR", null, "/ar/")]
    [InlineData("en-US", "ar", "/ar/")]
    [InlineData("ar", "en", "/en/")]
    public async Task Root_redirects_by_cookie_then_accept_language(string acceptLanguage, string? cookie, string expected)
    {
        var (status, _, response) = await PageAsync("/", r =>
        {
            r.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
            if (cookie is not null)
            {
                r.Headers.Add("Cookie", $"artsouk-lang={cookie}");
            }
        });
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("artist")]
    [InlineData("artwork")]
    [InlineData("gallery")]
    [InlineData("event")]
    [InlineData("workshop")]
    [InlineData("collection")]
    [InlineData("page")]
    public async Task Each_type_is_served_at_the_paths_the_delivery_api_reports(string type)
    {
        var item = await FirstAsync(type, query: type == "page" ? "&filter[slug]=contact-us" : "");
        foreach (var locale in new[] { "ar", "en" })
        {
            var localized = (await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/{type}/{item["id"]}?locale={locale}", TestContext.Current.CancellationToken))!;
            var (status, html, _) = await PageAsync(Encode(PathIn(item, locale)));
            Assert.Equal(HttpStatusCode.OK, status);
            var title = localized["fields"]![type is "artist" or "gallery" ? "name" : "title"]!.GetValue<string>();
            Assert.Equal(title, WebUtility.HtmlDecode(Regex.Match(html, "<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline).Groups[1].Value));
        }
    }

    [Fact]
    public async Task The_language_switch_goes_to_the_same_entry_in_the_other_language()
    {
        var artwork = await FirstAsync("artwork");
        var (_, html, _) = await PageAsync(Encode(PathIn(artwork, "en")));
        var link = Regex.Match(html, "<a class=\"lang-switch\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(PathIn(artwork, "ar"), link);
        var (status, arabic, _) = await PageAsync(Encode(link));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"href=\"{PathIn(artwork, "en")}\"", arabic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_pages_carry_canonical_and_hreflang_alternates_for_both_languages_and_x_default()
    {
        var artist = await FirstAsync("artist");
        var (_, page, _) = await PageAsync(Encode(PathIn(artist, "en")));
        var html = WebUtility.HtmlDecode(page);
        Assert.Contains($"<link rel=\"canonical\" href=\"http://localhost{Encode(PathIn(artist, "en"))}\"", html, StringComparison.Ordinal);
        Assert.Contains($"hreflang=\"ar\" href=\"http://localhost{Encode(PathIn(artist, "ar"))}\"", html, StringComparison.Ordinal);
        Assert.Contains($"hreflang=\"en\" href=\"http://localhost{Encode(PathIn(artist, "en"))}\"", html, StringComparison.Ordinal);
        Assert.Contains($"hreflang=\"x-default\" href=\"http://localhost{Encode(PathIn(artist, "ar"))}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_slug_answers_301_with_the_new_path()
    {
        var created = await host.Admin.PostAsJsonAsync("/api/v1/manage/content/artist",
            new { fields = new { name = new { ar = "هند السبيعي", en = "Hind Al-Subaie " + Guid.NewGuid().ToString("N")[..5] } }, publish = true },
            TestContext.Current.CancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["id"]!.GetValue<string>();
        var before = (await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en", TestContext.Current.CancellationToken))!;
        var oldPath = PathIn(before, "en");
        Assert.Equal(HttpStatusCode.OK, (await PageAsync(oldPath)).Status);
        var newSlug = "hind-studio-" + Guid.NewGuid().ToString("N")[..5];
        (await host.Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { slug = new { en = newSlug }, publish = true }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var (status, _, response) = await PageAsync(oldPath);

        Assert.Equal(HttpStatusCode.MovedPermanently, status);
        Assert.Equal($"/en/artists/{newSlug}", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/ar/no-such-page-xyz")]
    [InlineData("/en/no-such-page-xyz")]
    [InlineData("/en/artworks/no-such-work")]
    [InlineData("/ar/events/..%2f..%2fetc")]
    [InlineData("/en/nope/nope/nope")]
    [InlineData("/en/a/b/c/d")]
    [InlineData("/en/events/x/calendar.ics")]
    public async Task Unknown_and_malformed_paths_are_a_bilingual_404_page(string path)
    {
        var (status, html, response) = await PageAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("الصفحة غير موجودة", html, StringComparison.Ordinal);
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-thing", "en-GB,en;q=0.9", "en")]
    [InlineData("/no/such/thing", "ar-SA", "ar")]
    public async Task Any_other_address_gets_the_site_404_page_in_the_visitors_language(string path, string acceptLanguage, string lang)
    {
        var (status, html, _) = await PageAsync(path, r => r.Headers.AcceptLanguage.ParseAdd(acceptLanguage));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_path_keeps_its_problem_response()
    {
        var (status, _, response) = await PageAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_very_long_slug_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PageAsync("/en/artworks/" + new string('x', 400))).Status);
    }

    [Theory]
    [InlineData("/en/artworks?page=not-a-number", "en")]
    [InlineData("/ar/artworks?page=0", "ar")]
    public async Task A_malformed_page_number_is_a_400_page_not_a_server_error(string path, string lang)
    {
        var (status, html, _) = await PageAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"<html lang=\"{lang}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_past_the_last_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await PageAsync("/en/artworks?page=9999")).Status);
    }

    private static List<string> Cards(string html) =>
        Regex.Matches(html, "<a class=\"card-link\" href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task Lists_page_through_the_whole_catalogue_with_numbered_pages()
    {
        // Decoded as a browser reads it: the site may write = and : in attributes as character references.
        var first = WebUtility.HtmlDecode((await PageAsync("/en/artworks")).Html);
        var pager = Regex.Match(first, "<nav class=\"pager\" aria-label=\"Pages\">(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("<a href=\"/en/artworks\" aria-current=\"page\" aria-label=\"Page 1\">1</a>", pager, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/en/artworks?page=2\" aria-label=\"Page 2\" rel=\"next\">2</a>", pager, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"next\" href=\"http://localhost/en/artworks?page=2\"", first, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", first, StringComparison.Ordinal);

        var (status, page2, _) = await PageAsync("/en/artworks?page=2");
        Assert.Equal(HttpStatusCode.OK, status);
        var second = WebUtility.HtmlDecode(page2);
        Assert.Contains("aria-current=\"page\" aria-label=\"Page 2\">2</a>", second, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"prev\" href=\"http://localhost/en/artworks\"", second, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/en/artworks?page=2\"", second, StringComparison.Ordinal);
        Assert.NotEmpty(Cards(second));
        Assert.DoesNotContain(Cards(second), Cards(first).Contains);
    }

    [Fact]
    public async Task Every_artwork_is_on_exactly_one_numbered_page()
    {
        var published = 0;
        for (string? cursor = ""; cursor is not null;)
        {
            var list = await host.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/content/artwork?locale=en&limit=100" + (cursor.Length > 0 ? "&cursor=" + Uri.EscapeDataString(cursor) : ""), TestContext.Current.CancellationToken);
            published += list!["items"]!.AsArray().Count;
            cursor = list["next"]?.GetValue<string>();
        }
        var (_, first, _) = await PageAsync("/en/artworks");
        var last = Regex.Matches(first, "aria-label=\"Page (\\d+)\"").Max(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var shown = new List<string>(Cards(first));
        for (var n = 2; n <= last; n++)
        {
            shown.AddRange(Cards((await PageAsync($"/en/artworks?page={n}")).Html));
        }
        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.Equal(published, shown.Count);
    }

    [Fact]
    public async Task Arabic_pages_number_their_pages_in_arabic_digits()
    {
        var (_, html, _) = await PageAsync("/ar/artworks");
        Assert.Contains("aria-current=\"page\" aria-label=\"الصفحة ١\">١</a>", html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"pager\" aria-label=\"الصفحات\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_artworks_filter_by_category_shows_only_that_category()
    {
        var photographs = await host.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/content/artwork?locale=en&limit=100&filter[category]=photography", TestContext.Current.CancellationToken);
        var expected = photographs!["items"]!.AsArray().Select(i => PathIn(i!.AsObject(), "en")).ToHashSet();
        var (_, html, _) = await PageAsync("/en/artworks?category=photography");
        var shown = Regex.Matches(html, "<a class=\"card-link\" href=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, path => Assert.Contains(path, expected));
        Assert.Contains("<option value=\"photography\" selected", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sitemap_lists_both_languages_with_lastmod()
    {
        var artwork = await FirstAsync("artwork");
        var (status, xml, response) = await PageAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"<loc>http://localhost{Encode(PathIn(artwork, "ar"))}</loc>", xml, StringComparison.Ordinal);
        Assert.Contains($"<loc>http://localhost{Encode(PathIn(artwork, "en"))}</loc>", xml, StringComparison.Ordinal);
        Assert.Equal(Regex.Count(xml, "<url>"), Regex.Count(xml, "<lastmod>\\d{4}-\\d{2}-\\d{2}</lastmod>"));
    }

    [Fact]
    public void Past_fifty_thousand_urls_the_sitemap_is_an_index_of_parts()
    {
        var urls = Enumerable.Range(0, Sitemap.MaxUrls + 10)
            .Select(i => new SitemapUrl($"/en/artworks/w{i}", DateTimeOffset.UnixEpoch, new Dictionary<string, string> { ["en"] = $"/en/artworks/w{i}" })).ToList();
        var root = System.Text.Encoding.UTF8.GetString(Sitemap.Root(urls, "https://artsouk.sa"));
        Assert.Contains("<sitemapindex", root, StringComparison.Ordinal);
        Assert.Contains("<loc>https://artsouk.sa/sitemaps/2.xml</loc>", root, StringComparison.Ordinal);
        var second = System.Text.Encoding.UTF8.GetString(Sitemap.Part(urls, 2, "https://artsouk.sa")!);
        Assert.Equal(10, Regex.Count(second, "<url>"));
        Assert.Null(Sitemap.Part(urls, 3, "https://artsouk.sa"));
    }

    [Fact]
    public async Task Robots_txt_names_the_sitemap()
    {
        var (status, text, _) = await PageAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("artist", "Person")]
    [InlineData("artwork", "VisualArtwork")]
    [InlineData("event", "ExhibitionEvent")]
    [InlineData("workshop", "EducationEvent")]
    public async Task Entry_pages_describe_themselves_in_json_ld_with_breadcrumbs(string type, string schemaType)
    {
        var item = await FirstAsync(type, "ar");
        var (_, html, _) = await PageAsync(Encode(PathIn(item, "ar")));
        var things = JsonLd(html);
        var thing = Assert.Single(things, t => t!["@type"]!.GetValue<string>() == schemaType);
        Assert.Equal($"http://localhost{Encode(PathIn(item, "ar"))}", thing!["url"]!.GetValue<string>());
        var crumbs = Assert.Single(things, t => t!["@type"]!.GetValue<string>() == "BreadcrumbList");
        Assert.Equal(3, crumbs!["itemListElement"]!.AsArray().Count);
    }

    [Fact]
    public async Task An_artwork_page_is_light_and_its_images_are_responsive()
    {
        var artwork = await FirstAsync("artwork");
        var (_, html, _) = await PageAsync(Encode(PathIn(artwork, "en")));
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 100 * 1024);
        var images = Regex.Matches(html, "<img [^>]+>").Select(m => m.Value).ToList();
        Assert.All(images, img => Assert.Matches("srcset=\"[^\"]+ \\d+w", img));
        Assert.All(images, img => Assert.Matches("width=\"\\d+\" height=\"\\d+\"", img));
        Assert.Contains("loading=\"eager\" fetchpriority=\"high\"", images[0], StringComparison.Ordinal);
        Assert.All(images.Skip(1), img => Assert.Contains("loading=\"lazy\"", img, StringComparison.Ordinal));
        Assert.Contains("<meta property=\"og:image\" content=\"http://localhost/media/", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_event_page_offers_an_ics_file_with_its_start_time()
    {
        var item = await FirstAsync("event");
        var (_, html, _) = await PageAsync(Encode(PathIn(item, "en")));
        var link = Regex.Match(html, "href=\"([^\"]+\\.ics)\"").Groups[1].Value;
        var (status, ics, response) = await PageAsync(Encode(link));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("BEGIN:VEVENT", ics, StringComparison.Ordinal);
        var start = DateTimeOffset.Parse(item["fields"]!["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("DTSTART:" + start.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture), ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arabic_event_pages_show_the_hijri_date_beside_the_gregorian_one()
    {
        var item = await FirstAsync("event", "ar");
        var (_, html, _) = await PageAsync(Encode(PathIn(item, "ar")));
        var start = DateTimeOffset.Parse(item["fields"]!["startsAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(3));
        var gregorianMonth = new System.Globalization.CultureInfo("ar-SA") { DateTimeFormat = { Calendar = new System.Globalization.GregorianCalendar() } }.DateTimeFormat.GetMonthName(start.Month);
        Assert.Contains(gregorianMonth, html, StringComparison.Ordinal);
        Assert.Matches("<span class=\"hijri\">[^<]+ هـ</span>", html);
    }

    [Fact]
    public async Task A_field_shown_through_fallback_is_marked_with_its_own_language()
    {
        var created = await host.Admin.PostAsJsonAsync("/api/v1/manage/content/artist",
            new { fields = new { name = new { ar = "لمى الغامدي", en = "Lama Al-Ghamdi " + Guid.NewGuid().ToString("N")[..5] }, bio = new { ar = "<p>خزافة من الباحة.</p>" } }, publish = true },
            TestContext.Current.CancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["id"]!.GetValue<string>();
        var item = (await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en", TestContext.Current.CancellationToken))!;
        var (_, html, _) = await PageAsync(Encode(PathIn(item, "en")));
        Assert.Contains("<div class=\"prose\" lang=\"ar\" dir=\"rtl\"><p>خزافة من الباحة.</p></div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_change_shows_on_the_next_request_of_a_cached_page()
    {
        var artwork = await FirstAsync("artwork", query: "&filter[year][lte]=2000");
        var path = Encode(PathIn(artwork, "en"));
        await PageAsync(path);
        await PageAsync(path);
        var title = "Renamed " + Guid.NewGuid().ToString("N")[..6];
        (await host.Admin.PutAsJsonAsync($"/api/v1/manage/content/artwork/{artwork["id"]}", new { fields = new { title = new { en = title } }, publish = true }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var item = (await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork/{artwork["id"]}?locale=en", TestContext.Current.CancellationToken))!;
        var (status, html, _) = await PageAsync(Encode(PathIn(item, "en")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($">{title}</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stylesheet_is_in_the_page_and_its_fonts_are_fingerprinted_and_cached_for_a_year()
    {
        var (_, html, _) = await PageAsync("/en/");
        Assert.DoesNotContain("<link rel=\"stylesheet\"", html, StringComparison.Ordinal);
        var css = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("@font-face", css, StringComparison.Ordinal);
        var font = Regex.Match(css, "url\\((/_site/ibm-plex-sans-arabic-arabic-400-normal\\.[0-9a-f]{10}\\.woff2)\\)").Groups[1].Value;
        var (status, _, response) = await PageAsync(font);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal("font/woff2", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotMatch("(?<![-\\w])(left|right)\\s*:", css);
    }

    // ---- previews ----------------------------------------------------------------------------------------------

    private async Task<(string Id, string Title)> DraftAsync()
    {
        var title = "Draft " + Guid.NewGuid().ToString("N")[..6];
        var created = await host.Admin.PostAsJsonAsync("/api/v1/manage/content/article",
            new { fields = new { title = new { ar = "مسودة " + title, en = title } }, publish = false }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return ((await created.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["id"]!.GetValue<string>(), title);
    }

    [Fact]
    public async Task A_preview_link_shows_the_draft_with_a_banner_noindex_and_no_caching()
    {
        var (id, title) = await DraftAsync();
        var response = await host.Admin.PostAsJsonAsync($"/api/v1/manage/content/article/{id}/preview-link", new { locale = "en" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var link = (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!;
        Assert.True(link["expiresAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow);

        var (status, html, page) = await PageAsync(link["url"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($">{title}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"preview-banner\"", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\"", html, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_not_on_the_public_site_without_a_link()
    {
        var (id, _) = await DraftAsync();
        var (status, _, _) = await PageAsync($"/en/journal/{id}");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task A_forged_or_altered_preview_token_shows_nothing()
    {
        var (id, title) = await DraftAsync();
        var link = (await (await host.Admin.PostAsJsonAsync($"/api/v1/manage/content/article/{id}/preview-link", new { locale = "en" }, TestContext.Current.CancellationToken))
            .Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["url"]!.GetValue<string>();
        var altered = link[..^3] + (link[^3] == 'A' ? "B" : "A") + link[^2..];
        foreach (var url in new[] { altered, "/preview/forged", "/preview/" + new string('A', 3000) })
        {
            var (status, html, _) = await PageAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.DoesNotContain(title, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_expired_preview_link_shows_nothing()
    {
        var (id, title) = await DraftAsync();
        var issuedEarlier = new SitePreviewLinks(host.App.Services.GetRequiredService<IDataProtectionProvider>(), new ShiftedClock(-SitePreviewLinks.Lifetime - TimeSpan.FromMinutes(1)));
        var link = issuedEarlier.Create("article", Guid.Parse(id), "en");
        Assert.True(link.ExpiresAt < DateTimeOffset.UtcNow);

        var (status, html, _) = await PageAsync(link.Url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain(title, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_those_who_may_read_the_entry_in_management_get_a_preview_link()
    {
        var (id, _) = await DraftAsync();
        var url = $"/api/v1/manage/content/article/{id}/preview-link";
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.PostAsJsonAsync(url, new { locale = "en" }, TestContext.Current.CancellationToken)).StatusCode);
        var (_, email) = await People.RegisterAsync(host.App);
        using var collector = await People.SignedInAsync(host.App, email);
        Assert.Equal(HttpStatusCode.Forbidden, (await collector.PostAsJsonAsync(url, new { locale = "en" }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.PostAsJsonAsync($"/api/v1/manage/content/article/{Guid.NewGuid()}/preview-link", new { locale = "en" }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Admin.PostAsJsonAsync(url, new { locale = "fr" }, TestContext.Current.CancellationToken)).StatusCode);
    }

    private sealed class ShiftedClock(TimeSpan by) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().Add(by);
    }
}
