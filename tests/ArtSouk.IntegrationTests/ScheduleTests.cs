using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Schedules editors can trust: cleared by null, kept when absent, pinned to a version, failures reported.</summary>
public sealed class ScheduleTests
{
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddDays(2);

    private static async Task<int> RunSchedulesAsync(ArtSoukApp app, DateTimeOffset now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledPublishing>().RunDueAsync(now, CancellationToken.None);
    }

    private static async Task<JsonObject> ViewAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/artist/{id}"))!;

    private static async Task<string> ScheduledArtistAsync(HttpClient admin, string name)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = name, en = name } }, publishAt = Later });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_pending_publishAt_is_kept_when_absent_and_cleared_by_null(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var admin = await app.AdminClientAsync();
        var id = await ScheduledArtistAsync(admin, "جدولة");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { birthYear = 1980 } })).StatusCode);
        Assert.NotNull((await ViewAsync(admin, id))["publishAt"]);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new JsonObject { ["publishAt"] = null })).StatusCode);
        var view = await ViewAsync(admin, id);
        Assert.Null(view["publishAt"]);
        Assert.Null(view["scheduledVersion"]);
        Assert.Equal(0, await RunSchedulesAsync(app, Later.AddHours(1)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/content/artist/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_unpublishAt_is_cleared_by_null()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "مؤقت" } }, publish = true, unpublishAt = Later });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new JsonObject { ["unpublishAt"] = null });
        Assert.Null((await ViewAsync(admin, id))["unpublishAt"]);
        Assert.Equal(0, await RunSchedulesAsync(app, Later.AddHours(1)));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/v1/content/artist/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_scheduled_publish_puts_live_the_version_that_was_current_when_it_was_scheduled()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var id = await ScheduledArtistAsync(admin, "نسخة مجدولة");
        await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { city = new { ar = "مسودة لاحقة", en = "Later draft" } } });
        var view = await ViewAsync(admin, id);
        Assert.Equal(1, view["scheduledVersion"]!.GetValue<int>());
        Assert.Equal(2, view["version"]!.GetValue<int>());

        Assert.Equal(1, await RunSchedulesAsync(app, Later.AddHours(1)));
        var live = (await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en"))!;
        Assert.Null(live["fields"]!["city"]);
        Assert.Equal(1, (await ViewAsync(admin, id))["status"]!["ar"]!["publishedVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Publishing_now_cancels_a_pending_publishAt_that_would_put_an_older_version_back()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var id = await ScheduledArtistAsync(admin, "نشر فوري");
        await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { city = new { ar = "الدمام", en = "Dammam" } }, publish = true });
        Assert.Null((await ViewAsync(admin, id))["publishAt"]);
        Assert.Equal(0, await RunSchedulesAsync(app, Later.AddHours(1)));
        Assert.Equal("Dammam", (await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en"))!["fields"]!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unpublishing_cancels_a_pending_publishAt_that_would_put_it_back_online()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "إيقاف" } }, publish = true });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { birthYear = 1975 }, publishAt = Later });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/manage/content/artist/{id}/unpublish", null)).StatusCode);
        Assert.Null((await ViewAsync(admin, id))["publishAt"]);
        Assert.Equal(0, await RunSchedulesAsync(app, Later.AddHours(1)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/content/artist/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_schedule_that_cannot_run_is_recorded_announced_and_listed(string provider)
    {
        var clock = new ManualClock();
        await using var app = await ArtSoukApp.OnAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock));
        // The test runs the schedules itself: the host's minutely job must not take the due entry first.
        app.Services.GetService<IRecurringJobManager>()?.RemoveIfExists(ScheduledPublishing.JobId);
        var admin = await app.AdminClientAsync();
        // A draft without its required name; the schedule is set behind the API's back, as a type file gaining a required field would.
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { birthYear = 1990 } });
        var id = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        var due = clock.GetUtcNow();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            await db.Entries.Where(e => e.Id == id).ExecuteUpdateAsync(u => u.SetProperty(e => e.PublishAt, due).SetProperty(e => e.ScheduledVersion, 1));
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RunSchedulesAsync(app, clock.GetUtcNow()));

        var view = await ViewAsync(admin, id.ToString());
        Assert.Null(view["publishAt"]);
        // The stores keep microseconds (PostgreSQL) or a tenth of a millisecond (SQLite ticks as stored), not every tick.
        Assert.Equal(clock.GetUtcNow(), view["scheduleFailure"]!["at"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        Assert.Contains("name", view["scheduleFailure"]!["reason"]!.GetValue<string>());
        var failed = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/content/artist?status=schedule_failed"))!["items"]!.AsArray();
        Assert.Contains(failed, i => i!["id"]!.GetValue<string>() == id.ToString());
        var dashboard = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/dashboard"))!;
        Assert.Contains(dashboard["scheduleFailures"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id.ToString());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == ContentEvents.ScheduleFailed && m.Key == id.ToString()));
        }
    }
}
