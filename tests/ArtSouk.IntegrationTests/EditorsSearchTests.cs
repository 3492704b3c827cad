using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// The editors' search (<c>GET /api/v1/manage/search/entries</c>): drafts found with our analysis, within the caller's
/// rights, while the public search never shows them.
/// </summary>
public abstract class EditorsSearchTests(HostFixture fixture)
{
    /// <summary>How soon is a benchmark's business; here only that each change arrives, bounded so a lost event fails.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private HttpClient Admin => fixture.Admin;

    private static string Q(string text) => Uri.EscapeDataString(text);

    private async Task ReadyAsync()
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
        await fixture.SearchSettledAsync();
    }

    private static async Task<JsonObject> UntilAsync(HttpClient client, string url, Func<JsonObject, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if (done(body) || watch.Elapsed > Bound)
            {
                return body;
            }
            await Task.Delay(100);
        }
    }

    private static Task<JsonObject> EditorsAsync(HttpClient client, string query, Func<JsonObject, bool> done) =>
        UntilAsync(client, "/api/v1/manage/search/entries?" + query, done);

    private Task<JsonObject> PublicAsync(string query, Func<JsonObject, bool> done) => UntilAsync(fixture.Anonymous, "/api/v1/search?" + query, done);

    private static JsonNode? Item(JsonObject body, Guid id) => body["items"]!.AsArray().FirstOrDefault(i => i!["id"]!.GetValue<Guid>() == id);

    private static Func<JsonObject, bool> Has(Guid id) => body => Item(body, id) is not null;

    private static Func<JsonObject, bool> Lacks(Guid id) => body => Item(body, id) is null;

    [Fact]
    public async Task A_draft_is_found_by_editors_in_the_other_script_and_with_a_typo_but_never_by_the_public_search()
    {
        await ReadyAsync();
        var id = await Admin.CreateEntryAsync("artist", new { name = new { ar = "لجين العتيبي" } }, publish: false);

        var latin = await EditorsAsync(Admin, $"q={Q("Lujain Alotaibi")}&locale=en", Has(id));
        var typo = await EditorsAsync(Admin, $"q={Q("لجين العتيببي")}", Has(id));

        var item = Item(latin, id)!;
        Assert.Equal("لجين العتيبي", item["title"]!.GetValue<string>());
        Assert.Equal("draft", item["state"]!.GetValue<string>());
        Assert.Equal($"/manager/content/artist/{id}", item["editUrl"]!.GetValue<string>());
        Assert.Null(item["alternate"]);
        Assert.NotNull(Item(typo, id));
        // Asked once the editors' index has it: the same commit's events have been handled by then.
        var published = await PublicAsync($"q={Q("لجين العتيبي")}", _ => true);
        Assert.Null(Item(published, id));
    }

    [Fact]
    public async Task An_unpublished_new_version_is_found_by_editors_under_its_new_name_and_by_the_public_only_under_the_published_one()
    {
        await ReadyAsync();
        var id = await Admin.CreateEntryAsync("artist", new { name = new { ar = "ريما الدوسري", en = "Reema Al-Dosari" } });
        Assert.NotNull(Item(await PublicAsync($"q={Q("Reema Aldosari")}", Has(id)), id));

        (await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}",
            new { fields = new { name = new { ar = "ريم الدوسري", en = "Reem Al-Dossary" } } })).EnsureSuccessStatusCode();

        var editors = await EditorsAsync(Admin, $"q={Q("Reem Al-Dossary")}&locale=en", body => Item(body, id)?["title"]?.GetValue<string>() == "Reem Al-Dossary");
        Assert.Equal("Reem Al-Dossary", Item(editors, id)?["title"]?.GetValue<string>());
        Assert.Equal("published", Item(editors, id)!["state"]!.GetValue<string>());
        Assert.Equal("ريم الدوسري", Item(editors, id)!["alternate"]!.GetValue<string>());
        var publicHit = Item(await PublicAsync($"q={Q("Reema Aldosari")}&locale=en", Has(id)), id);
        Assert.Equal("Reema Al-Dosari", publicHit?["title"]?.GetValue<string>());
    }

    [Fact]
    public async Task Unpublishing_leaves_the_public_index_but_not_the_editors_and_deleting_leaves_both()
    {
        await ReadyAsync();
        var id = await Admin.CreateEntryAsync("artist", new { name = new { ar = "وعد القرني", en = "Waad Al-Qarni" } });
        Assert.NotNull(Item(await PublicAsync($"q={Q("Waad Alqarni")}", Has(id)), id));
        Assert.NotNull(Item(await EditorsAsync(Admin, $"q={Q("Waad Alqarni")}", Has(id)), id));

        (await Admin.PostAsJsonAsync($"/api/v1/manage/content/artist/{id}/unpublish", new { })).EnsureSuccessStatusCode();

        Assert.Null(Item(await PublicAsync($"q={Q("وعد القرني")}", Lacks(id)), id));
        var editors = await EditorsAsync(Admin, $"q={Q("وعد القرني")}", body => Item(body, id)?["state"]?.GetValue<string>() == "draft");
        Assert.Equal("draft", Item(editors, id)?["state"]?.GetValue<string>());

        (await Admin.DeleteAsync($"/api/v1/manage/content/artist/{id}")).EnsureSuccessStatusCode();

        Assert.Null(Item(await EditorsAsync(Admin, $"q={Q("وعد القرني")}", Lacks(id)), id));
        Assert.Null(Item(await PublicAsync($"q={Q("وعد القرني")}", Lacks(id)), id));
    }

    [Fact]
    public async Task A_state_filter_keeps_only_entries_in_that_state()
    {
        await ReadyAsync();
        var artist = await Admin.CreateEntryAsync("artist", new { name = new { ar = "هيا الجهني", en = "Haya Al-Juhani" } });
        var draft = await Admin.CreateEntryAsync("artwork", new { title = new { ar = "موج الشعيبة", en = "Shuaiba Waves" }, artist }, publish: false);
        var live = await Admin.CreateEntryAsync("artwork", new { title = new { ar = "موج الشعيبة الأزرق", en = "Blue Shuaiba Waves" }, artist });
        await EditorsAsync(Admin, $"q={Q("Shuaiba Waves")}", body => Item(body, draft) is not null && Item(body, live) is not null);

        var drafts = await EditorsAsync(Admin, $"q={Q("Shuaiba Waves")}&state=draft&type=artwork", Has(draft));
        var published = await EditorsAsync(Admin, $"q={Q("Shuaiba Waves")}&state=published&type=artwork", Has(live));

        Assert.NotNull(Item(drafts, draft));
        Assert.Null(Item(drafts, live));
        Assert.NotNull(Item(published, live));
        Assert.Null(Item(published, draft));
    }

    [Fact]
    public async Task An_artist_account_finds_its_own_drafts_and_never_another_artists()
    {
        await ReadyAsync();
        var own = await Admin.CreateEntryAsync("artist", new { name = new { ar = "شهد الحازمي", en = "Shahad Al-Hazmi" } });
        var other = await Admin.CreateEntryAsync("artist", new { name = new { ar = "أروى الحازمي", en = "Arwa Al-Hazmi" } });
        var (artist, _) = await fixture.App.AccountAsync(Admin, "artist", own);
        var mine = await artist.CreateEntryAsync("artwork", new { title = new { ar = "نخلة الحازمي", en = "Hazmi Palm" }, artist = own }, publish: false);
        var theirs = await Admin.CreateEntryAsync("artwork", new { title = new { ar = "نخلة الحازمي الثانية", en = "Hazmi Palm Two" }, artist = other }, publish: false);
        await EditorsAsync(Admin, $"q={Q("Hazmi Palm")}", body => Item(body, mine) is not null && Item(body, theirs) is not null);

        var found = await EditorsAsync(artist, $"q={Q("Hazmi")}", body => Item(body, mine) is not null && Item(body, own) is not null);

        Assert.NotNull(Item(found, mine));
        Assert.Equal("in_review", Item(found, mine)!["state"]!.GetValue<string>());
        Assert.NotNull(Item(found, own));
        Assert.Null(Item(found, theirs));
        Assert.Null(Item(found, other));
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.GetAsync($"/api/v1/manage/search/entries?q={Q("Hazmi")}&type=event")).StatusCode);
    }

    [Fact]
    public async Task Marketing_finds_only_the_types_it_manages_and_a_collector_is_refused()
    {
        await ReadyAsync();
        var (marketing, _) = await fixture.App.AccountAsync(Admin, "marketing");
        var (collector, _) = await fixture.App.AccountAsync(Admin, "collector");
        var artist = await Admin.CreateEntryAsync("artist", new { name = new { ar = "جود الرشيدي", en = "Joud Al-Rashidi" } }, publish: false);
        await EditorsAsync(Admin, $"q={Q("Joud Alrashidi")}", Has(artist));

        var found = await EditorsAsync(marketing, $"q={Q("Joud Alrashidi")}", _ => true);

        Assert.Null(Item(found, artist));
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.GetAsync($"/api/v1/manage/search/entries?q=Joud&type=artist")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await collector.GetAsync("/api/v1/manage/search/entries?q=Joud")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/v1/manage/search/entries?q=Joud")).StatusCode);
    }

    [Theory]
    [InlineData("q=", "q", "اكتب")]
    [InlineData("q=art&state=lost", "state", "الحالة")]
    [InlineData("q=art&type=page", "type", "النوع")]
    [InlineData("q=art&limit=0", "limit", "limit")]
    [InlineData("q=art&cursor=not-a-cursor", "cursor", "المؤشر")]
    [InlineData("q=art&locale=fr", "locale", "اللغة")]
    public async Task Bad_input_is_a_400_problem_naming_the_parameter_in_arabic_and_english(string query, string parameter, string arabicWord)
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
        var arabic = await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/manage/search/entries?" + query) { Headers = { { "Accept-Language", "ar" } } });
        var english = await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/manage/search/entries?" + query) { Headers = { { "Accept-Language", "en" } } });

        Assert.Equal(HttpStatusCode.BadRequest, arabic.StatusCode);
        Assert.Equal("application/problem+json", arabic.Content.Headers.ContentType?.MediaType);
        var arabicProblem = (await arabic.Content.ReadFromJsonAsync<JsonObject>())!;
        var englishProblem = (await english.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("bad-query", arabicProblem["code"]!.GetValue<string>());
        Assert.Contains(arabicWord, arabicProblem["errors"]![parameter]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(parameter, englishProblem["errors"]![parameter]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

[Collection("sqlite")]
public sealed class SqliteEditorsSearchTests(SqliteHost host) : EditorsSearchTests(host);

[Collection("postgres")]
public sealed class PostgresEditorsSearchTests(PostgresHost host) : EditorsSearchTests(host);
