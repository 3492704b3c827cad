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
