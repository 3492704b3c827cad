using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests.Site;

/// <summary>
/// Names are plain text, stored as written: the site must show a name full of markup as that text, in the heading,
/// the title, the social cards and the JSON-LD, with nothing that runs or even reads like a live attribute or URL.
/// </summary>
[Collection("sqlite")]
public sealed partial class SiteXssTests(SqliteHost host)
{
    public static TheoryData<string> Payloads => new(XssTests.Payloads);

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task An_artist_named_with_markup_is_shown_as_text_on_both_language_pages(string payload)
    {
        var cancel = TestContext.Current.CancellationToken;
        var names = new { ar = "فنانة " + payload, en = "Artist " + payload };
        var id = await host.Admin.CreateEntryAsync("artist", new { name = names });
        var item = (await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en", cancel))!;
        foreach (var (locale, name) in new[] { ("ar", names.ar), ("en", names.en) })
        {
            var path = item["translations"]![locale]!.GetValue<string>();
            var response = await host.Anonymous.GetAsync(string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(cancel);

            Assert.DoesNotMatch(LivePayload(), html);
            var page = new HtmlParser().ParseDocument(html);
            Assert.Equal(name, page.QuerySelector("h1")!.TextContent.Trim());
            Assert.StartsWith(name, page.Title, StringComparison.Ordinal);
            Assert.StartsWith(name, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"), StringComparison.Ordinal);
            Assert.Empty(page.QuerySelectorAll("main iframe, main svg, main object, main embed, main form[action^='javascript'], main [onerror], main [onload], main [onclick]"));
            Assert.Equal(page.Scripts.Length, page.QuerySelectorAll("script[src], script[type='application/ld+json']").Length);

            var person = page.QuerySelectorAll("script[type='application/ld+json']")
                .Select(s => JsonNode.Parse(s.TextContent)!)
                .Single(ld => ld["@type"]?.GetValue<string>() == "Person");
            Assert.Equal(name, person["name"]!.GetValue<string>());
            Assert.Equal("https://schema.org", person["@context"]!.GetValue<string>());
        }
    }

    /// <summary>What a scanner looks for: an element, attribute or URL that would run if the text were pasted into HTML as it is.</summary>
    [GeneratedRegex(@"<script>alert|<img src|<svg onload|<svg><script|<iframe|onerror=|onload=|onclick=|javascript:|data:text", RegexOptions.IgnoreCase)]
    private static partial Regex LivePayload();
}
