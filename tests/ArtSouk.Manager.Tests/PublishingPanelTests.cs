using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Manager.Api;
using ArtSouk.Manager.Editing;
using ArtSouk.Manager.Language;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The editor's side panel: schedules in Riyadh time, clearing them, and the redirect a slug change makes.</summary>
public sealed class PublishingPanelTests : BunitContext
{
    private readonly FakeApi _api = new();
    private readonly EntryModel _saved = JsonSerializer.Deserialize<EntryModel>(FakeApi.Wire("entry-artist"), ManagerApi.Json)!;

    private IRenderedComponent<EntryEditor> Editor(string locale, string? entryJson = null)
    {
        _api.Answer(HttpMethod.Get, "/api/v1/content-types/artist", HttpStatusCode.OK, FakeApi.Wire("content-type-artist"))
            .Answer(HttpMethod.Get, $"/api/v1/manage/content/artist/{_saved.Id}", HttpStatusCode.OK, entryJson ?? FakeApi.Wire("entry-artist"))
            .Answer(HttpMethod.Get, "/api/v1/manage/media", HttpStatusCode.OK, "[]")
            .Answer(HttpMethod.Get, $"/api/v1/manage/content/artist/{_saved.Id}/versions", HttpStatusCode.OK, "[]")
            .Answer(HttpMethod.Put, $"/api/v1/manage/content/artist/{_saved.Id}", HttpStatusCode.OK, entryJson ?? FakeApi.Wire("entry-artist"));
        _api.Install(this, locale);
        var editor = Render<EntryEditor>(p => p.Add(c => c.TypeName, "artist").Add(c => c.Id, _saved.Id));
        editor.WaitForElement("#publish-at");
        return editor;
    }

    [Fact]
    public void Preview_on_the_site_asks_for_a_signed_link_in_that_language_and_offers_it()
    {
        _api.Answer(HttpMethod.Post, $"/api/v1/manage/content/artist/{_saved.Id}/preview-link", HttpStatusCode.OK,
            """{"url":"/preview/signed-token","expiresAt":"2027-03-10T08:30:00Z"}""");
        var editor = Editor("en");

        editor.Find("[data-action=site-preview-ar]").Click();

        var post = _api.Requests.Last(r => r.Method == HttpMethod.Post);
        Assert.EndsWith("/preview-link", post.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal("ar", JsonNode.Parse(post.Body!)!["locale"]!.GetValue<string>());
        var link = editor.WaitForElement("[data-role=site-preview-link-ar]");
        Assert.Equal("/preview/signed-token", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Empty(editor.FindAll("[data-role=site-preview-link-en]"));
    }

    [Fact]
    public void A_schedule_typed_in_riyadh_time_is_sent_as_the_utc_instant()
    {
        var editor = Editor("ar");

        editor.Find("#publish-at").Change("2027-03-10T09:30");
        editor.Find("[data-action=schedule]").Click();

        var put = JsonNode.Parse(_api.Requests.Last(r => r.Method == HttpMethod.Put).Body!)!;
        Assert.Equal(new DateTimeOffset(2027, 3, 10, 6, 30, 0, TimeSpan.Zero), DateTimeOffset.Parse(put["publishAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(put.AsObject().ContainsKey("unpublishAt"));
    }

    [Fact]
    public void The_schedule_shows_the_hijri_date_beside_the_gregorian()
    {
        var editor = Editor("ar");

        editor.Find("#publish-at").Change("2027-03-10T09:30");

        var when = editor.Find("#publish-at ~ .when").TextContent;
        Assert.Contains("2027", when);
        Assert.Contains("هـ", when);
        Assert.Contains("1448", when);
    }

    [Fact]
    public void Clearing_a_schedule_sends_null_for_both_dates()
    {
        var scheduled = JsonNode.Parse(FakeApi.Wire("entry-artist"))!;
        scheduled["publishAt"] = "2027-03-10T06:30:00+00:00";
        var editor = Editor("en", scheduled.ToJsonString());

        editor.Find("[data-action=clear-schedule]").Click();

        var put = JsonNode.Parse(_api.Requests.Last(r => r.Method == HttpMethod.Put).Body!)!.AsObject();
        Assert.True(put.ContainsKey("publishAt") && put["publishAt"] is null);
        Assert.True(put.ContainsKey("unpublishAt") && put["unpublishAt"] is null);
    }

    [Fact]
    public void Changing_a_live_slug_shows_the_redirect_it_will_create()
    {
        var editor = Editor("en");

        editor.Find("#slug-en").Change("jawhara-al-mannai");

        Assert.Equal("A permanent redirect will be created from /en/artists/al-jawhara-al-mannai to /en/artists/jawhara-al-mannai",
            editor.Find("[data-redirect=en]").TextContent.Trim());
        Assert.Empty(editor.FindAll("[data-redirect=ar]"));
    }

    [Theory]
    [InlineData("2026-12-01T18:00:00Z", "ar", "21:00")]
    [InlineData("2026-12-01T18:00:00Z", "en", "1 Dec 2026, 21:00")]
    public void Times_are_shown_in_riyadh(string utc, string locale, string expected) =>
        Assert.Contains(expected, RiyadhTime.Moment(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), locale));
}
