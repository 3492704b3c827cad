using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>The manager's dashboard: each list holds what the caller acts on, and only what it may touch.</summary>
public sealed class DashboardTests
{
    private static bool Lists(JsonObject dashboard, string list, Guid id) =>
        dashboard[list]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == id.ToString());

    [Fact]
    public async Task The_dashboard_shows_drafts_reviews_schedules_translation_gaps_and_activity_to_those_who_may_see_them()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var (curator, curatorId) = await app.AccountAsync(admin, "curator");
        var draft = await curator.CreateEntryAsync("artist", new { name = new { ar = "مسودة القيّم" } }, publish: false);
        var scheduled = await curator.PostAsJsonAsync("/api/v1/manage/content/event", new
        {
            fields = new { title = new { ar = "لاحقًا", en = "Later" }, kind = "talk", startsAt = "2027-01-10T17:00:00Z" },
            publishAt = DateTimeOffset.UtcNow.AddDays(3),
        });
        var eventId = Guid.Parse((await scheduled.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        var own = await admin.CreateEntryAsync("artist", new { name = new { ar = "صاحبة الملف", en = "Profile owner" } });
        var (artist, _) = await app.AccountAsync(admin, "artist", own);
        await artist.PutAsJsonAsync($"/api/v1/manage/content/artist/{own}", new { fields = new { city = new { ar = "الطائف", en = "Taif" } } });

        var mine = (await curator.GetFromJsonAsync<JsonObject>("/api/v1/manage/dashboard?locale=en"))!;
        Assert.True(Lists(mine, "myDrafts", draft));
        Assert.True(Lists(mine, "inReview", own));
        Assert.True(Lists(mine, "scheduled", eventId));
        var gap = mine["translations"]!.AsArray().Single(i => i!["id"]!.GetValue<string>() == draft.ToString())!;
        Assert.Equal(["name"], gap["locales"]!["en"]!["missing"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains(mine["recentActivity"]!.AsArray(), a => a!["userId"]!.GetValue<string>() == curatorId.ToString());

        var theirs = (await artist.GetFromJsonAsync<JsonObject>("/api/v1/manage/dashboard"))!;
        Assert.True(Lists(theirs, "inReview", own));
        Assert.False(Lists(theirs, "scheduled", eventId));
        Assert.Empty(theirs["myDrafts"]!.AsArray());
        Assert.All(theirs["recentActivity"]!.AsArray(), a => Assert.Equal(own.ToString(), a!["entityId"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.BadRequest, (await curator.GetAsync("/api/v1/manage/dashboard?limit=0")).StatusCode);
    }
}
