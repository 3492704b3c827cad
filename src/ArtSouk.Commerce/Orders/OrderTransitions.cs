using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Problems;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Orders;

/// <summary>
/// Moves orders between states. Each move is one transaction: the stock counters (a sale, a released hold), the new
/// state (a concurrency token) and the audit record commit together or not at all.
/// </summary>
internal sealed class OrderTransitions(CommerceDbContext db, StockLedger ledger, TimeProvider clock, DeliveryEviction eviction)
{
    /// <summary>Payment arrived (bank transfer confirmed, card succeeded): the held units become sold.</summary>
    public async Task<ProblemCode?> MarkPaidAsync(Order order, string reference, AuditActor actor, CancellationToken ct,
        Func<CancellationToken, Task>? inSameTransaction = null)
    {
        if (!OrderStates.May(order.State, OrderStates.Paid))
        {
            return CommerceProblems.IllegalTransition;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in order.Lines)
        {
            if (!await ledger.TrySellAsync(line.EntryId, line.Quantity, line.HoldEpoch, now.ToUnixTimeMilliseconds(), ct))
            {
                // The hold expired and someone else bought the units meanwhile.
                await transaction.RollbackAsync(ct);
                return line.Quantity > 1 ? CommerceProblems.SoldOut : CommerceProblems.Sold;
            }
        }
        if (inSameTransaction is not null)
        {
            await inSameTransaction(ct);
        }
        var from = order.State;
        order.State = OrderStates.Paid;
        order.PaidAt = now;
        order.UpdatedAt = now;
        order.PaymentReference = reference;
        Audit(order, actor, now, "order.paid", from, [new AuditChange("reference", null, null, reference)]);
        if (!await SaveAsync(ct))
        {
            return CommerceProblems.IllegalTransition;
        }
        await transaction.CommitAsync(ct);
        eviction.Evict();
        return null;
    }

    /// <summary>Cancels an order waiting for payment and gives its held units back.</summary>
    public async Task<ProblemCode?> CancelAsync(Order order, AuditActor actor, string reason, CancellationToken ct)
    {
        if (!OrderStates.May(order.State, OrderStates.Cancelled))
        {
            return CommerceProblems.IllegalTransition;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var line in order.Lines)
        {
            await ledger.ReleaseAsync(line.EntryId, line.Quantity, line.HoldEpoch, now.ToUnixTimeMilliseconds(), ct);
        }
        var from = order.State;
        order.State = OrderStates.Cancelled;
        order.UpdatedAt = now;
        Audit(order, actor, now, "order.cancelled", from, [new AuditChange("reason", null, null, reason)]);
        if (!await SaveAsync(ct))
        {
            return CommerceProblems.IllegalTransition;
        }
        await transaction.CommitAsync(ct);
        eviction.Evict();
        return null;
    }

    /// <summary>Shipped or handed over (<c>fulfilled</c>), then received (<c>completed</c>).</summary>
    public async Task<ProblemCode?> MoveAsync(Order order, string to, AuditActor actor, CancellationToken ct)
    {
        if (to is not (OrderStates.Fulfilled or OrderStates.Completed) || !OrderStates.May(order.State, to))
        {
            return CommerceProblems.IllegalTransition;
        }
        var now = clock.GetUtcNow();
        var from = order.State;
        order.State = to;
        order.UpdatedAt = now;
        Audit(order, actor, now, "order." + to, from, []);
        return await SaveAsync(ct) ? null : CommerceProblems.IllegalTransition;
    }

    /// <summary>Gives back <paramref name="amountMinor"/> (all that is left when null); the order is refunded once nothing is left.</summary>
    public async Task<ProblemCode?> RefundAsync(Order order, long? amountMinor, AuditActor actor, CancellationToken ct)
    {
        var left = order.TotalMinor - order.RefundedMinor;
        var amount = amountMinor ?? left;
        if (!OrderStates.MayRefund(order.State) || amount <= 0 || amount > left)
        {
            return CommerceProblems.IllegalTransition;
        }
        var now = clock.GetUtcNow();
        var from = order.State;
        order.RefundedMinor += amount;
        if (order.RefundedMinor == order.TotalMinor)
        {
            order.State = OrderStates.Refunded;
        }
        order.UpdatedAt = now;
        var refunded = new Kernel.Money.Money(amount, order.Currency).ToString();
        Audit(order, actor, now, order.State == OrderStates.Refunded ? "order.refunded" : "order.partially_refunded", from,
            [new AuditChange("refund", null, null, refunded)], amount);
        return await SaveAsync(ct) ? null : CommerceProblems.IllegalTransition;
    }

    /// <summary>Audits the move and, for moves the buyer hears about, writes the e-mail's event: both commit with the move.</summary>
    private void Audit(Order order, AuditActor actor, DateTimeOffset now, string action, string from, List<AuditChange> changes, long? amountMinor = null)
    {
        changes.Insert(0, new AuditChange("state", null, from, order.State));
        db.Add(AuditRecord.Of(actor, now, action, "order", order.Id.ToString(), changes));
        if (CommerceEvents.Mailed.Contains("commerce." + action))
        {
            CommerceEvents.Raise(db, "commerce." + action, order.Id, now, amountMinor);
        }
    }

    /// <summary>False when another request moved the order first (its state no longer matches what was read).</summary>
    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
