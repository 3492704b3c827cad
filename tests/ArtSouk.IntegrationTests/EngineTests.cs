using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.IntegrationTests.Infrastructure;
using ArtSouk.Kernel.Outbox;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Engine behaviour that needs its own host: schedules, the outbox, content types read at start-up.</summary>
public sealed class EngineTests
{
    private static readonly string ShippedTypes = Path.Combine(AppContext.BaseDirectory, "content-types");

    [Fact]
    public async Task Scheduled_publishing_publishes_when_due_and_a_second_run_does_nothing()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var publishAt = DateTimeOffset.UtcNow.AddHours(2);
        var response = await admin.PostAsJsonAsync("/api/v1/manage/content/event", new
        {
            fields = new { title = new { ar = "ليلة الخط", en = "Calligraphy night" }, kind = "talk", startsAt = "2027-01-10T17:00:00Z" },
            publishAt,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/content/event/{id}")).StatusCode);

        Assert.Equal(0, await RunSchedulesAsync(app, TimeSpan.Zero));
        Assert.Equal(1, await RunSchedulesAsync(app, TimeSpan.FromHours(3)));
        Assert.Equal(0, await RunSchedulesAsync(app, TimeSpan.FromHours(3)));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/content/event/{id}")).StatusCode);
    }

    [Fact]
    public async Task Publish_and_unpublish_due_in_one_run_leave_the_entry_offline()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var now = DateTimeOffset.UtcNow;
        var response = await admin.PostAsJsonAsync("/api/v1/manage/content/event", new
        {
            fields = new { title = new { ar = "معرض قصير", en = "Short show" }, kind = "exhibition", startsAt = "2027-01-10T17:00:00Z" },
            publishAt = now.AddHours(1),
            unpublishAt = now.AddHours(2),
        });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal(1, await RunSchedulesAsync(app, TimeSpan.FromHours(3)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/v1/content/event/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Racing_schedule_runs_publish_an_entry_exactly_once(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var admin = await app.AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/manage/content/event", new
        {
            fields = new { title = new { ar = "سباق الجدولة", en = "Schedule race" }, kind = "talk", startsAt = "2027-01-10T17:00:00Z" },
            publishAt = DateTimeOffset.UtcNow.AddHours(1),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var runs = await Race.AllAsync(4, _ => RunSchedulesAsync(app, TimeSpan.FromHours(2)));
        Assert.Equal([0, 0, 0, 1], runs.Order());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == ContentEvents.Published && m.Key == id));
    }

    [Fact]
    public async Task A_write_that_loses_a_race_is_a_409_problem()
    {
        await using var app = new ArtSoukApp(null, seed: false, services: s => s.ConfigureDbContext<SqliteCmsDbContext>((sp, o) =>
            o.AddInterceptors(new LoseTheRace(sp.GetRequiredService<IHttpContextAccessor>()))));
        var admin = await app.AdminClientAsync();
        var writes = new (HttpMethod Method, string Action)[]
        {
            (HttpMethod.Put, ""), (HttpMethod.Delete, ""), (HttpMethod.Post, "/publish"), (HttpMethod.Post, "/unpublish"), (HttpMethod.Post, "/versions/1/restore"),
        };
        foreach (var (method, action) in writes)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = $"سباق {Guid.NewGuid():N}" } } });
            var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            using var request = new HttpRequestMessage(method, $"/api/v1/manage/content/artist/{id}{action}")
            {
                Content = method == HttpMethod.Put ? JsonContent.Create(new { fields = new { birthYear = 1970 } }) : null,
                Headers = { { LoseTheRace.Header, "1" } },
            };
            var response = await admin.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{method} {action}: {(int)response.StatusCode}");
            Assert.Equal("conflict", (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        }
        var trashed = await admin.CreateEntryAsync("artist", new { name = new { ar = $"سباق السلة {Guid.NewGuid():N}" } });
        await admin.DeleteAsync($"/api/v1/manage/content/artist/{trashed}");
        using var restore = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/manage/trash/{trashed}/restore") { Headers = { { LoseTheRace.Header, "1" } } };
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(restore)).StatusCode);
    }

    /// <summary>Fails the save of a request carrying <see cref="Header"/> as if another writer had committed first.</summary>
    private sealed class LoseTheRace(IHttpContextAccessor accessor) : SaveChangesInterceptor
    {
        public const string Header = "X-Test-Lose-Race";

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            accessor.HttpContext?.Request.Headers.ContainsKey(Header) == true
                ? throw new DbUpdateConcurrencyException("Another writer committed first.")
                : base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private static async Task<int> RunSchedulesAsync(ArtSoukApp app, TimeSpan ahead)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScheduledPublishing>().RunDueAsync(DateTimeOffset.UtcNow + ahead, CancellationToken.None);
    }

    [Fact]
    public async Task Publishing_writes_an_outbox_event_that_each_handler_gets_once()
    {
        var handler = new RecordingHandler();
        await using var app = new ArtSoukApp(null, seed: false, services: s => s.AddSingleton<IOutboxHandler>(handler));
        var admin = await app.AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "سلمى" } }, publish = true });
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        // Many hosts share the test process: wait up to 30 s, as the outbox tests do, not a fixed 5 s.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!handler.Seen.Contains(ContentEvents.Published) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Single(handler.Seen, ContentEvents.Published);
        Assert.Contains(id, handler.Payloads.Single(p => p.Contains("\"locales\"", StringComparison.Ordinal) && p.Contains(id, StringComparison.Ordinal)));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        Assert.True(await db.Outbox.AnyAsync(m => m.Type == ContentEvents.Published));
        // Make the message look unprocessed again, as after a crash, and redeliver: the handler is not called twice.
        foreach (var message in await db.Outbox.ToListAsync())
        {
            message.ProcessedAt = null;
        }
        await db.SaveChangesAsync();
        var dispatcher = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OutboxDispatcher<CmsDbContext>>().Single();
        await dispatcher.DispatchBatchAsync(CancellationToken.None);
        Assert.Single(handler.Seen, ContentEvents.Published);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Racing_dispatchers_run_a_handler_once_per_message(string provider)
    {
        // The handler is still busy when the other dispatchers look at the message.
        var handler = new RecordingHandler(delay: TimeSpan.FromMilliseconds(300));
        await using var app = await ArtSoukApp.OnAsync(provider, services: s => s.AddSingleton<IOutboxHandler>(handler));
        var dispatcher = await app.TakeOverContentOutboxAsync();
        var admin = await app.AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "سباق الموزعين" } }, publish = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        await Race.AllAsync(4, _ => dispatcher.DispatchBatchAsync(CancellationToken.None));
        Assert.Equal([ContentEvents.Published], handler.Seen);
    }

    [Fact]
    public async Task A_field_added_to_a_type_file_works_after_a_restart_without_a_migration()
    {
        var folder = CopyTypes();
        var eventType = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "event.json")))!.AsObject();
        eventType["fields"]!.AsArray().Add(new JsonObject
        {
            ["name"] = "dressCode", ["kind"] = "text", ["localized"] = true,
            ["label"] = new JsonObject { ["ar"] = "اللباس", ["en"] = "Dress code" },
        });
        await File.WriteAllTextAsync(Path.Combine(folder, "event.json"), eventType.ToJsonString());
        await using var app = new ArtSoukApp(null, seed: false, contentTypesPath: folder);
        var admin = await app.AdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/manage/content/event", new
        {
            fields = new { title = new { ar = "افتتاح", en = "Opening" }, kind = "opening", startsAt = "2027-02-01T18:00:00Z", dressCode = new { ar = "رسمي", en = "Formal" } },
            publish = true,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var item = await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/event/{id}?locale=en");
        Assert.Equal("Formal", item!["fields"]!["dressCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_type_file_stops_start_up_naming_file_field_and_problem()
    {
        var folder = CopyTypes();
        var path = Path.Combine(folder, "artist.json");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("\"kind\": \"integer\"", "\"kind\": \"integr\"", StringComparison.Ordinal));
        var (exitCode, _, error) = await HostProcess.RunUntilExitAsync(new Dictionary<string, string> { ["ArtSouk__ContentTypesPath"] = folder },
            TestContext.Current.CancellationToken);
        Assert.Equal(1, exitCode);
        Assert.Contains("artist.json: field 'birthYear' (/fields/4/kind): \"integr\" is not one of", error);
    }

    private static string CopyTypes()
    {
        var folder = Directory.CreateTempSubdirectory("artsouk-types-").FullName;
        foreach (var file in Directory.GetFiles(ShippedTypes))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
        return folder;
    }

    private sealed class RecordingHandler(TimeSpan delay = default) : IOutboxHandler
    {
        public List<string> Seen { get; } = [];
        public List<string> Payloads { get; } = [];
        public string Name => "test-recorder";

        public bool Accepts(string eventType) => eventType == ContentEvents.Published;

        public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            lock (Seen)
            {
                Seen.Add(message.Type);
                Payloads.Add(message.Payload);
            }
        }
    }
}
