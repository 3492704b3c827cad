using System.Net;
using System.Text.Json.Nodes;
using ArtSouk.Manager.Content;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The dashboard as <c>GET /api/v1/manage/dashboard</c> feeds it (<c>Wire/dashboard-en.json</c>, shaped like the endpoint's answer).</summary>
public sealed class DashboardTests : BunitContext
{
    private readonly FakeApi _api = new();

    private IRenderedComponent<Dashboard> Board(string locale, string? json = null)
    {
        var artist = JsonNode.Parse(FakeApi.Wire("content-type-artist"))!;
        _api.Answer(HttpMethod.Get, "/api/v1/content-types", HttpStatusCode.OK, new JsonObject { ["items"] = new JsonArray(artist), ["next"] = null }.ToJsonString())
            .Answer(HttpMethod.Get, "/api/v1/manage/dashboard", HttpStatusCode.OK, json ?? FakeApi.Wire("dashboard-en"));
        _api.Install(this, locale);
        var board = Render<Dashboard>();
        board.WaitForElement("[data-section=recent-activity]");
        return board;
    }

    [Fact]
    public void One_call_to_the_dashboard_endpoint_feeds_the_board()
    {
        Board("en");

        Assert.Contains(_api.Requests, r => r.PathAndQuery.StartsWith("/api/v1/manage/dashboard?limit=", StringComparison.Ordinal));
        Assert.DoesNotContain(_api.Requests, r => r.PathAndQuery.StartsWith("/api/v1/manage/content/", StringComparison.Ordinal));
    }

    [Fact]
    public void Waiting_for_review_lists_the_entries_in_review_with_their_note()
    {
        var board = Board("en");

        var review = board.Find("[data-section=waiting-for-review]");
        Assert.Equal("1", review.QuerySelector(".count")!.TextContent);
        Assert.Contains("Nasser Al-Harbi", review.TextContent, StringComparison.Ordinal);
        Assert.Contains("New biography for the spring show", review.TextContent, StringComparison.Ordinal);
        Assert.Equal("/manager/content/artist/1d2e3f40-5a6b-4c7d-8e9f-a0b1c2d3e402", review.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void A_failed_schedule_shows_when_in_riyadh_time_and_why()
    {
        var board = Board("en");

        var failures = board.Find("[data-section=schedule-failures]");
        Assert.Contains("Faisal Al-Qahtani", failures.TextContent, StringComparison.Ordinal);
        // 21:00:05 UTC is midnight in Riyadh, the next day.
        Assert.Contains("1 Dec 2026, 00:00", failures.TextContent, StringComparison.Ordinal);
        Assert.Equal("Required field \"name\" is empty in Arabic", failures.QuerySelector("[data-reason-for]")!.TextContent.Trim());
    }

    [Fact]
    public void No_failures_no_failures_panel()
    {
        var json = JsonNode.Parse(FakeApi.Wire("dashboard-en"))!;
        json["scheduleFailures"] = new JsonArray();
        var board = Board("en", json.ToJsonString());

        Assert.Empty(board.FindAll("[data-section=schedule-failures]"));
    }

    [Fact]
    public void Translations_say_per_locale_what_is_missing_or_outdated_with_field_labels()
    {
        var board = Board("ar");

        var gaps = board.Find("[data-section=translations-missing]");
        var en = gaps.QuerySelector("[data-locale=en]")!;
        Assert.Contains("missing", en.ClassName, StringComparison.Ordinal);
        Assert.Contains("الاسم", en.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("المدينة", en.GetAttribute("title"), StringComparison.Ordinal);
        var ar = gaps.QuerySelector("[data-locale=ar]")!;
        Assert.Contains("outdated", ar.ClassName, StringComparison.Ordinal);
        Assert.Contains("السيرة", ar.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Recent_activity_says_who_did_what_and_when_in_riyadh_time()
    {
        var board = Board("en");

        var lines = board.FindAll("[data-section=recent-activity] .entry-lines li");
        Assert.Equal(2, lines.Count);
        Assert.Contains("Layla Curator", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("published an entry", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Reem Al-Otaibi", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 Dec 2026, 11:15", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("System", lines[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("a schedule failed", lines[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_board_is_in_arabic_for_an_arabic_user()
    {
        var board = Board("ar");

        Assert.Contains("بانتظار المراجعة", board.Find("[data-section=waiting-for-review] h2").TextContent, StringComparison.Ordinal);
        Assert.Contains("نشر مُدخلًا", board.Find("[data-section=recent-activity]").TextContent, StringComparison.Ordinal);
    }
}
