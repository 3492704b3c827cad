using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>axe-core (vendored 4.14.1) on every page type of the public site, in Arabic and English.</summary>
[Collection("manager")]
public sealed class SiteAccessibilityTests(ManagerHost host)
{
    private static readonly string Axe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vendor", "axe.min.js"));

    [Theory]
    [InlineData("ar", 1280)]
    [InlineData("en", 1280)]
    [InlineData("ar", 390)]
    [InlineData("en", 390)]
    public async Task Every_page_type_has_no_serious_or_critical_axe_violations(string locale, int width)
    {
        var page = await host.PageAsync(locale, width, width < 600 ? 844 : 900);
        var pages = new List<string> { $"/{locale}/" };
        foreach (var route in new[] { "artists", "artworks", "galleries", "events", "workshops", "journal", "collections" })
        {
            pages.Add($"/{locale}/{route}");
            await page.GotoAsync($"/{locale}/{route}");
            pages.Add((await page.Locator(".grid .card-link").First.GetAttributeAsync("href"))!);
        }
        pages.Add($"/{locale}/artworks?category=painting");
        pages.Add($"/{locale}/artworks?page=2");
        pages.Add($"/{locale}/search");
        pages.Add($"/{locale}/search?q={(locale == "ar" ? "الرياض" : "Riyadh")}");
        pages.Add($"/{locale}/search?q=qqzxjvkw");
        pages.Add($"/{locale}/events?view=calendar");
        pages.Add($"/{locale}/workshops?view=calendar");
        pages.Add(locale == "ar" ? "/ar/عن-آرت-سوق" : "/en/about-art-souk");
        pages.Add($"/{locale}/no-such-page");

        var report = new StringBuilder();
        foreach (var path in pages)
        {
            await page.GotoAsync(path);
            report.Append(await SeriousViolationsAsync(page, path));
        }
        await page.Context.CloseAsync();
        Assert.True(report.Length == 0, $"axe-core found serious or critical violations ({locale}, {width}px):\n{report}");
    }

    private static async Task<string> SeriousViolationsAsync(IPage page, string path)
    {
        await page.AddScriptTagAsync(new() { Content = Axe });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\s+/g, ' ')) })));
            }
            """);
        var report = new StringBuilder();
        foreach (var v in JsonDocument.Parse(json).RootElement.EnumerateArray())
        {
            report.Append(System.Globalization.CultureInfo.InvariantCulture, $"{path}: {v.GetProperty("id")} ({v.GetProperty("impact")}) {v.GetProperty("help")}\n");
            foreach (var t in v.GetProperty("targets").EnumerateArray().Take(5))
            {
                report.Append(System.Globalization.CultureInfo.InvariantCulture, $"    {t}\n");
            }
        }
        return report.ToString();
    }
}
