using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>A curator's day in the manager, in Arabic and in English, in a real browser against the real host.</summary>
[Collection("manager")]
public sealed partial class CuratorJourneyTests(ManagerHost host)
{
    [GeneratedRegex(@"/manager/content/artist/([0-9a-f-]{36})$")]
    private static partial Regex EditorUrl();

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task A_curator_signs_in_creates_a_bilingual_artist_publishes_it_and_delivery_serves_it(string locale)
    {
        var page = await host.PageAsync(locale);
        var stamp = Guid.NewGuid().ToString("N")[..6];

        await SignInAsync(page);
        Assert.Equal(locale, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(locale == "ar" ? "rtl" : "ltr", await page.Locator("html").GetAttributeAsync("dir"));
        await page.Locator("[data-section=recent-activity]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"dashboard-{locale}-1280"), FullPage = false });

        await page.Locator(".sidebar a[href='/manager/content/artist']").ClickAsync();
        await page.Locator("table tbody tr .entry-title a").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"list-{locale}-1280") });

        await page.Locator("a[href='/manager/content/artist/new']").ClickAsync();
        await FillAsync(page, "#name-ar", $"ريم العتيبي {stamp}");
        await FillAsync(page, "#name-en", $"Reem Al-Otaibi {stamp}");
        await FillAsync(page, "#city-ar", "الرياض");
        await page.Locator("#bio-ar").FillAsync("فنانة تشكيلية من الرياض، تعمل بالألوان المائية.");
        await page.Locator("#bio-ar").BlurAsync();
        await FillAsync(page, "#birthYear-value", "1990");
        await page.Locator("#portrait-value").ClickAsync();
        await page.Locator(".picker .media-tile").First.ClickAsync();
        await page.Locator("[data-field=portrait] .picked img").WaitForAsync();
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"editor-{locale}-1280") });

        // The picker has closed and nothing is in flight: the click goes to the Create the person sees.
        await Assertions.Expect(page.Locator("[data-field=portrait] .picker")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-action=save]")).ToHaveTextAsync(locale == "ar" ? "إنشاء" : "Create");
        await page.Locator("[data-action=save]").ClickAsync();
        // The editor replaces the URL in place (NavigateTo with replace: true, a history.replaceState): the address is
        // polled rather than waited for as a navigation, which that same-document change may not raise in time.
        await host.ExpectAsync(page, "the created entry's editor", () => Assertions.Expect(page).ToHaveURLAsync(EditorUrl(), new() { Timeout = (float)ManagerHost.StepTimeout.TotalMilliseconds }));
        var id = EditorUrl().Match(page.Url).Groups[1].Value;
        await page.Locator("[data-action=publish]").ClickAsync();
        await host.ExpectAsync(page, "both languages live", () => page.Locator(".locale-publish[data-locale=en] .badge.live").WaitForAsync());

        var delivered = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en");
        Assert.Equal($"Reem Al-Otaibi {stamp}", delivered!["fields"]!["name"]!.GetValue<string>());
        Assert.NotNull(delivered["fields"]!["portrait"]);
        var arabic = await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=ar");
        Assert.Equal("الرياض", arabic!["fields"]!["city"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task The_manager_reads_well_on_a_phone(string locale)
    {
        var page = await host.PageAsync(locale, width: 390, height: 844);
        await SignInAsync(page);
        await page.Locator("[data-section=recent-activity]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"dashboard-{locale}-390") });
        await page.GotoAsync("/manager/content/artist");
        // The rows are there once the screen is interactive: the prerendered page carries into the circuit.
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        await page.Locator("table tbody tr .entry-title a").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"list-{locale}-390") });
        await page.Locator("table tbody tr .entry-title a").First.ClickAsync();
        await page.Locator("#name-ar").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"editor-{locale}-390") });
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page scrolls sideways on a phone");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar", "/manager/content/artist", "table tbody tr .entry-title a")]
    [InlineData("en", "/manager", "[data-section=recent-activity]")]
    [InlineData("ar", "/manager/media", ".media-grid .media-tile img")]
    public async Task Going_interactive_keeps_the_prerendered_rows_without_a_loading_flash(string locale, string path, string rows)
    {
        var page = await host.PageAsync(locale);
        await SignInAsync(page);
        // Watches every text the page shows from its first byte; a refetch on going interactive would show "Loading…".
        await page.AddInitScriptAsync("""
            window.__loadingSeen = false;
            new MutationObserver(() => {
              if (/جارٍ التحميل|Loading…/.test(document.body?.innerText ?? '')) window.__loadingSeen = true;
            }).observe(document, { childList: true, subtree: true, characterData: true });
            """);
        await page.GotoAsync(path);
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        await page.Locator(rows).First.WaitForAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.False(await page.EvaluateAsync<bool>("() => window.__loadingSeen"), $"{path} showed Loading… after its prerendered rows");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("ar", "/manager/model", "model")]
    [InlineData("en", "/manager/media", "media")]
    public async Task The_library_screens_list_the_content_model_and_the_media(string locale, string path, string name)
    {
        var page = await host.PageAsync(locale);
        await SignInAsync(page);
        await page.GotoAsync(path);
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        await page.Locator(name == "media" ? ".media-grid .media-tile img" : ".model-type table").First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"{name}-{locale}-1280") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_shows_the_apis_own_refusal_in_the_users_language()
    {
        var page = await host.PageAsync("ar");
        await page.GotoAsync("/manager");
        await page.Locator("#email").FillAsync(ManagerHost.AdminEmail);
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("button[type=submit].primary").ClickAsync();
        await Assertions.Expect(page.Locator(".alert.error")).ToContainTextAsync("كلمة المرور غير صحيحة");
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("sign-in-ar-1280") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_language_a_user_chooses_is_remembered_over_the_browsers_and_sign_out_ends_the_session()
    {
        var page = await host.PageAsync("ar");
        await SignInAsync(page);
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));

        await page.Locator(".topbar .language-switch button").ClickAsync();
        await page.Locator("html[lang=en][dir=ltr] .shell[data-interactive]").WaitForAsync();
        await page.GotoAsync("/manager/content/artist");
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.Locator(".shell[data-interactive]").WaitForAsync();

        await page.Locator(".user-menu summary").ClickAsync();
        await page.Locator(".user-menu .menu-button").ClickAsync();
        await page.Locator("#password").WaitForAsync();
        await page.GotoAsync("/manager/content/artist");
        Assert.Contains("/manager/sign-in", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/manager");
        await page.Locator("#email").FillAsync(ManagerHost.AdminEmail);
        await page.Locator("#password").FillAsync(ManagerHost.AdminPassword);
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.Locator(".shell[data-interactive]").WaitForAsync();
    }

    /// <summary>Fields commit on change, as a person leaving the field would.</summary>
    private static async Task FillAsync(IPage page, string selector, string value)
    {
        await page.Locator(selector).FillAsync(value);
        await page.Locator(selector).DispatchEventAsync("change");
    }
}
