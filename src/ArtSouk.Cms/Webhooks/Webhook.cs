using System.Security.Cryptography;

namespace ArtSouk.Cms.Webhooks;

/// <summary>A subscriber told about content events: <c>POST {url}</c> with a signed JSON body.</summary>
internal sealed class Webhook
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; init; }
    public required string Url { get; init; }

    /// <summary>The HMAC-SHA256 key for <c>X-ArtSouk-Signature</c>; shown once, when created.</summary>
    public required string Secret { get; init; }

    /// <summary>Comma-separated event types, or <c>*</c>.</summary>
    public required string Events { get; init; }

    /// <summary>Comma-separated content types, or <c>*</c>.</summary>
    public required string Types { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public bool Wants(string eventType, string contentType) =>
        (Events == "*" || Events.Split(',').Contains(eventType)) && (Types == "*" || Types.Split(',').Contains(contentType));

    public static string NewSecret() => "whsec_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
}

/// <summary>One event delivered to one webhook; a redelivered event skips the webhooks that already have it.</summary>
internal sealed class WebhookDelivery
{
    public Guid MessageId { get; init; }
    public Guid WebhookId { get; init; }
    public int Status { get; init; }
    public DateTimeOffset DeliveredAt { get; init; }
}

/// <summary>
/// One POST of one event to one webhook, successful or not: the delivery log operators read to see why a receiver
/// missed an event, and the row they replay it from. Kept as long as the delivery records (the outbox retention).
/// </summary>
internal sealed class WebhookAttempt
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WebhookId { get; init; }

    /// <summary>The outbox message: what receivers see as <c>X-ArtSouk-Delivery</c>.</summary>
    public Guid MessageId { get; init; }
    public required string EventType { get; init; }

    /// <summary>The receiver's HTTP status; <c>null</c> when no answer came (refused, timed out).</summary>
    public int? StatusCode { get; init; }
    public int DurationMs { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }

    /// <summary>Sent by an operator's replay rather than by the outbox.</summary>
    public bool Replay { get; init; }

    public bool Succeeded => StatusCode is >= 200 and < 300;
}
