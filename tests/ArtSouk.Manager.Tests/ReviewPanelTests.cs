using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Manager.Api;
using ArtSouk.Manager.Editing;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The editor's review panel: a curator approves or rejects an owner's save; the owner reads where it stands.</summary>
public sealed class ReviewPanelTests : BunitContext
{
    private readonly FakeApi _api = new();
    private readonly EntryModel _saved = JsonSerializer.Deserialize<EntryModel>(FakeApi.Wire("entry-artist"), ManagerApi.Json)!;

    private static string WithReview(string state, string? comment = null)
    {
        var entry = JsonNode.Parse(FakeApi.Wire("entry-artist"))!;
        entry["review"] = new JsonObject
        {
            ["state"] = state,
            ["comment"] = comment,
            ["by"] = comment is null ? null : "Curator",
            ["at"] = comment is null ? null : "2026-11-30T09:00:00+00:00",
            ["version"] = 1,
        };
        return entry.ToJsonString();
    }

    private IRenderedComponent<EntryEditor> Editor(string locale, string entryJson, bool mayReview, string types = "[]")
    {
        _api.Answer(HttpMethod.Get, "/api/v1/content-types/artist", HttpStatusCode.OK, FakeApi.Wire("content-type-artist"))
            .Answer(HttpMethod.Get, $"/api/v1/manage/content/artist/{_saved.Id}", HttpStatusCode.OK, entryJson)
            .Answer(HttpMethod.Get, "/api/v1/manage/media", HttpStatusCode.OK, "[]")
            .Answer(HttpMethod.Get, $"/api/v1/manage/content/artist/{_saved.Id}/versions", HttpStatusCode.OK, "[]")
            .Answer(HttpMethod.Get, "/api/v1/manage/rights", HttpStatusCode.OK,
                $$"""{"profile":null,"profileType":null,"review":{{(mayReview ? "true" : "false")}},"trash":false,"emptyTrash":false,"audit":false,"types":{{types}}}""")
            .Answer(HttpMethod.Post, $"/api/v1/manage/content/artist/{_saved.Id}/review", HttpStatusCode.OK, WithReview("approved"));
        _api.Install(this, locale);
        var editor = Render<EntryEditor>(p => p.Add(c => c.TypeName, "artist").Add(c => c.Id, _saved.Id));
        editor.WaitForElement("[data-role=saves-go-to-review], #publish-at");
        return editor;
    }

    [Fact]
    public void A_reviewer_sees_the_panel_and_approving_posts_the_decision_then_reloads()
    {
        var editor = Editor("en", WithReview("in_review"), mayReview: true);

        Assert.Equal("Approve and publish", editor.Find("[data-action=approve]").TextContent.Trim());
        var loads = _api.Requests.Count(r => r.Method == HttpMethod.Get && r.PathAndQuery == $"/api/v1/manage/content/artist/{_saved.Id}");
        editor.Find("[data-action=approve]").Click();

        var post = _api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal($"/api/v1/manage/content/artist/{_saved.Id}/review", post.PathAndQuery);
        var body = JsonNode.Parse(post.Body!)!.AsObject();
        Assert.Equal("approve", body["decision"]!.GetValue<string>());
        Assert.False(body.ContainsKey("comment"));
        editor.WaitForAssertion(() => Assert.Equal(loads + 1,
            _api.Requests.Count(r => r.Method == HttpMethod.Get && r.PathAndQuery == $"/api/v1/manage/content/artist/{_saved.Id}")));
    }

    [Fact]
    public void Reject_is_disabled_until_a_comment_is_written_and_sends_it()
    {
        var editor = Editor("ar", WithReview("in_review"), mayReview: true);

        Assert.True(editor.Find("[data-action=reject]").HasAttribute("disabled"));
        editor.Find("#review-comment").Input("   ");
        Assert.True(editor.Find("[data-action=reject]").HasAttribute("disabled"));

        editor.Find("#review-comment").Input("الصورة الرئيسية بدقة منخفضة");
        Assert.False(editor.Find("[data-action=reject]").HasAttribute("disabled"));
        editor.Find("[data-action=reject]").Click();

        var body = JsonNode.Parse(_api.Requests.Single(r => r.Method == HttpMethod.Post).Body!)!;
        Assert.Equal("reject", body["decision"]!.GetValue<string>());
        Assert.Equal("الصورة الرئيسية بدقة منخفضة", body["comment"]!.GetValue<string>());
    }

    [Fact]
    public void A_review_problem_is_shown_in_the_users_language()
    {
        var editor = Editor("en", WithReview("in_review"), mayReview: true);
        _api.Answer(HttpMethod.Post, $"/api/v1/manage/content/artist/{_saved.Id}/review", HttpStatusCode.Conflict,
            """{"title":"No save of this entry is waiting for review.","status":409,"code":"nothing-to-review"}""");

        editor.Find("[data-action=approve]").Click();

        editor.WaitForAssertion(() => Assert.Equal("No save of this entry is waiting for review.", editor.Find("[data-problem=nothing-to-review]").TextContent.Trim()));
    }

    [Fact]
    public void The_author_sees_waiting_for_review_without_the_decision_buttons()
    {
        var editor = Editor("en", WithReview("in_review"), mayReview: false);

        Assert.Contains("Waiting for review", editor.Find("[data-review=in_review]").TextContent);
        Assert.Empty(editor.FindAll("[data-action=approve]"));
        Assert.Empty(editor.FindAll("[data-action=reject]"));
    }

    [Fact]
    public void The_author_sees_the_curators_rejection_comment()
    {
        var editor = Editor("ar", WithReview("rejected", "يرجى تحديث السيرة بالإنجليزية"), mayReview: false);

        Assert.Contains("يرجى تحديث السيرة بالإنجليزية", editor.Find("[data-review-comment]").TextContent);
        Assert.Contains("ردّ القيّم هذا التعديل", editor.Find("[data-review-comment]").TextContent);
        Assert.Empty(editor.FindAll("[data-action=approve]"));
    }

    [Theory]
    [InlineData("en", "Save and send for review", "A curator reviews your changes")]
    [InlineData("ar", "حفظ وإرسال للمراجعة", "يراجع القيّم تعديلاتك")]
    public void An_author_whose_saves_wait_for_review_gets_no_publish_or_schedule_buttons(string locale, string save, string note)
    {
        var editor = Editor(locale, FakeApi.Wire("entry-artist"), mayReview: false,
            types: """[{"type":"artist","access":true,"create":false,"publish":false,"delete":false,"waitsForReview":true}]""");

        Assert.Contains(note, editor.Find("[data-role=saves-go-to-review]").TextContent);
        Assert.Equal(save, editor.Find("[data-action=save]").TextContent.Trim());
        Assert.Empty(editor.FindAll("[data-action^=publish]"));
        Assert.Empty(editor.FindAll("#publish-at, [data-action=schedule]"));
        Assert.DoesNotContain(editor.FindAll("button"), b => b.TextContent.Contains("Unpublish", StringComparison.Ordinal) || b.TextContent.Contains("إيقاف", StringComparison.Ordinal));
    }

    [Fact]
    public void A_curator_keeps_the_publish_and_schedule_buttons()
    {
        var editor = Editor("en", FakeApi.Wire("entry-artist"), mayReview: true,
            types: """[{"type":"artist","access":true,"create":true,"publish":true,"delete":true,"waitsForReview":false}]""");

        Assert.NotNull(editor.Find("[data-action=publish]"));
        Assert.NotNull(editor.Find("#publish-at"));
        Assert.Empty(editor.FindAll("[data-role=saves-go-to-review]"));
        Assert.Equal("Save", editor.Find("[data-action=save]").TextContent.Trim());
    }
}
