using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Webhooks;
using ArtSouk.IntegrationTests.Infrastructure;
using ArtSouk.Kernel.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>The outbox as operators run it: failed messages kept and redelivered, per-entry order, retention; on both databases.</summary>
public sealed class OutboxTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_message_that_used_up_its_attempts_is_kept_as_failed_listed_and_redelivered(string provider)
    {
        var handler = new Handler("flaky", [ContentEvents.Published, ContentEvents.Updated]) { FailingTypes = [ContentEvents.Published] };
        await using var app = await ArtSoukApp.OnAsync(provider, services: s => s.AddSingleton<IOutboxHandler>(handler),
            settings: new Dictionary<string, string> { ["Outbox:MaxAttempts"] = "1" });
        var admin = await app.AdminClientAsync();
        var id = await CreateAsync(admin, "artist", "رسالة عالقة");
        await WaitForAsync(async () => (await ListAsync(admin, "failed")).Count > 0);

        var failed = await ListAsync(admin, "failed");
        var item = Assert.Single(failed);
        Assert.Equal(ContentEvents.Published, item["type"]!.GetValue<string>());
        Assert.Equal(id.ToString(), item["key"]!.GetValue<string>());
        Assert.Equal("failed", item["state"]!.GetValue<string>());
        Assert.Equal("receiver down", item["lastError"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/manage/outbox?state=failed")).StatusCode);

        // A failed message no longer holds back later events about its entry.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { name = new { en = "Stuck message" } } })).StatusCode);
        await WaitForAsync(() => handler.Received(id).Contains(ContentEvents.Updated));
        Assert.Equal([ContentEvents.Updated], handler.Received(id));

        handler.FailingTypes = [];
        var messageId = item["id"]!.GetValue<string>();
        var redeliver = await admin.PostAsync($"/api/v1/manage/outbox/{messageId}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        // The handler hears the message before the dispatcher commits it as delivered: wait for the commit.
        await WaitForAsync(async () => (await ListAsync(admin, "delivered")).Any(m => m["id"]!.GetValue<string>() == messageId));
        Assert.Equal([ContentEvents.Updated, ContentEvents.Published], handler.Received(id));
        Assert.Empty(await ListAsync(admin, "failed"));

        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/manage/outbox/{messageId}/redeliver", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/manage/outbox/{Guid.NewGuid()}/redeliver", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/manage/outbox?state=lost")).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Events_about_one_entry_reach_each_handler_in_order_while_an_earlier_one_is_retried(string provider)
    {
        var clock = new ManualClock();
        var strict = new Handler("strict", ContentEvents.All) { FailingTypes = [ContentEvents.Created], FailuresLeft = 1 };
        var relaxed = new Handler("relaxed", ContentEvents.All);
        await using var app = await ArtSoukApp.OnAsync(provider, services: s => s
            .AddSingleton<TimeProvider>(clock).AddSingleton<IOutboxHandler>(strict).AddSingleton<IOutboxHandler>(relaxed));
        var admin = await app.AdminClientAsync();
        var first = await CreateAsync(admin, "artist", "الأول");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{first}", new { fields = new { name = new { en = "The first" } } })).StatusCode);
        var second = await CreateAsync(admin, "artist", "الثاني");
        string[] inOrder = [ContentEvents.Created, ContentEvents.Published, ContentEvents.Updated];

        await WaitForAsync(() => relaxed.Received(first).Count == 3 && strict.Received(second).Count == 2);
        // The strict handler's first event about the first entry failed and waits for its back-off; the events raised
        // after it wait too, while the other entry and the other handler carry on.
        Assert.Empty(strict.Received(first));
        Assert.Equal([ContentEvents.Created, ContentEvents.Published], strict.Received(second));
        Assert.Equal(inOrder, relaxed.Received(first));
        var pending = await ListAsync(admin, "pending");
        Assert.Equal("strict failed", Assert.Single(pending, m => m["type"]!.GetValue<string>() == ContentEvents.Created)["lastError"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromSeconds(5));
        await WaitForAsync(() => strict.Received(first).Count == 3);
        Assert.Equal(inOrder, strict.Received(first));
        Assert.Equal(inOrder, relaxed.Received(first));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Delivered_messages_and_their_records_are_pruned_after_the_retention(string provider)
    {
        var clock = new ManualClock();
        var handler = new Handler("recorder", ContentEvents.All);
        await using var app = await ArtSoukApp.OnAsync(provider, services: s => s.AddSingleton<TimeProvider>(clock).AddSingleton<IOutboxHandler>(handler),
            settings: new Dictionary<string, string> { ["Outbox:Retention"] = "7.00:00:00" });
        var admin = await app.AdminClientAsync();
        var old = await CreateAsync(admin, "artist", "قديم");
        await WaitForAsync(() => DeliveredAsync(app, old, handler.Name));
        var hook = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = "archive", url = "http://127.0.0.1:9/hook" });
        var hookId = Guid.Parse((await hook.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            var delivered = await db.Outbox.Where(m => m.Key == old.ToString()).Select(m => m.Id).FirstAsync();
            db.Set<WebhookDelivery>().Add(new WebhookDelivery { MessageId = delivered, WebhookId = hookId, Status = 200, DeliveredAt = clock.GetUtcNow() });
            await db.SaveChangesAsync();
            // Nobody takes the webhook's events; drop it so its retries do not keep new messages pending.
            await db.Set<Webhook>().Where(w => w.Id == hookId).ExecuteDeleteAsync();
        }

        clock.Advance(TimeSpan.FromDays(6));
        admin = await app.AdminClientAsync();
        var recent = await CreateAsync(admin, "artist", "حديث");
        await WaitForAsync(() => DeliveredAsync(app, recent, handler.Name));
        clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<OutboxRetention>().RunAsync(CancellationToken.None) >= 2);
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            Assert.False(await db.Outbox.AnyAsync(m => m.Key == old.ToString()));
            Assert.Equal(2, await db.Outbox.CountAsync(m => m.Key == recent.ToString()));
            var recentIds = await db.Outbox.Select(m => m.Id).ToListAsync();
            var records = await db.Set<OutboxDelivery>().ToListAsync();
            Assert.NotEmpty(records);
            Assert.All(records, d => Assert.Contains(d.MessageId, recentIds));
            Assert.Equal(2, await db.Set<OutboxDelivery>().CountAsync(d => d.Handler == "recorder"));
        }
    }

    /// <summary>
    /// True once both events about <paramref name="entry"/> are committed as processed with the handler's delivery
    /// records: the handler hears a message before the dispatcher commits it, and the commit is stamped with the clock
    /// that the test is about to move.
    /// </summary>
    private static async Task<bool> DeliveredAsync(ArtSoukApp app, Guid entry, string handler)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        var key = entry.ToString();
        var messages = await db.Outbox.Where(m => m.Key == key).Select(m => new { m.Id, m.ProcessedAt }).ToListAsync();
        var ids = messages.Select(m => m.Id).ToList();
        return messages.Count == 2 && messages.All(m => m.ProcessedAt != null)
            && await db.Set<OutboxDelivery>().CountAsync(d => d.Handler == handler && ids.Contains(d.MessageId)) == 2;
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_delivery_cut_short_by_a_stop_is_given_back_and_delivered_at_once_by_the_next_dispatch(string provider)
    {
        var held = new HeldHandler();
        var handler = new Handler("recorder", ContentEvents.All);
        await using var app = await ArtSoukApp.OnAsync(provider, services: s => s.AddSingleton<IOutboxHandler>(held).AddSingleton<IOutboxHandler>(handler));
        var dispatcher = await app.TakeOverContentOutboxAsync();
        var id = await CreateAsync(await app.AdminClientAsync(), "artist", "توقف");
        using var stopping = new CancellationTokenSource();

        var cutShort = dispatcher.DispatchBatchAsync(stopping.Token);
        await held.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cutShort);
        Assert.Empty(handler.Received(id));

        // Within the two-minute lease: had the claim been kept, this dispatch would find nothing to deliver.
        held.Release();
        await dispatcher.DispatchBatchAsync(CancellationToken.None);
        Assert.Equal([ContentEvents.Created, ContentEvents.Published], handler.Received(id));
        Assert.True(await DeliveredAsync(app, id, handler.Name));
    }

    /// <summary>Holds its first message until the dispatch is cancelled, as a handler caught by a stop mid-request is.</summary>
    private sealed class HeldHandler : IOutboxHandler
    {
        private volatile bool _released;

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "held";

        public bool Accepts(string eventType) => true;

        public void Release() => _released = true;

        public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            if (!_released)
            {
                Entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
        }
    }

    private static async Task<Guid> CreateAsync(HttpClient admin, string type, string name)
    {
        var response = await admin.PostAsJsonAsync($"/api/v1/manage/content/{type}", new { fields = new { name = new { ar = name } }, publish = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }

    private static async Task<List<JsonObject>> ListAsync(HttpClient admin, string state)
    {
        var response = await admin.GetAsync($"/api/v1/manage/outbox?state={state}&limit=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    /// <summary>
    /// Waits for the host's own dispatcher (woken by each commit, polling every 2 s) to get there. The tests do not
    /// dispatch beside it: with the clock standing still, a second dispatcher would hold messages back for good.
    /// </summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.True(await condition(), "the outbox did not get there");
    }

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private sealed class Handler(string name, IReadOnlyList<string> types) : IOutboxHandler
    {
        private readonly List<(string Key, string Type)> _received = [];

        public IReadOnlyList<string> FailingTypes { get; set; } = [];
        public int FailuresLeft { get; set; } = int.MaxValue;
        public string Name => name;

        public bool Accepts(string eventType) => types.Contains(eventType);

        public Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            lock (_received)
            {
                if (FailingTypes.Contains(message.Type) && FailuresLeft > 0)
                {
                    FailuresLeft--;
                    throw new InvalidOperationException(name == "flaky" ? "receiver down" : $"{name} failed");
                }
                _received.Add((message.Key!, message.Type));
            }
            return Task.CompletedTask;
        }

        public List<string> Received(Guid key)
        {
            lock (_received)
            {
                return _received.Where(r => r.Key == key.ToString()).Select(r => r.Type).ToList();
            }
        }
    }
}
