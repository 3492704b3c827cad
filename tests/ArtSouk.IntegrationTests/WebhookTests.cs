using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Persistence;
using ArtSouk.IntegrationTests.Infrastructure;
using ArtSouk.Kernel.Outbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArtSouk.IntegrationTests;

/// <summary>Webhooks delivered over real HTTP to a receiver on loopback.</summary>
public sealed class WebhookTests
{
    private sealed record Received(string Event, string Delivery, string Signature, byte[] Body);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_publish_is_delivered_signed_once_and_a_failing_receiver_is_retried(string provider)
    {
        var received = new ConcurrentQueue<Received>();
        var failFirst = 1;
        await using var receiver = await StartReceiverAsync(async http =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            if (Interlocked.Exchange(ref failFirst, 0) == 1)
            {
                http.Response.StatusCode = 503;
                return;
            }
            received.Enqueue(new Received(http.Request.Headers["X-ArtSouk-Event"]!, http.Request.Headers["X-ArtSouk-Delivery"]!,
                http.Request.Headers["X-ArtSouk-Signature"]!, buffer.ToArray()));
        });
        await using var app = await ArtSoukApp.OnAsync(provider);
        var admin = await app.AdminClientAsync();
        var hook = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = "site rebuild", url = receiver.Url, events = new[] { "entry.published" }, types = new[] { "artist" } });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var secret = (await hook.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();

        await admin.PostAsJsonAsync("/api/v1/manage/content/gallery", new { fields = new { name = new { ar = "صالة لا تعني المشترك" } }, publish = true });
        var artist = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "وعد", en = "Waad" } }, publish = true });
        var id = (await artist.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        // The first attempt gets a 503; the outbox retries the message until the receiver takes it.
        var dispatcher = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher<CmsDbContext>>().Single();
        for (var i = 0; i < 100 && received.IsEmpty; i++)
        {
            await dispatcher.DispatchBatchAsync(CancellationToken.None);
            await Task.Delay(50);
        }
        var delivery = Assert.Single(received);
        Assert.Equal("entry.published", delivery.Event);
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), delivery.Body)).ToLowerInvariant();
        Assert.Equal(expected, delivery.Signature);
        var body = JsonNode.Parse(delivery.Body)!;
        Assert.Equal(id, body["data"]!["id"]!.GetValue<string>());
        Assert.Equal(delivery.Delivery, body["id"]!.GetValue<string>());

        // Redelivering every message (as after a crash) does not call the receiver again.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            await db.Outbox.ExecuteUpdateAsync(u => u.SetProperty(m => m.ProcessedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0));
            await dispatcher.DispatchBatchAsync(CancellationToken.None);
        }
        Assert.Single(received);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Racing_dispatchers_post_each_event_to_a_webhook_once(string provider)
    {
        var deliveries = new ConcurrentQueue<string>();
        await using var receiver = await StartReceiverAsync(async http =>
        {
            // Still answering when the other dispatchers look at the message.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            deliveries.Enqueue(http.Request.Headers["X-ArtSouk-Delivery"]!);
        });
        await using var app = await ArtSoukApp.OnAsync(provider);
        var dispatcher = await app.TakeOverContentOutboxAsync();
        var admin = await app.AdminClientAsync();
        var hook = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = "mirror", url = receiver.Url });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        for (var i = 0; i < 3; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = $"سباق الخطافات {i}" } }, publish = true });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        List<Guid> events;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            events = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Outbox.Select(m => m.Id).ToListAsync();
        }
        // Each artist raised entry.created and entry.published.
        Assert.Equal(6, events.Count);

        // An entry's later event waits for its earlier one, so rounds of racing dispatchers run until all are through.
        for (var round = 0; round < 100 && await PendingAsync(app) > 0; round++)
        {
            await Race.AllAsync(4, _ => dispatcher.DispatchBatchAsync(CancellationToken.None));
            await Task.Delay(100);
        }
        Assert.Equal(0, await PendingAsync(app));
        Assert.Equal(events.Select(e => e.ToString()).Order(), deliveries.Order());
    }

    private static async Task<int> PendingAsync(ArtSoukApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Outbox.CountAsync(m => m.ProcessedAt == null);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_delivery_log_lists_each_attempt_and_a_replay_sends_the_event_again(string provider)
    {
        var received = new ConcurrentQueue<string>();
        var failFirst = 1;
        await using var receiver = await StartReceiverAsync(http =>
        {
            if (Interlocked.Exchange(ref failFirst, 0) == 1)
            {
                http.Response.StatusCode = 500;
                return Task.CompletedTask;
            }
            received.Enqueue(http.Request.Headers["X-ArtSouk-Delivery"]!);
            return Task.CompletedTask;
        });
        await using var app = await ArtSoukApp.OnAsync(provider);
        var dispatcher = await app.TakeOverContentOutboxAsync();
        var admin = await app.AdminClientAsync();
        var hook = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = "log", url = receiver.Url, events = new[] { "entry.published" } });
        var hookId = (await hook.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "سجل التسليم" } }, publish = true });
        for (var i = 0; i < 100 && received.IsEmpty; i++)
        {
            await dispatcher.DispatchBatchAsync(CancellationToken.None);
            await Task.Delay(50);
        }
        var delivered = Assert.Single(received);

        // Newest first: the success after the receiver's 500.
        var log = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/webhooks/{hookId}/deliveries"))!;
        var items = log["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal(200, items[0]!["statusCode"]!.GetValue<int>());
        Assert.True(items[0]!["succeeded"]!.GetValue<bool>());
        Assert.Equal(500, items[1]!["statusCode"]!.GetValue<int>());
        Assert.Equal("HTTP 500", items[1]!["error"]!.GetValue<string>());
        Assert.All(items, item =>
        {
            Assert.Equal("entry.published", item!["event"]!.GetValue<string>());
            Assert.Equal(delivered, item["deliveryId"]!.GetValue<string>());
            Assert.True(item["durationMs"]!.GetValue<int>() >= 0);
            Assert.NotNull(item["attemptedAt"]);
        });
        Assert.Null(log["next"]);
        var firstPage = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/webhooks/{hookId}/deliveries?limit=1"))!;
        Assert.Single(firstPage["items"]!.AsArray());
        var secondPage = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/webhooks/{hookId}/deliveries?limit=1&cursor={firstPage["next"]}"))!;
        Assert.Equal(500, secondPage["items"]![0]!["statusCode"]!.GetValue<int>());

        // Replaying the failed attempt posts the same delivery id again and logs the replay.
        var failedId = items[1]!["id"]!.GetValue<string>();
        var replay = await admin.PostAsync($"/api/v1/manage/webhooks/{hookId}/deliveries/{failedId}/redeliver", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var replayed = (await replay.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(replayed["replay"]!.GetValue<bool>());
        Assert.Equal(200, replayed["statusCode"]!.GetValue<int>());
        Assert.Equal([delivered, delivered], received.ToArray());
        var after = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/webhooks/{hookId}/deliveries"))!["items"]!.AsArray();
        Assert.Equal(3, after.Count);
        Assert.True(after[0]!["replay"]!.GetValue<bool>());

        var unknown = await admin.PostAsync($"/api/v1/manage/webhooks/{hookId}/deliveries/{Guid.NewGuid()}/redeliver", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/manage/webhooks/{Guid.NewGuid()}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/manage/webhooks/{hookId}/deliveries?limit=0")).StatusCode);

        // Once the outbox has let go of the event there is nothing to replay.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Outbox.Where(m => m.Id == Guid.Parse(delivered)).ExecuteDeleteAsync();
        }
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/manage/webhooks/{hookId}/deliveries/{failedId}/redeliver", null)).StatusCode);
        var (curator, _) = await app.AccountAsync(admin, "curator");
        Assert.Equal(HttpStatusCode.Forbidden, (await curator.PostAsync($"/api/v1/manage/webhooks/{hookId}/deliveries/{failedId}/redeliver", null)).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"url\":\"ftp://example.com/hook\"}", "url")]
    [InlineData("{\"name\":\"x\",\"url\":\"https://example.com/hook\",\"events\":[\"entry.exploded\"]}", "events")]
    [InlineData("{\"name\":\"x\",\"url\":\"https://example.com/hook\",\"types\":[\"spaceship\"]}", "types")]
    [InlineData("{\"url\":\"https://example.com/hook\"}", "name")]
    public async Task Bad_webhooks_are_refused(string body, string field)
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var response = await admin.PostAsync("/api/v1/manage/webhooks", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]![field]);
    }

    [Theory]
    [InlineData("ar", "رابط", "خطاف")]
    [InlineData("en", "URL", "webhook")]
    public async Task Webhook_errors_answer_in_the_requests_language(string locale, string badUrl, string unknown)
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd(locale);
        var refused = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = "x", url = "ftp://example.com/hook", events = new[] { "entry.exploded" } });
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(badUrl, problem["errors"]!["url"]![0]!.GetValue<string>());
        Assert.Contains("entry.review_requested", problem["errors"]!["events"]![0]!.GetValue<string>());
        var missing = await admin.DeleteAsync($"/api/v1/manage/webhooks/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains(unknown, (await missing.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    private sealed class Receiver(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private static async Task<Receiver> StartReceiverAsync(RequestDelegate handle)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Receiver(app, address + "/hook");
    }
}
