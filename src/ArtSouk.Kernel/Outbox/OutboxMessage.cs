namespace ArtSouk.Kernel.Outbox;

/// <summary>
/// An event written in the same transaction as the change it describes; the dispatcher delivers it
/// to every handler at least once, and handlers are idempotent on <see cref="Id"/>.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>Claimed by a dispatcher until then (or, after a failure, not retried before then).</summary>
    public DateTimeOffset? LockedUntil { get; set; }
}

/// <summary>Records that one handler has handled one message, so a redelivery is a no-op.</summary>
public sealed class OutboxDelivery
{
    public Guid MessageId { get; init; }
    public required string Handler { get; init; }
    public DateTimeOffset HandledAt { get; init; }
}

/// <summary>Handles outbox events of the types it names; must be safe to call again with the same message.</summary>
public interface IOutboxHandler
{
    string Name { get; }
    bool Accepts(string eventType);
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}
