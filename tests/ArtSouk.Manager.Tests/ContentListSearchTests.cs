using System.Net;
using ArtSouk.Manager.Content;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Manager.Tests;

/// <summary>The list's search also asks the site's search (<c>GET /api/v1/search</c>) and links the published matches to their editor.</summary>
public sealed class ContentListSearchTests : BunitContext
{
    private const string MatchId = "3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private const string Matches = $$"""
        {"items":[{"id":"{{MatchId}}","type":"artist","slug":"nouf-al-harbi","title":"نوف الحربي","snippet":"<mark>نوف</mark>","score":12.5,"url":"/ar/artists/nouf"}],"total":1,"facets":{},"next":null}
        """;

    private readonly FakeApi _api = new();

    [Fact]
    public void A_search_in_another_spelling_lists_the_published_match_linked_to_its_editor()
    {
        _api.Answer(HttpMethod.Get, "/api/v1/content-types/artist", HttpStatusCode.OK, FakeApi.Wire("content-type-artist"))
            .Answer(HttpMethod.Get, "/api/v1/manage/content/artist", HttpStatusCode.OK, """{"items":[],"next":null}""")
            .Answer(HttpMethod.Get, "/api/v1/search", HttpStatusCode.OK, Matches)
            .Install(this, "ar");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/manager/content/artist?q=Nuf%20Alharbi");

        var page = Render<ContentList>(p => p.Add(x => x.TypeName, "artist"));

        var match = page.WaitForElement($"[data-match='{MatchId}']");
        Assert.Equal("نوف الحربي", match.TextContent);
        Assert.Equal($"/manager/content/artist/{MatchId}", match.GetAttribute("href"));
        Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v1/search?q=Nuf%20Alharbi&type=artist&locale=ar&limit=10");
    }
}
