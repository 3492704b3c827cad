using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Ownership and review: artists and galleries edit their own, curators decide; on SQLite and PostgreSQL.</summary>
public abstract class ReviewTests(HostFixture fixture)
{
    private HostFixture Host
    {
        get
        {
            if (fixture.SkipReason is { } reason)
            {
                Assert.Skip(reason);
            }
            return fixture;
        }
    }

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<(Guid Own, Guid Other, HttpClient Artist, HttpClient Curator)> ArtistsAsync()
    {
        var own = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") }, city = new { ar = "الرياض", en = "Riyadh" } });
        var other = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنان آخر"), en = Unique("Other") } });
        var (artist, _) = await Host.App.AccountAsync(Host.Admin, "artist", own);
        var (curator, _) = await Host.App.AccountAsync(Host.Admin, "curator");
        return (own, other, artist, curator);
    }

    private async Task<string?> LiveCityAsync(Guid id) =>
        (await Host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en"))!["fields"]!["city"]?.GetValue<string>();

    [Fact]
    public async Task An_artists_change_to_its_own_profile_waits_for_review_until_a_curator_approves_it()
    {
        var (own, _, artist, curator) = await ArtistsAsync();
        var saved = await artist.PutAsJsonAsync($"/api/v1/manage/content/artist/{own}", new { fields = new { city = new { ar = "أبها", en = "Abha" } }, publish = true });
        // Accepted, not done: the change is kept for a curator.
        Assert.Equal(HttpStatusCode.Accepted, saved.StatusCode);
        Assert.EndsWith($"/api/v1/manage/content/artist/{own}", saved.Headers.Location!.ToString(), StringComparison.Ordinal);
        var view = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("in_review", view["review"]!["state"]!.GetValue<string>());
        Assert.Equal(view["version"]!.GetValue<int>(), view["review"]!["version"]!.GetValue<int>());
        Assert.Equal("Riyadh", await LiveCityAsync(own));

        var waiting = (await curator.GetFromJsonAsync<JsonObject>("/api/v1/manage/content/artist?status=in_review&limit=100"))!;
        Assert.Contains(waiting["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == own.ToString());

        var approved = await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("approved", (await approved.Content.ReadFromJsonAsync<JsonObject>())!["review"]!["state"]!.GetValue<string>());
        Assert.Equal("Abha", await LiveCityAsync(own));
    }

    [Fact]
    public async Task An_artist_may_not_touch_another_artist()
    {
        var (_, other, artist, _) = await ArtistsAsync();
        var put = await artist.PutAsJsonAsync($"/api/v1/manage/content/artist/{other}?locale=en", new { fields = new { city = new { en = "Abha" } } });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal("forbidden", (await put.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.GetAsync($"/api/v1/manage/content/artist/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.GetAsync($"/api/v1/manage/content/artist/{other}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.GetAsync($"/api/v1/manage/content/artist/{other}/diff?from=1&to=1")).StatusCode);
    }

    [Fact]
    public async Task A_rejection_needs_a_comment_which_the_author_then_reads()
    {
        var (own, _, artist, curator) = await ArtistsAsync();
        await artist.PutAsJsonAsync($"/api/v1/manage/content/artist/{own}", new { fields = new { city = new { ar = "تبوك", en = "Tabuk" } } });
        var noComment = await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review?locale=ar", new { decision = "reject" });
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("الرفض", (await noComment.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review", new { decision = "maybe" })).StatusCode);

        var rejected = await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review", new { decision = "reject", comment = "Tabuk is where you were born, not where you live." });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var seen = (await artist.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/artist/{own}"))!["review"]!;
        Assert.Equal("rejected", seen["state"]!.GetValue<string>());
        Assert.Equal("Tabuk is where you were born, not where you live.", seen["comment"]!.GetValue<string>());
        Assert.Equal("Riyadh", await LiveCityAsync(own));
        var again = await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("nothing-to-review", (await again.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Review_decisions_raise_outbox_events()
    {
        var (own, _, artist, curator) = await ArtistsAsync();
        await artist.PutAsJsonAsync($"/api/v1/manage/content/artist/{own}", new { fields = new { city = new { ar = "جدة", en = "Jeddah" } } });
        await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review", new { decision = "reject", comment = "Please add the Arabic spelling you prefer." });
        await artist.PutAsJsonAsync($"/api/v1/manage/content/artist/{own}", new { fields = new { city = new { ar = "جدّة", en = "Jeddah" } } });
        await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review", new { decision = "approve" });
        await using var scope = Host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var kinds = await db.Outbox.Where(m => m.Key == own.ToString()).OrderBy(m => m.Sequence).Select(m => m.Type).ToListAsync();
        Assert.Equal(2, kinds.Count(k => k == ContentEvents.ReviewRequested));
        Assert.Single(kinds, ContentEvents.ReviewRejected);
        Assert.Single(kinds, ContentEvents.ReviewApproved);
    }

    [Fact]
    public async Task Artists_create_and_edit_only_artworks_that_reference_them()
    {
        var (own, other, artist, _) = await ArtistsAsync();
        var created = await artist.PostAsJsonAsync("/api/v1/manage/content/artwork", new { fields = new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist = own }, publish = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var work = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("in_review", work["review"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Anonymous.GetAsync($"/api/v1/content/artwork/{work["id"]}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await artist.PostAsJsonAsync("/api/v1/manage/content/artwork", new { fields = new { title = new { ar = "ليس لي" }, artist = other } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.PutAsJsonAsync($"/api/v1/manage/content/artwork/{work["id"]}", new { fields = new { artist = other } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.PostAsJsonAsync("/api/v1/manage/content/event", new { fields = new { title = new { ar = "معرض" } } })).StatusCode);

        var theirs = await Host.Admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل آخر") }, artist = other });
        var list = (await artist.GetFromJsonAsync<JsonObject>("/api/v1/manage/content/artwork?limit=100"))!["items"]!.AsArray();
        Assert.Contains(list, i => i!["id"]!.GetValue<string>() == work["id"]!.GetValue<string>());
        Assert.DoesNotContain(list, i => i!["id"]!.GetValue<string>() == theirs.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.DeleteAsync($"/api/v1/manage/content/artwork/{work["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.PostAsync($"/api/v1/manage/content/artwork/{work["id"]}/publish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.PostAsync($"/api/v1/manage/content/artwork/{work["id"]}/unpublish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.PostAsync($"/api/v1/manage/content/artwork/{work["id"]}/versions/1/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await artist.PostAsJsonAsync($"/api/v1/manage/content/artwork/{work["id"]}/review", new { decision = "approve" })).StatusCode);
    }

    [Fact]
    public async Task Approving_a_save_that_cannot_be_published_is_a_422_and_it_stays_in_review()
    {
        var (own, _, artist, curator) = await ArtistsAsync();
        var created = await artist.PostAsJsonAsync("/api/v1/manage/content/artwork", new { fields = new { artist = own, year = 2020 } });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var approve = await curator.PostAsJsonAsync($"/api/v1/manage/content/artwork/{id}/review", new { decision = "approve" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, approve.StatusCode);
        Assert.Equal("in_review", (await curator.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/artwork/{id}"))!["review"]!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Curators_approving_one_review_at_once_publish_it_once()
    {
        var (own, _, artist, curator) = await ArtistsAsync();
        var (second, _) = await Host.App.AccountAsync(Host.Admin, "curator");
        await artist.PutAsJsonAsync($"/api/v1/manage/content/artist/{own}", new { fields = new { city = new { ar = "الخبر", en = "Khobar" } } });
        var curators = new[] { curator, second, curator, second };
        var answers = await Race.AllAsync(4, async i =>
            (int)(await curators[i].PostAsJsonAsync($"/api/v1/manage/content/artist/{own}/review", new { decision = "approve" })).StatusCode);
        Assert.Equal([200, 409, 409, 409], answers.Order());
        await using var scope = Host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Key == own.ToString() && m.Type == ContentEvents.ReviewApproved));
    }

    [Fact]
    public async Task Reviewing_an_unknown_entry_or_type_is_a_404()
    {
        var (_, _, _, curator) = await ArtistsAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await curator.PostAsJsonAsync($"/api/v1/manage/content/artist/{Guid.NewGuid()}/review", new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.PostAsJsonAsync($"/api/v1/manage/content/nope/{Guid.NewGuid()}/review", new { decision = "approve" })).StatusCode);
    }

    [Fact]
    public async Task Marketing_writes_events_but_not_artworks_and_is_told_why_in_its_language()
    {
        var (marketing, _) = await Host.App.AccountAsync(Host.Admin, "marketing");
        Assert.Equal(HttpStatusCode.Created, (await marketing.PostAsJsonAsync("/api/v1/manage/content/event",
            new { fields = new { title = new { ar = Unique("أمسية"), en = Unique("Evening") }, kind = "talk", startsAt = "2027-03-01T18:00:00Z" }, publish = true })).StatusCode);
        var english = await marketing.PostAsJsonAsync("/api/v1/manage/content/artwork?locale=en", new { fields = new { title = new { ar = "عمل" } } });
        var arabic = await marketing.PostAsJsonAsync("/api/v1/manage/content/artwork?locale=ar", new { fields = new { title = new { ar = "عمل" } } });
        Assert.Equal(HttpStatusCode.Forbidden, english.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, arabic.StatusCode);
        Assert.Contains("artwork", (await english.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Contains("صلاحية", (await arabic.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await marketing.GetAsync("/api/v1/manage/content/artist")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteReviewTests(SqliteHost host) : ReviewTests(host);

[Collection("postgres")]
public sealed class PostgresReviewTests(PostgresHost host) : ReviewTests(host);
