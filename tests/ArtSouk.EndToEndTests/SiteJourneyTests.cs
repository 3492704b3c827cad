using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>Visitors on the public site, in Arabic and English, on a desktop and on a phone, in the Debian chromium.</summary>
[Collection("manager")]
public sealed class SiteJourneyTests(ManagerHost host)
{
    public static TheoryData<string, int> LanguagesAndWidths() => new() { { "ar", 1280 }, { "en", 1280 }, { "ar", 390 }, { "en", 390 } };

    private async Task<IPage> OpenAsync(string locale, int width) => await host.PageAsync(locale, width, width < 600 ? 844 : 900);

    private static async Task ShotAsync(IPage page, string kind, string locale, int width)
    {
        // Below-the-fold images are lazy: scroll through the page so the full-page picture shows them.
        await page.EvaluateAsync("""
            async () => {
              for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) { window.scrollTo(0, y); await new Promise(r => setTimeout(r, 60)); }
              window.scrollTo(0, 0);
              await Promise.all([...document.images].map(i => i.complete ? null : new Promise(r => { i.onload = i.onerror = r; })));
              await document.fonts.ready;
            }
            """);
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"site-{kind}-{locale}-{width}"), FullPage = true });
    }

    private static async Task AssertPageAsync(IPage page, string locale, int width)
    {
        Assert.Equal(locale, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(locale == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        Assert.True(await page.Locator("h1").IsVisibleAsync());
        if (width < 600)
        {
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{page.Url} scrolls sideways on a phone");
        }
    }

    private async Task<bool> HasWorksAsync(string path)
    {
        var route = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/routes?path={Uri.EscapeDataString(Uri.UnescapeDataString(path))}", TestContext.Current.CancellationToken);
        var works = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork?filter[artist]={route!["id"]}&limit=1", TestContext.Current.CancellationToken);
        return works!["items"]!.AsArray().Count > 0;
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task A_visitor_goes_from_home_to_the_artists_to_an_artist_to_an_artwork(string locale, int width)
    {
        var page = await OpenAsync(locale, width);
        await page.GotoAsync("/");
        Assert.EndsWith($"/{locale}/", page.Url, StringComparison.Ordinal);
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "home", locale, width);

        await page.Locator($"nav.primary a[href='/{locale}/artists']").ClickAsync();
        await page.ArrivedAsync($"**/{locale}/artists");
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "artists", locale, width);

        // Other tests on this host add artists without works (and with long test names): open the first with works.
        var cards = page.Locator(".grid .card-link");
        ILocator? withWorks = null;
        for (var i = 0; withWorks is null && i < await cards.CountAsync(); i++)
        {
            if (await HasWorksAsync((await cards.Nth(i).GetAttributeAsync("href"))!))
            {
                withWorks = cards.Nth(i);
            }
        }
        Assert.NotNull(withWorks);
        await withWorks.ClickAsync();
        await page.ArrivedAsync($"**/{locale}/artists/**");
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "artist", locale, width);

        var artworkCard = page.Locator(".grid-artwork .card-link").First;
        var artworkTitle = (await artworkCard.Locator(".card-title").InnerTextAsync()).Trim();
        await artworkCard.ClickAsync();
        await page.ArrivedAsync($"**/{locale}/artworks/**");
        await AssertPageAsync(page, locale, width);
        Assert.Equal(artworkTitle, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator(".artwork-main img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        await ShotAsync(page, "artwork", locale, width);

        await page.GotoAsync($"/{locale}/artworks");
        await ShotAsync(page, "artworks", locale, width);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task A_visitor_finds_a_workshop_among_the_events_and_downloads_its_calendar_file(string locale, int width)
    {
        var page = await OpenAsync(locale, width);
        await page.GotoAsync($"/{locale}/events");
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "events", locale, width);

        await page.Locator(".view-switch a").Nth(1).ClickAsync();
        await page.Locator(".month-grid").WaitForAsync();
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "calendar", locale, width);

        await page.Locator($"nav.primary a[href='/{locale}/workshops']").ClickAsync();
        await page.ArrivedAsync($"**/{locale}/workshops");
        await page.Locator(".grid .card-link").First.ClickAsync();
        await page.ArrivedAsync($"**/{locale}/workshops/**");
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "workshop", locale, width);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[href$='.ics']").ClickAsync());
        Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);
        var file = await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Contains("BEGIN:VEVENT", file, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task A_visitor_searches_from_the_header_narrows_to_artworks_and_meets_the_empty_state(string locale, int width)
    {
        var page = await OpenAsync(locale, width);
        await page.GotoAsync($"/{locale}/");
        var words = locale == "ar" ? "الرياض" : "Riyadh";
        // The first index build runs in the background after start-up: search again until it has answered (bounded).
        await page.Locator("#site-q").FillAsync(words);
        await page.Locator("#site-q").PressAsync("Enter");
        await page.ArrivedAsync($"**/{locale}/search?q=**");
        for (var attempt = 0; attempt < 60; attempt++)
        {
            if (attempt > 0)
            {
                // The same address again: a reload waits for its own load (a second submit to the URL already shown raced the waiter).
                await page.ReloadAsync();
            }
            if (await page.Locator(".results").CountAsync() > 0)
            {
                break;
            }
            await page.WaitForTimeoutAsync(1000);
        }
        await AssertPageAsync(page, locale, width);
        Assert.True(await page.Locator(".results .result").CountAsync() > 0);
        Assert.True(await page.Locator(".results mark").CountAsync() > 0);
        Assert.Equal(words, await page.Locator("#search-q").InputValueAsync());
        await ShotAsync(page, "search", locale, width);

        await page.Locator(".facets a[href*='type=artwork']").ClickAsync();
        await page.ArrivedAsync("**type=artwork**");
        await AssertPageAsync(page, locale, width);
        var hrefs = await page.Locator(".results h3 a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(hrefs);
        Assert.All(hrefs, href => Assert.StartsWith($"/{locale}/artworks/", href, StringComparison.Ordinal));
        await ShotAsync(page, "search-artworks", locale, width);

        await page.GotoAsync($"/{locale}/search?q=qqzxjvkw");
        await AssertPageAsync(page, locale, width);
        Assert.True(await page.Locator(".search-none").IsVisibleAsync());
        await ShotAsync(page, "search-empty", locale, width);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task A_listed_work_shows_its_price_and_availability_on_its_page_and_the_artworks_pages_number_their_pages(string locale, int width)
    {
        var token = await host.Http.PostAsJsonAsync("/api/v1/auth/token", new { email = ManagerHost.AdminEmail, password = ManagerHost.AdminPassword },
            TestContext.Current.CancellationToken);
        var access = (await token.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["access_token"]!.GetValue<string>();
        var list = await host.Http.GetFromJsonAsync<JsonObject>("/api/v1/content/artwork?locale=ar&limit=1&sort=publishedAt", TestContext.Current.CancellationToken);
        var work = list!["items"]![0]!;
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/manage/listings/{work["id"]}"))
        {
            put.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", access);
            put.Content = JsonContent.Create(new { price = new { amount = 12500m, currency = "SAR" }, availability = "available", stock = 1 });
            Assert.True((await host.Http.SendAsync(put, TestContext.Current.CancellationToken)).IsSuccessStatusCode);
        }

        var page = await OpenAsync(locale, width);
        await page.GotoAsync(work["translations"]![locale]!.GetValue<string>());
        await AssertPageAsync(page, locale, width);
        Assert.Equal(locale == "ar" ? "١٢٬٥٠٠ ر.س" : "SAR 12,500", (await page.Locator(".artwork-info .price").InnerTextAsync()).Trim());
        Assert.True(await page.Locator(".artwork-info .availability").IsVisibleAsync());
        await ShotAsync(page, "artwork-listed", locale, width);

        await page.GotoAsync($"/{locale}/artworks");
        await page.Locator(".pager a[rel='next']").Last.ClickAsync();
        await page.ArrivedAsync("**page=2**");
        await AssertPageAsync(page, locale, width);
        Assert.Equal(locale == "ar" ? "٢" : "2", (await page.Locator(".pager a[aria-current='page']").InnerTextAsync()).Trim());
        await ShotAsync(page, "artworks-page-2", locale, width);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar", "en")]
    [InlineData("en", "ar")]
    public async Task The_language_switch_keeps_the_entry(string from, string to)
    {
        var list = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork?locale={from}&limit=1", TestContext.Current.CancellationToken);
        var artwork = list!["items"]![0]!;
        var page = await OpenAsync(from, 1280);
        await page.GotoAsync(artwork["translations"]![from]!.GetValue<string>());

        await page.Locator(".lang-switch").ClickAsync();
        await page.ArrivedAsync(url => Uri.UnescapeDataString(new Uri(url).AbsolutePath) == artwork["translations"]![to]!.GetValue<string>(), "the artwork in the other language");

        Assert.Equal(to, await page.Locator("html").GetAttributeAsync("lang"));
        var translated = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/content/artwork/{artwork["id"]}?locale={to}", TestContext.Current.CancellationToken);
        Assert.Equal(translated!["fields"]!["title"]!.GetValue<string>(), (await page.Locator("h1").InnerTextAsync()).Trim());
        // The next visit to / goes back to the language last read.
        await page.GotoAsync("/");
        Assert.EndsWith($"/{to}/", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(LanguagesAndWidths))]
    public async Task Every_other_page_type_renders_in_the_site_design(string locale, int width)
    {
        var page = await OpenAsync(locale, width);
        foreach (var (kind, route) in new[] { ("galleries", "galleries"), ("journal", "journal"), ("collections", "collections") })
        {
            await page.GotoAsync($"/{locale}/{route}");
            await AssertPageAsync(page, locale, width);
            await ShotAsync(page, kind, locale, width);
            await page.Locator(".grid .card-link").First.ClickAsync();
            await page.ArrivedAsync($"**/{locale}/{route}/**");
            await AssertPageAsync(page, locale, width);
            await ShotAsync(page, kind + "-entry", locale, width);
        }
        await page.GotoAsync(locale == "ar" ? "/ar/عن-آرت-سوق" : "/en/about-art-souk");
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "page", locale, width);

        var missing = await page.GotoAsync($"/{locale}/no-such-page");
        Assert.Equal(404, missing!.Status);
        await AssertPageAsync(page, locale, width);
        await ShotAsync(page, "404", locale, width);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_users_reach_the_content_through_the_skip_link()
    {
        var page = await OpenAsync("ar", 1280);
        await page.GotoAsync("/ar/artists");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("document.activeElement.className"));
        Assert.True(await page.Locator(".skip").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_curator_previews_an_unpublished_draft_on_the_site_from_the_editor()
    {
        var page = await OpenAsync("en", 1280);
        await page.GotoAsync("/manager");
        await page.Locator("#email").FillAsync(ManagerHost.AdminEmail);
        await page.Locator("#password").FillAsync(ManagerHost.AdminPassword);
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.Locator(".shell[data-interactive]").WaitForAsync();

        var title = "Unpublished study " + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/manager/content/article/new");
        await page.Locator("#title-ar").FillAsync("دراسة غير منشورة");
        await page.Locator("#title-ar").DispatchEventAsync("change");
        await page.Locator("#title-en").FillAsync(title);
        await page.Locator("#title-en").DispatchEventAsync("change");
        await page.Locator("[data-action=save]").ClickAsync();
        await page.ArrivedAsync("**/manager/content/article/*-*");

        await page.Locator("[data-action=site-preview-en]").ClickAsync();
        var link = page.Locator("[data-role=site-preview-link-en]");
        var preview = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await preview.Locator(".preview-banner").WaitForAsync();

        Assert.Equal(title, (await preview.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("noindex", await preview.Locator("meta[name=robots]").GetAttributeAsync("content"));
        await ShotAsync(preview, "preview", "en", 1280);
        await page.Context.CloseAsync();
    }
}
