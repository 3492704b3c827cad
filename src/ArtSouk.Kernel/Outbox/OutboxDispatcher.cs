using ArtSouk.Kernel.Memory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Kernel.Outbox;

/// <summary>
/// Wakes every module's dispatcher right after a commit instead of leaving it to the next poll. Each dispatcher waits
/// on its own wake-up: with one shared between them a commit woke whichever dispatcher came first, seldom the one
/// whose outbox had the message, and that one waited out its poll. A dispatcher woken for another module's message
/// looks once and sleeps again.
/// </summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly Lock _gate = new();
    private SemaphoreSlim[] _wakeUps = [];

    /// <summary>A wake-up for one dispatcher, released by every <see cref="Notify"/> after this call.</summary>
    public SemaphoreSlim Subscribe()
    {
        var wakeUp = new SemaphoreSlim(0, 1);
        lock (_gate)
        {
            _wakeUps = [.. _wakeUps, wakeUp];
        }
        return wakeUp;
    }

    public void Notify()
    {
        foreach (var wakeUp in _wakeUps)
        {
            if (wakeUp.CurrentCount == 0)
            {
                try
                {
                    wakeUp.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another committer woke this dispatcher first; one wake-up is enough.
                }
            }
        }
    }

    public void Dispose()
    {
        foreach (var wakeUp in _wakeUps)
        {
            wakeUp.Dispose();
        }
    }
}

/// <summary>
/// Delivers a module's outbox messages to its handlers, at least once. A message is claimed before it is handled and
/// each (message, handler) pair is recorded, so a second dispatcher never runs it at the same time and a retry skips
/// the handlers already done; a crash between a handler's work and that record means the handler sees it again.
/// A handler gets one key's messages in order: a later one waits while an earlier one is still being retried for it.
/// A message that uses up its attempts is kept as failed (and no longer holds back its key) until an operator
/// redelivers it.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, IOptions<OutboxOptions> options,
    IHostApplicationLifetime lifetime, ILogger<OutboxDispatcher<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    private const int BatchSize = 50;
    private readonly SemaphoreSlim _wakeUp = signal.Subscribe();
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How soon a message held back behind an earlier one of its key is looked at again.</summary>
    private static readonly TimeSpan HeldBack = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await StartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var dispatched = 0;
                int batch;
                while ((batch = await DispatchBatchAsync(stoppingToken)) == BatchSize)
                {
                    dispatched += batch;
                }
                if (dispatched > 0)
                {
                    // A backlog (the demo seed's hundreds of events, an import) is a burst: once drained, its peak goes back.
                    BurstMemory.GiveBack();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopped in the middle of a batch (the host, or only this dispatcher): the message being delivered was
                // given back, and the handlers it had not reached see it on the next start, at least once as ever.
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ex);
            }
            try
            {
                await _wakeUp.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Modules migrate their stores in their own start-up services, and the host starts those one after another in the
    /// order they were registered; once it reports started, every one has run, whatever that order was. Until then the
    /// outbox table may not exist yet.
    /// </summary>
    private async Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var whenStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var whenStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    /// <summary>Dispatches one batch, oldest first; returns how many messages it looked at.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow();
        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.ProcessedAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.Sequence)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            // Most polls find nothing: the handlers (every module's, with what they depend on) are made only when there is work.
            return 0;
        }
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToList();
        foreach (var message in batch)
        {
            // SQLite answers synchronously, so every await of a drain can finish in line: without a yield a backlog (the
            // one a restart finds) held a pool thread for its whole length, and requests queued behind the dispatchers until
            // the pool added threads, a second at a start.
            await Task.Yield();
            if (await ClaimAsync(db, message, now, cancellationToken) is { } lease)
            {
                try
                {
                    await DeliverAsync(db, handlers, message, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(message, lease);
                    throw;
                }
            }
        }
        return batch.Count;
    }

    /// <summary>
    /// Gives back the claim of a message whose delivery a stop cut short (a deploy, a restart), so the next start
    /// delivers it, and the later events of its key that wait behind it, at once instead of after the lease. The
    /// handlers that finished keep their records; only this dispatcher's own claim is given back.
    /// </summary>
    private async Task ReleaseAsync(OutboxMessage message, DateTimeOffset lease)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TContext>().Set<OutboxMessage>()
                .Where(m => m.Sequence == message.Sequence && m.ProcessedAt == null && m.LockedUntil == lease)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort on the way out: if the store cannot be reached, the lease runs out as before.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(logger, message.Id, ex);
        }
    }

    /// <summary>
    /// Takes the message for <see cref="Lease"/> with a conditional update, so two dispatchers (two nodes, or a
    /// poll racing a wake-up) never run the same message's handlers at the same time. Returns the lease it holds, or
    /// null when another dispatcher has the message.
    /// </summary>
    private static async Task<DateTimeOffset?> ClaimAsync(TContext db, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // In whole milliseconds, as both stores keep it, so that ReleaseAsync can tell this claim by its value.
        var until = now + Lease;
        until = until.AddTicks(-(until.UtcTicks % TimeSpan.TicksPerMillisecond));
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Sequence == message.Sequence && m.ProcessedAt == null && m.FailedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, until), cancellationToken);
        message.LockedUntil = until;
        db.Entry(message).Property(m => m.LockedUntil).IsModified = false;
        return claimed == 1 ? until : null;
    }

    private async Task DeliverAsync(TContext db, List<IOutboxHandler> handlers, OutboxMessage message, CancellationToken cancellationToken)
    {
        var done = await db.Set<OutboxDelivery>().Where(d => d.MessageId == message.Id)
            .Select(d => d.Handler).ToListAsync(cancellationToken);
        var waiting = await WaitingHandlersAsync(db, handlers, message, cancellationToken);
        var failures = new List<(string Handler, Exception Error)>();
        foreach (var handler in handlers.Where(h => h.Accepts(message.Type) && !done.Contains(h.Name) && !waiting.Contains(h.Name)))
        {
            try
            {
                await handler.HandleAsync(message, cancellationToken);
                db.Set<OutboxDelivery>().Add(new OutboxDelivery { MessageId = message.Id, Handler = handler.Name, HandledAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One handler's failure must not hold the others back: they take the message now, it retries later.
                failures.Add((handler.Name, ex));
            }
        }
        if (failures.Count > 0)
        {
            var error = string.Join("; ", failures.Select(f => failures.Count == 1 ? f.Error.Message : $"{f.Handler}: {f.Error.Message}"));
            message.Attempts++;
            message.LastError = error.Length > 2000 ? error[..2000] : error;
            if (message.Attempts >= options.Value.MaxAttempts)
            {
                message.FailedAt = clock.GetUtcNow();
                message.LockedUntil = null;
                LogMessageFailed(logger, message.Type, message.Id, message.Attempts, failures[0].Error);
            }
            else
            {
                // Back off 2, 4, 8 ... seconds, at most five minutes, before the next attempt.
                message.LockedUntil = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, message.Attempts)));
                LogHandlerFailed(logger, message.Type, message.Id, failures[0].Error);
            }
        }
        else if (waiting.Count > 0)
        {
            // Not a failure: the message is due again once the earlier one of its key is through.
            message.LockedUntil = clock.GetUtcNow() + HeldBack;
        }
        else
        {
            message.ProcessedAt = clock.GetUtcNow();
            message.LockedUntil = null;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Handlers that must not see this message yet, because an earlier message about the same key that they accept
    /// is still pending for them (retrying, or claimed by another dispatcher). Failed messages hold nothing back.
    /// </summary>
    private static async Task<HashSet<string>> WaitingHandlersAsync(TContext db, List<IOutboxHandler> handlers, OutboxMessage message, CancellationToken cancellationToken)
    {
        var waiting = new HashSet<string>(StringComparer.Ordinal);
        if (message.Key is null)
        {
            return waiting;
        }
        var earlier = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Key == message.Key && m.Sequence < message.Sequence && m.ProcessedAt == null && m.FailedAt == null)
            .Select(m => new { m.Id, m.Type })
            .ToListAsync(cancellationToken);
        if (earlier.Count == 0)
        {
            return waiting;
        }
        var ids = earlier.Select(m => m.Id).ToList();
        var handled = (await db.Set<OutboxDelivery>().AsNoTracking().Where(d => ids.Contains(d.MessageId))
            .Select(d => new { d.MessageId, d.Handler }).ToListAsync(cancellationToken))
            .Select(d => (d.MessageId, d.Handler)).ToHashSet();
        foreach (var handler in handlers.Where(h => h.Accepts(message.Type)))
        {
            if (earlier.Any(m => handler.Accepts(m.Type) && !handled.Contains((m.Id, handler.Name))))
            {
                waiting.Add(handler.Name);
            }
        }
        return waiting;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the claim of outbox message {Id} on stopping; it is delivered once its lease runs out")]
    private static partial void LogReleaseFailed(ILogger logger, Guid id, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox handler failed for {Type} {Id}; will retry")]
    private static partial void LogHandlerFailed(ILogger logger, string type, Guid id, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {Type} {Id} failed {Attempts} times and is kept as failed; an administrator can redeliver it (POST /api/v1/manage/outbox/<id>/redeliver)")]
    private static partial void LogMessageFailed(ILogger logger, string type, Guid id, int attempts, Exception exception);
}
