using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>
/// Script payloads stored through the API in titles, text fields, rich text, alt texts and captions, then every manager
/// screen that shows them opened in the browser: no dialog opens, the payload's marker is never set, and no element the
/// payloads would inject exists. The words show as text.
/// </summary>
[Collection("manager")]
public sealed class ManagerXssTests(ManagerHost host)
{
    // Each sets window.__xss and opens a dialog if it ever runs.
    private const string Script = "<script>window.__xss=1;alert('script')</script>";
    private const string Image = "<img src=x onerror=\"window.__xss=1;alert('img')\">";
    private const string Svg = "\"><svg onload=\"window.__xss=1;alert('svg')\">";
    private const string Link = "javascript:window.__xss=1;alert('link')";
    private const string Anchor = "<a href=\"javascript:window.__xss=1;alert('a')\">x</a><iframe src=\"javascript:window.__xss=1\"></iframe>";

    [Fact]
    public async Task Payloads_in_stored_content_render_as_text_on_every_manager_screen()
    {
        using var admin = await Accounts.AdminAsync(host);
        var stamp = Guid.NewGuid().ToString("N")[..6];
        var uploaded = await admin.PostAsync("/api/v1/manage/media", TestImages.Form(TestImages.Png(64, 48), "xss.png", altAr: Image + stamp, altEn: Svg + stamp));
        uploaded.EnsureSuccessStatusCode();
        var media = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await admin.PutAsJsonAsync($"/api/v1/manage/media/{media}", new { caption = new { ar = Script, en = Anchor }, credit = new { en = Link } })).EnsureSuccessStatusCode();
        var artist = await CreateAsync(admin, "artist", new JsonObject
        {
            ["name"] = new JsonObject { ["ar"] = $"{Image} {stamp}", ["en"] = $"{Script} {stamp}" },
            ["bio"] = new JsonObject { ["ar"] = $"<p>{Image}{Anchor}</p>", ["en"] = $"<p>{Svg}</p>" },
            ["city"] = new JsonObject { ["ar"] = Svg, ["en"] = "<iframe src=javascript:window.__xss=1>" },
            ["nationality"] = new JsonObject { ["en"] = Link },
            // Websites must start with http(s): the API already refuses javascript: there.
            ["website"] = "https://example.test/\"><img src=x onerror=window.__xss=1>",
            ["portrait"] = media,
        });
        var artwork = await CreateAsync(admin, "artwork", new JsonObject
        {
            ["title"] = new JsonObject { ["ar"] = $"{Svg} {stamp}", ["en"] = $"{Anchor} {stamp}" },
            ["medium"] = new JsonObject { ["ar"] = Script },
            ["artist"] = artist,
            ["images"] = new JsonArray(media),
        }, publish: false);

        var page = await host.PageAsync("en");
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await Accounts.SignInAsync(page, ManagerHost.AdminEmail, ManagerHost.AdminPassword);

        // The unpublished artwork is among my drafts.
        await OpenAsync(page, "/manager", "[data-section=recent-activity]");
        await ShowsAsTextAsync(page, stamp);
        await OpenAsync(page, "/manager/content/artist?q=" + stamp, "table tbody tr .entry-title a");
        await ShowsAsTextAsync(page, "onerror");
        await OpenAsync(page, $"/manager/content/artist/{artist}", "#name-ar");
        Assert.Equal($"{Image} {stamp}", await page.Locator("#name-ar").InputValueAsync());
        await OpenAsync(page, $"/manager/content/artwork/{artwork}", "#title-en");
        Assert.Equal($"{Anchor} {stamp}", await page.Locator("#title-en").InputValueAsync());
        // The audit screen names the fields a change touched.
        await OpenAsync(page, $"/manager/audit?entryId={artist}", "[data-table=audit]");
        await ShowsAsTextAsync(page, "name (ar)");
        await OpenAsync(page, "/manager/media", ".media-grid .media-tile img");
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("xss-media-en-1280") });

        Assert.Empty(dialogs);
        await page.Context.CloseAsync();
    }

    private static async Task<string> CreateAsync(HttpClient admin, string type, JsonObject fields, bool publish = true)
    {
        var created = await admin.PostAsJsonAsync($"/api/v1/manage/content/{type}", new JsonObject { ["fields"] = fields, ["publish"] = publish });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Opens a screen, lets it go interactive and render its data, then checks nothing injected is in the page.</summary>
    private static async Task OpenAsync(IPage page, string path, string ready)
    {
        await page.GotoAsync(path);
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        await page.Locator(ready).First.WaitForAsync();
        // A moment for an onerror or onload to fire if anything injected were there.
        await page.WaitForTimeoutAsync(300);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__xss === 1"), $"a payload ran on {path}");
        var injected = await page.EvaluateAsync<int>("""
            () => document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover],iframe,object,embed,img[src="x"],a[href^="javascript:" i]').length
                + [...document.scripts].filter(s => s.textContent.includes('__xss')).length
            """);
        Assert.True(injected == 0, $"{injected} injected element(s) on {path}");
    }

    private static async Task ShowsAsTextAsync(IPage page, string text) =>
        Assert.Contains(text, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
}
