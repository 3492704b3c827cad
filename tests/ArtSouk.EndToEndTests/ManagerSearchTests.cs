using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>
/// A curator searching a content list finds a draft that has only an Arabic name by typing it in Latin letters, in
/// either language of the manager, on a desktop and on a phone: the row links to the draft's editor and says it is a draft.
/// </summary>
[Collection("manager")]
public sealed class ManagerSearchTests(ManagerHost host)
{
    [Fact]
    public async Task A_draft_with_an_arabic_name_is_found_in_the_list_by_its_latin_spelling()
    {
        using var admin = await Accounts.AdminAsync(host);
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new JsonObject
        {
            ["fields"] = new JsonObject { ["name"] = new JsonObject { ["ar"] = "لجين العتيبي" } },
            ["publish"] = false,
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await IndexedAsync(admin, id);

        foreach (var (locale, draft) in new[] { ("ar", "مسودة"), ("en", "Draft") })
        {
            foreach (var width in new[] { 1280, 390 })
            {
                var page = await host.PageAsync(locale, width, width == 390 ? 844 : 900);
                await Accounts.SignInAsync(page, ManagerHost.AdminEmail, ManagerHost.AdminPassword);
                await page.GotoAsync("/manager/content/artist?q=" + Uri.EscapeDataString("Lujain Alotaibi"));
                await page.Locator(".shell[data-interactive]").WaitForAsync();
                var row = page.Locator($"tr[data-match='{id}']");
                await row.WaitForAsync();

                Assert.Equal("draft", await row.GetAttributeAsync("data-state"));
                Assert.Equal("لجين العتيبي", (await row.Locator(".entry-title a").InnerTextAsync()).Trim());
                Assert.Equal($"/manager/content/artist/{id}", await row.Locator(".entry-title a").GetAttributeAsync("href"));
                Assert.Equal(draft, (await row.Locator("[data-badge=draft]").InnerTextAsync()).Trim());
                // Its name is its only text: no English name beside it, and no snippet that would only repeat the name.
                Assert.Equal(0, await row.Locator(".entry-title .other").CountAsync());
                Assert.Equal(locale == "ar" ? "rtl" : "ltr", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
                // Nothing sticks out sideways on a phone.
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
                    $"the {locale} list scrolls sideways at {width} px");
                await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath($"manager-search-draft-{locale}-{width}"), FullPage = true });
                await page.Context.CloseAsync();
            }
        }
    }

    /// <summary>Waits until the editors' index has the entry: saving reaches it through the outbox, a moment later.</summary>
    private static async Task IndexedAsync(HttpClient admin, string id)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var found = await admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/search/entries?type=artist&q=" + Uri.EscapeDataString("Lujain Alotaibi"));
            if (found!["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == id))
            {
                return;
            }
            await Task.Delay(200);
        }
        Assert.Fail("the draft never reached the editors' search");
    }
}
