using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Outbox;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Webhooks;

/// <summary>
/// Delivers content events from the outbox to webhooks. The body is signed with the webhook's secret
/// (<c>X-ArtSouk-Signature: sha256=...</c>) and carries the outbox message id (<c>X-ArtSouk-Delivery</c>) so receivers
/// can drop duplicates: delivery is at-least-once, since a crash between a receiver's 2xx and our record of it sends
/// the event again. A failed webhook makes the whole message retry; webhooks already served are skipped.
/// </summary>
internal sealed class WebhookSender(CmsDbContext db, IHttpClientFactory clients, TimeProvider clock) : IOutboxHandler
{
    public const string ClientName = "webhooks";

    private List<Webhook>? _subscriptions;

    public string Name => "webhooks";

    public bool Accepts(string eventType) => WebhooksApi.Subscribable.Contains(eventType);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var data = JsonNode.Parse(message.Payload)!.AsObject();
        var contentType = data["type"]?.GetValue<string>() ?? "";
        // One dispatch batch shares this scoped sender: read the subscriptions once per batch, not once per event.
        _subscriptions ??= await db.Set<Webhook>().AsNoTracking().ToListAsync(cancellationToken);
        var webhooks = _subscriptions.Where(w => w.Wants(message.Type, contentType)).ToList();
        if (webhooks.Count == 0)
        {
            return;
        }
        var served = await db.Set<WebhookDelivery>().Where(d => d.MessageId == message.Id).Select(d => d.WebhookId).ToListAsync(cancellationToken);
        var failures = new List<string>();
        foreach (var webhook in webhooks.Where(w => !served.Contains(w.Id)))
        {
            var attempt = await SendAsync(webhook, message, replay: false, cancellationToken);
            if (attempt.Succeeded)
            {
                db.Set<WebhookDelivery>().Add(new WebhookDelivery { MessageId = message.Id, WebhookId = webhook.Id, Status = attempt.StatusCode!.Value, DeliveredAt = attempt.AttemptedAt });
            }
            else
            {
                failures.Add($"{webhook.Name}: {attempt.Error}");
            }
            // The log row is kept whether or not the message will retry: it is how an operator sees why it did.
            await db.SaveChangesAsync(cancellationToken);
        }
        if (failures.Count > 0)
        {
            throw new WebhookFailedException(string.Join("; ", failures));
        }
    }

    /// <summary>POSTs one event to one webhook and adds the attempt to the delivery log (saved by the caller).</summary>
    public async Task<WebhookAttempt> SendAsync(Webhook webhook, OutboxMessage message, bool replay, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            id = message.Id,
            @event = message.Type,
            occurredAt = message.OccurredAt,
            data = JsonNode.Parse(message.Payload),
        }, JsonText.Options);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-ArtSouk-Event", message.Type);
        request.Headers.Add("X-ArtSouk-Delivery", message.Id.ToString());
        request.Headers.Add("X-ArtSouk-Signature", Signature(webhook.Secret, body));
        var started = clock.GetTimestamp();
        int? status = null;
        string? error = null;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"HTTP {status}";
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
        }
        var attempt = new WebhookAttempt
        {
            WebhookId = webhook.Id, MessageId = message.Id, EventType = message.Type, StatusCode = status, Error = error, Replay = replay,
            DurationMs = (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds), AttemptedAt = clock.GetUtcNow(),
        };
        db.Set<WebhookAttempt>().Add(attempt);
        return attempt;
    }

    public async Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var pending = db.Outbox.Where(m => m.ProcessedAt == null);
        await db.Set<WebhookDelivery>()
            .Where(d => d.DeliveredAt < before && !pending.Any(m => m.Id == d.MessageId))
            .ExecuteDeleteAsync(cancellationToken);
        await db.Set<WebhookAttempt>().Where(a => a.AttemptedAt < before).ExecuteDeleteAsync(cancellationToken);
    }

    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();
}

internal sealed class WebhookFailedException(string message) : Exception(message);
