using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Kernel.Outbox;

/// <summary>A message as operators see it, from whichever module's outbox it sits in.</summary>
public sealed record OutboxEntry(
    Guid Id, string Module, string Type, string? Key, string State, DateTimeOffset OccurredAt, int Attempts,
    string? LastError, DateTimeOffset? NextAttemptAt, DateTimeOffset? ProcessedAt, DateTimeOffset? FailedAt, string Payload);

public enum RedeliverOutcome
{
    Queued,
    NotFound,
    AlreadyDelivered,
}

/// <summary>One module's outbox, for operators: list, redeliver, prune.</summary>
public interface IOutboxStore
{
    string ModuleName { get; }

    /// <summary>Newest first; <paramref name="take"/> rows after skipping <paramref name="skip"/>.</summary>
    Task<List<OutboxEntry>> ListAsync(OutboxState? state, int skip, int take, CancellationToken cancellationToken);

    Task<RedeliverOutcome> RedeliverAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Deletes delivered messages and delivery records older than <paramref name="before"/>; returns messages deleted.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

internal sealed class OutboxStore<TContext>(string module, TContext db, OutboxSignal signal, IEnumerable<IOutboxHandler> handlers) : IOutboxStore
    where TContext : DbContext
{
    public string ModuleName => module;

    public async Task<List<OutboxEntry>> ListAsync(OutboxState? state, int skip, int take, CancellationToken cancellationToken)
    {
        var query = db.Set<OutboxMessage>().AsNoTracking();
        query = state switch
        {
            OutboxState.Pending => query.Where(m => m.ProcessedAt == null && m.FailedAt == null),
            OutboxState.Failed => query.Where(m => m.ProcessedAt == null && m.FailedAt != null),
            OutboxState.Delivered => query.Where(m => m.ProcessedAt != null),
            _ => query,
        };
        var rows = await query.OrderByDescending(m => m.Sequence).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return rows.Select(m => new OutboxEntry(m.Id, module, m.Type, m.Key, m.State.ToString().ToLowerInvariant(), m.OccurredAt,
            m.Attempts, m.LastError, m.State == OutboxState.Pending ? m.LockedUntil : null, m.ProcessedAt, m.FailedAt, m.Payload)).ToList();
    }

    /// <summary>A failed message gets a fresh set of attempts; a pending one in back-off is tried now.</summary>
    public async Task<RedeliverOutcome> RedeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        var reset = await db.Set<OutboxMessage>()
            .Where(m => m.Id == id && m.ProcessedAt == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(m => m.FailedAt, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);
        if (reset == 1)
        {
            signal.Notify();
            return RedeliverOutcome.Queued;
        }
        return await db.Set<OutboxMessage>().AnyAsync(m => m.Id == id, cancellationToken) ? RedeliverOutcome.AlreadyDelivered : RedeliverOutcome.NotFound;
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var messages = db.Set<OutboxMessage>();
        var deleted = await messages.Where(m => m.ProcessedAt != null && m.ProcessedAt < before).ExecuteDeleteAsync(cancellationToken);
        // A record of a message still pending is what stops a retry from handling it twice: only prune the others.
        await db.Set<OutboxDelivery>()
            .Where(d => d.HandledAt < before && !messages.Any(m => m.Id == d.MessageId && m.ProcessedAt == null))
            .ExecuteDeleteAsync(cancellationToken);
        foreach (var handler in handlers)
        {
            await handler.PruneAsync(before, cancellationToken);
        }
        return deleted;
    }
}
