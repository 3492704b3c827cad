using System.Net;
using ArtSouk.Manager.Content;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Manager.Tests;

/// <summary>
/// The list's search asks the editors' search (<c>GET /api/v1/manage/search/entries</c>), so drafts are found in another
/// spelling or script, each with its state; a type it does not cover falls back to the list's own match on slugs.
/// </summary>
public sealed class ContentListSearchTests : BunitContext
{
    private const string DraftId = "3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string Matches = $$"""
        {"items":[{"id":"{{DraftId}}","type":"artist","slug":"لجين-العتيبي","title":"لجين العتيبي","snippet":"<mark>لجين</mark> &lt;b&gt;","score":12.5,"url":"/ar/artists/لجين-العتيبي",
          "state":"in_review","states":["in_review","draft"],"editUrl":"/manager/content/artist/{{DraftId}}","alternate":"<i>Lujain</i>"}],"total":1,"facets":{},"next":null}
        """;

    private readonly FakeApi _api = new();

    [Theory]
    [InlineData("ar", "بانتظار المراجعة", "مسودة")]
    [InlineData("en", "Waiting for review", "Draft")]
    public void A_search_in_another_script_lists_the_draft_with_its_states_linked_to_its_editor(string locale, string inReview, string draft)
    {
        _api.Answer(HttpMethod.Get, "/api/v1/content-types/artist", HttpStatusCode.OK, FakeApi.Wire("content-type-artist"))
            .Answer(HttpMethod.Get, "/api/v1/manage/content/artist", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .Answer(HttpMethod.Get, "/api/v1/manage/search/entries", HttpStatusCode.OK, Matches)
            .Install(this, locale);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/manager/content/artist?q=Lujain%20Alotaibi&status=draft");

        var page = Render<ContentList>(p => p.Add(x => x.TypeName, "artist"));

        var row = page.WaitForElement($"tr[data-match='{DraftId}']");
        var link = row.QuerySelector("a")!;
        Assert.Equal("لجين العتيبي", link.TextContent);
        Assert.Equal("auto", link.GetAttribute("dir"));
        Assert.Equal($"/manager/content/artist/{DraftId}", link.GetAttribute("href"));
        Assert.Equal([inReview, draft], row.QuerySelectorAll("[data-badge]").Select(b => b.TextContent).ToArray());
        // The snippet's own text stays encoded; only the API's <mark> is markup.
        Assert.Equal("لجين", row.QuerySelector("mark")!.TextContent);
        Assert.Null(row.QuerySelector("b"));
        Assert.Equal("<i>Lujain</i>", row.QuerySelector("[lang]")!.TextContent);
        Assert.Contains(_api.Requests, r => r.PathAndQuery == $"/api/v1/manage/search/entries?q=Lujain%20Alotaibi&type=artist&locale={locale}&limit=20&state=draft");
        Assert.DoesNotContain(_api.Requests, r => r.PathAndQuery.StartsWith("/api/v1/manage/content/artist?", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"type":"https://artsouk.sa/problems/bad-query","title":"Bad query","status":400,"code":"bad-query"}""")]
    [InlineData(HttpStatusCode.OK, """{"items":[],"total":0,"facets":{},"next":null}""")]
    public void A_type_the_editors_search_does_not_cover_or_a_search_that_finds_nothing_falls_back_to_the_lists_own_match(HttpStatusCode status, string answer)
    {
        _api.Answer(HttpMethod.Get, "/api/v1/content-types/artist", HttpStatusCode.OK, FakeApi.Wire("content-type-artist"))
            .Answer(HttpMethod.Get, "/api/v1/manage/content/artist", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .Answer(HttpMethod.Get, "/api/v1/manage/search/entries", status, answer)
            .Install(this, "en");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/manager/content/artist?q=nouf");

        var page = Render<ContentList>(p => p.Add(x => x.TypeName, "artist"));

        page.WaitForAssertion(() => Assert.Contains(_api.Requests, r => r.PathAndQuery.StartsWith("/api/v1/manage/content/artist?", StringComparison.Ordinal)
            && r.PathAndQuery.Contains("q=nouf", StringComparison.Ordinal)));
        Assert.Empty(page.FindAll("[data-panel=search-matches]"));
    }
}
