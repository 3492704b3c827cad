using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Kernel.Outbox;

/// <summary>Wakes the dispatcher right after a commit instead of waiting for the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another committer woke the dispatcher first; one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Delivers a module's outbox messages to its handlers. A message is claimed before it is handled, and each
/// (message, handler) pair is recorded, so neither a second dispatcher nor a crash between handling and marking the
/// message processed runs a handler twice.
/// </summary>
public sealed partial class OutboxDispatcher<TContext>(
    IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, ILogger<OutboxDispatcher<TContext>> logger)
    : BackgroundService where TContext : DbContext
{
    private const int BatchSize = 50;
    private const int MaxAttempts = 10;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) == BatchSize)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDispatchFailed(logger, ex);
            }
            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Dispatches one batch; returns how many messages it looked at.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToList();
        var now = clock.GetUtcNow();
        var batch = await db.Set<OutboxMessage>()
            .Where(m => m.ProcessedAt == null && m.Attempts < MaxAttempts && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.OccurredAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        foreach (var message in batch)
        {
            if (await ClaimAsync(db, message, now, cancellationToken))
            {
                await DeliverAsync(db, handlers, message, cancellationToken);
            }
        }
        return batch.Count;
    }

    /// <summary>
    /// Takes the message for <see cref="Lease"/> with a conditional update, so two dispatchers (two nodes, or a
    /// poll racing a wake-up) never run the same message's handlers at the same time.
    /// </summary>
    private static async Task<bool> ClaimAsync(TContext db, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + Lease;
        var claimed = await db.Set<OutboxMessage>()
            .Where(m => m.Id == message.Id && m.ProcessedAt == null && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, until), cancellationToken);
        message.LockedUntil = until;
        db.Entry(message).Property(m => m.LockedUntil).IsModified = false;
        return claimed == 1;
    }

    private async Task DeliverAsync(TContext db, List<IOutboxHandler> handlers, OutboxMessage message, CancellationToken cancellationToken)
    {
        var done = await db.Set<OutboxDelivery>().Where(d => d.MessageId == message.Id)
            .Select(d => d.Handler).ToListAsync(cancellationToken);
        try
        {
            foreach (var handler in handlers.Where(h => h.Accepts(message.Type) && !done.Contains(h.Name)))
            {
                await handler.HandleAsync(message, cancellationToken);
                db.Set<OutboxDelivery>().Add(new OutboxDelivery { MessageId = message.Id, Handler = handler.Name, HandledAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(cancellationToken);
            }
            message.ProcessedAt = clock.GetUtcNow();
            message.LockedUntil = null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            message.Attempts++;
            message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            // Back off 2, 4, 8 ... seconds, at most five minutes, before the next attempt.
            message.LockedUntil = clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, message.Attempts)));
            LogHandlerFailed(logger, message.Type, message.Id, ex);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox dispatch failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox handler failed for {Type} {Id}; will retry")]
    private static partial void LogHandlerFailed(ILogger logger, string type, Guid id, Exception exception);
}
