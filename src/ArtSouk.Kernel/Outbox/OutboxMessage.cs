namespace ArtSouk.Kernel.Outbox;

/// <summary>
/// An event written in the same transaction as the change it describes. Delivery is at-least-once: the dispatcher
/// may hand a message to a handler again after a crash or a lost acknowledgement, so handlers (and webhook receivers,
/// through <c>X-ArtSouk-Delivery</c>) deduplicate on <see cref="Id"/>.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The database's order of writing; events about one <see cref="Key"/> are delivered in this order.</summary>
    public long Sequence { get; init; }

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Type { get; init; }

    /// <summary>What the event is about (an entry id, an order id); a handler gets one key's events in order.</summary>
    public string? Key { get; init; }

    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset? ProcessedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>Set when the message has used up its attempts; it stays here until an operator redelivers it.</summary>
    public DateTimeOffset? FailedAt { get; set; }

    /// <summary>Claimed by a dispatcher until then (or, after a failure, not retried before then).</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    public OutboxState State => ProcessedAt is not null ? OutboxState.Delivered : FailedAt is not null ? OutboxState.Failed : OutboxState.Pending;
}

public enum OutboxState
{
    Pending,
    Delivered,
    Failed,
}

/// <summary>Records that one handler has handled one message, so a redelivery skips it.</summary>
public sealed class OutboxDelivery
{
    public Guid MessageId { get; init; }
    public required string Handler { get; init; }
    public DateTimeOffset HandledAt { get; init; }
}

/// <summary>
/// Handles outbox events of the types it names. It may be called again with a message it already handled (delivery
/// is at-least-once), so it must be idempotent on <see cref="OutboxMessage.Id"/>.
/// </summary>
public interface IOutboxHandler
{
    string Name { get; }
    bool Accepts(string eventType);
    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>Deletes the handler's own records of deliveries older than <paramref name="before"/>.</summary>
    Task PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => Task.CompletedTask;
}
