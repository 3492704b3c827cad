using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Manager.Api;
using ArtSouk.Manager.Editing;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The editor's components against the API's real JSON: columns, translation states, blocks, problems.</summary>
public sealed class EditorComponentTests : BunitContext
{
    private readonly FakeApi _api = new();

    private static ContentTypeModel Artist => JsonSerializer.Deserialize<ContentTypeModel>(FakeApi.Wire("content-type-artist"), ManagerApi.Json)!;

    private static EntryModel SavedArtist => JsonSerializer.Deserialize<EntryModel>(FakeApi.Wire("entry-artist"), ManagerApi.Json)!;

    private IRenderedComponent<LocalizedField> Field(string name, EntryDraft draft, EntryModel? saved = null, string locale = "en")
    {
        _api.Install(this, locale);
        return Render<LocalizedField>(p => p
            .Add(c => c.Field, Artist.Field(name)!)
            .Add(c => c.Draft, draft)
            .Add(c => c.Saved, saved));
    }

    private static EntryDraft Draft(string json) => new(JsonNode.Parse(json)!.AsObject(), []);

    [Fact]
    public void A_localized_field_shows_arabic_then_english_each_column_in_its_own_direction()
    {
        var field = Field("name", Draft("""{"name":{"ar":"ريم العتيبي","en":"Reem Al-Otaibi"}}"""));

        var columns = field.FindAll(".locale-column");
        Assert.Equal(["ar", "en"], columns.Select(c => c.GetAttribute("data-locale")));
        Assert.Equal(["rtl", "ltr"], columns.Select(c => c.GetAttribute("dir")));
        Assert.Equal("ريم العتيبي", field.Find("#name-ar").GetAttribute("value"));
        Assert.Equal("Reem Al-Otaibi", field.Find("#name-en").GetAttribute("value"));
    }

    [Fact]
    public void A_required_translation_left_empty_is_marked_missing()
    {
        var field = Field("name", Draft("""{"name":{"ar":"ريم العتيبي"}}"""));

        Assert.Equal("complete", field.Find("[data-locale=ar] [data-state]").GetAttribute("data-state"));
        Assert.Equal("missing", field.Find("[data-locale=en] [data-state]").GetAttribute("data-state"));
    }

    [Fact]
    public void An_optional_translation_left_empty_says_it_falls_back_and_shows_to_what()
    {
        var field = Field("city", Draft("""{"city":{"ar":"الرياض"}}"""));

        Assert.Equal("falls-back", field.Find("[data-locale=en] [data-state]").GetAttribute("data-state"));
        Assert.Contains("الرياض", field.Find("[data-locale=en] .fallback-preview").TextContent);
    }

    [Fact]
    public void A_translation_the_api_reports_outdated_stays_outdated_until_it_is_edited()
    {
        var saved = SavedArtist with
        {
            Status = new Dictionary<string, LocaleStatusModel>
            {
                ["ar"] = new(true, 1, null, [], []),
                ["en"] = new(true, 1, null, [], ["city"]),
            },
        };
        var draft = EntryDraft.Of(saved);
        var field = Field("city", draft, saved);
        Assert.Equal("outdated", field.Find("[data-locale=en] [data-state]").GetAttribute("data-state"));

        field.Find("#city-en").Change("Doha City");

        Assert.Equal("complete", field.Find("[data-locale=en] [data-state]").GetAttribute("data-state"));
        Assert.True(draft.Dirty);
    }

    [Fact]
    public void Blocks_are_added_reordered_and_removed()
    {
        _api.Install(this, "en");
        JsonArray? value = null;
        var blocks = Render<BlocksEditor>(p => p
            .Add(c => c.Allowed, ["heading", "paragraph", "quote"])
            .Add(c => c.FieldName, "body")
            .Add(c => c.ValueChanged, v => value = v));
        string[] Kinds() => blocks.FindAll("[data-block-kind]").Select(b => b.GetAttribute("data-block-kind")!).ToArray();

        blocks.Find("[data-add-block=heading]").Click();
        blocks.Find("[data-add-block=quote]").Click();
        blocks.Find("[data-add-block=paragraph]").Click();
        Assert.Equal(["heading", "quote", "paragraph"], Kinds());

        blocks.FindAll("[data-block-kind=paragraph] button[aria-label^='Move up']")[0].Click();
        Assert.Equal(["heading", "paragraph", "quote"], Kinds());

        blocks.FindAll("[data-block-kind=heading] button[aria-label^='Remove']")[0].Click();
        Assert.Equal(["paragraph", "quote"], Kinds());
        Assert.Equal(["paragraph", "quote"], value!.Select(b => b!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Validation_problems_from_the_api_appear_at_their_field_and_locale()
    {
        _api.Answer(HttpMethod.Get, "/api/v1/content-types/artist", HttpStatusCode.OK, FakeApi.Wire("content-type-artist"))
            .Answer(HttpMethod.Post, "/api/v1/manage/content/artist", HttpStatusCode.BadRequest, FakeApi.Wire("problem-validation-en"));
        _api.Install(this, "en");
        var editor = Render<EntryEditor>(p => p.Add(c => c.TypeName, "artist"));
        editor.WaitForElement("#name-en").Change("x");

        editor.Find("[data-action=save]").Click();

        editor.WaitForElement("[data-field=name] [data-locale=en] .field-error");
        Assert.Equal("must be at least 2 characters", editor.Find("[data-field=name] [data-locale=en] .field-error").TextContent.Trim());
        Assert.Equal("must be at least 2 characters", editor.Find("[data-field=name] [data-locale=ar] .field-error").TextContent.Trim());
        Assert.Equal("must be at least 1850", editor.Find("[data-field=birthYear] .field-error").TextContent.Trim());
        Assert.Equal("The submitted data is not valid", editor.Find("[data-problem=validation-failed] p").TextContent.Trim());
        Assert.Equal("en", _api.Requests.Last().Language);
    }

    [Fact]
    public void A_save_over_someone_elses_newer_version_is_shown_as_a_conflict_with_a_reload()
    {
        var saved = SavedArtist;
        _api.Answer(HttpMethod.Get, "/api/v1/content-types/artist", HttpStatusCode.OK, FakeApi.Wire("content-type-artist"))
            .Answer(HttpMethod.Get, $"/api/v1/manage/content/artist/{saved.Id}", HttpStatusCode.OK, FakeApi.Wire("entry-artist"))
            .Answer(HttpMethod.Get, "/api/v1/manage/media", HttpStatusCode.OK, "[]")
            .Answer(HttpMethod.Get, $"/api/v1/manage/content/artist/{saved.Id}/versions", HttpStatusCode.OK,
                """[{"number":1,"createdAt":"2026-12-01T17:52:46.4409+00:00","author":null,"note":null}]""")
            .Answer(HttpMethod.Get, "/api/v1/manage/content/gallery/", HttpStatusCode.OK, FakeApi.Wire("entry-artist"))
            .Answer(HttpMethod.Put, $"/api/v1/manage/content/artist/{saved.Id}", HttpStatusCode.Conflict, FakeApi.Wire("problem-conflict-en"));
        _api.Install(this, "ar");
        var editor = Render<EntryEditor>(p => p.Add(c => c.TypeName, "artist").Add(c => c.Id, saved.Id));
        editor.WaitForElement("#city-en").Change("Doha City");

        editor.Find("[data-action=save]").Click();

        editor.WaitForElement(".alert.warning");
        Assert.Contains("عدّل شخص آخر", editor.Find(".alert.warning").TextContent);
        var put = _api.Requests.Single(r => r.Method == HttpMethod.Put);
        Assert.Equal(saved.Version, JsonNode.Parse(put.Body!)!["version"]!.GetValue<int>());
    }
}
