using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>
/// An artist edits its own entry in the manager and the change waits for a curator: approved, it goes live on the
/// Delivery API; rejected, the artist reads the curator's comment. Two browsers, two accounts, the real host.
/// </summary>
[Collection("manager")]
public sealed class ReviewJourneyTests(ManagerHost host)
{
    [Fact]
    public async Task An_artists_edit_waits_for_review_a_curator_approves_it_and_delivery_serves_it_then_a_rejection_reaches_the_artist()
    {
        using var admin = await Accounts.AdminAsync(host);
        var stamp = Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new
        {
            fields = new { name = new { ar = $"لمى الشهري {stamp}", en = $"Lama Al-Shehri {stamp}" }, city = new { ar = "الرياض", en = "Riyadh" } },
            publish = true,
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var artistEmail = await Accounts.CreateAsync(host, admin, "artist", "لمى", Guid.Parse(id));
        var curatorEmail = await Accounts.CreateAsync(host, admin, "curator", "Layla");

        // The artist, in Arabic, changes the English city of its own entry.
        var artist = await host.PageAsync("ar");
        await Accounts.SignInAsync(artist, artistEmail);
        await EditCityAsync(artist, id, $"Abha {stamp}");
        await artist.Locator("[data-review=in_review]").WaitForAsync();
        await artist.EvaluateAsync("window.scrollTo(0, 0)");
        await artist.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("artist-in-review-ar-1280") });
        Assert.Equal("Riyadh", await LiveCityAsync(id));

        // A curator, in English, finds it waiting for review and approves it.
        var curator = await host.PageAsync("en");
        await Accounts.SignInAsync(curator, curatorEmail);
        var waiting = curator.Locator($"[data-section=waiting-for-review] li[data-entry='{id}'] a");
        await waiting.WaitForAsync();
        await curator.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("curator-waiting-for-review-en-1280") });
        await waiting.ClickAsync();
        await curator.Locator("[data-action=approve]").ClickAsync();
        await Assertions.Expect(curator.Locator("[data-review]")).ToHaveCountAsync(0);
        Assert.Equal($"Abha {stamp}", await LiveCityAsync(id));

        // The next change is rejected with a comment, which the artist reads in its editor; the live entry stays.
        await EditCityAsync(artist, id, $"Tabuk {stamp}");
        await artist.Locator("[data-review=in_review]").WaitForAsync();
        await curator.GotoAsync($"/manager/content/artist/{id}");
        await curator.Locator(".shell[data-interactive]").WaitForAsync();
        await curator.Locator("#review-comment").FillAsync("Please add the English bio first.");
        await curator.Locator("[data-action=reject]").ClickAsync();
        await curator.Locator("[data-review=rejected]").WaitForAsync();

        await artist.GotoAsync($"/manager/content/artist/{id}");
        await artist.Locator(".shell[data-interactive]").WaitForAsync();
        await Assertions.Expect(artist.Locator("[data-review=rejected] [data-review-comment]")).ToContainTextAsync("Please add the English bio first.");
        await artist.EvaluateAsync("window.scrollTo(0, 0)");
        Assert.True(await artist.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), "the editor scrolls sideways: " + await OverflowingAsync(artist));
        await artist.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("artist-rejected-ar-1280") });
        Assert.Equal($"Abha {stamp}", await LiveCityAsync(id));
        await artist.Context.CloseAsync();
        await curator.Context.CloseAsync();
    }

    private static async Task EditCityAsync(IPage page, string id, string city)
    {
        await page.GotoAsync($"/manager/content/artist/{id}");
        await page.Locator(".shell[data-interactive]").WaitForAsync();
        await page.Locator("#city-en").FillAsync(city);
        await page.Locator("#city-en").DispatchEventAsync("change");
        await page.Locator("[data-action=save]").ClickAsync();
    }

    /// <summary>The elements reaching past the viewport's sides, to say what makes a page scroll sideways.</summary>
    private static Task<string> OverflowingAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > innerWidth + 1); })
          .slice(0, 10).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`).join('; ')
        """);

    private async Task<string?> LiveCityAsync(string id) =>
        (await host.Http.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en"))!["fields"]!["city"]?.GetValue<string>();
}
