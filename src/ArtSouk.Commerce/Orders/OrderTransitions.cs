using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Payments;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Problems;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Orders;

/// <summary>
/// Moves orders between states. Each move is one transaction: the stock counters (a sale, a released hold), the new
/// state (a concurrency token) and the audit record commit together or not at all.
/// </summary>
internal sealed class OrderTransitions(CommerceDbContext db, StockLedger ledger, TimeProvider clock, DeliveryEviction eviction, Tickets.WaitingList waiting)
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
            if (!await ledger.TrySellAsync(StockTarget.Of(line), line.Quantity, line.HoldEpoch, now.ToUnixTimeMilliseconds(), ct))
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

    /// <summary>Cancels an order waiting for payment and gives its held units back (to the waiting list first, for tickets).</summary>
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
            await ledger.ReleaseAsync(StockTarget.Of(line), line.Quantity, line.HoldEpoch, now.ToUnixTimeMilliseconds(), ct);
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
        await OfferFreedSeatsAsync(order, ct);
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

    /// <summary>
    /// Gives back <paramref name="amountMinor"/> (all that is left when null); the order is refunded once nothing is left.
    /// A card order is refunded at the provider inside the transaction that records it: the conditional update holds
    /// the order's row until commit, so racing refunds are serialized and the loser is refused; a provider failure rolls
    /// the record back. The provider's idempotency key names this exact operation (order, amount already refunded,
    /// amount), so repeating it after a crash between the provider's answer and the commit never refunds twice.
    /// </summary>
    public async Task<ProblemCode?> RefundAsync(Order order, long? amountMinor, AuditActor actor, CancellationToken ct, IPaymentProvider? provider = null)
    {
        var left = order.TotalMinor - order.RefundedMinor;
        var amount = amountMinor ?? left;
        if (!OrderStates.MayRefund(order.State) || amount <= 0 || amount > left)
        {
            return CommerceProblems.IllegalTransition;
        }
        var now = clock.GetUtcNow();
        var from = order.State;
        var key = RefundKey(order.Id, order.RefundedMinor, amount);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        order.RefundedMinor += amount;
        if (order.RefundedMinor == order.TotalMinor)
        {
            order.State = OrderStates.Refunded;
            // Everything went back, so the goods did too: a unique work is on sale again, an edition or ticket type has the units back.
            foreach (var line in order.Lines)
            {
                await ledger.RestockAsync(StockTarget.Of(line), line.Quantity, now.ToUnixTimeMilliseconds(), ct);
            }
        }
        order.UpdatedAt = now;
        var refunded = new Kernel.Money.Money(amount, order.Currency).ToString();
        var changes = new List<AuditChange> { new("refund", null, null, refunded) };
        var card = order.PaymentMethod == Checkout.PaymentMethods.Card && order.PaymentIntentId is not null;
        if (card)
        {
            changes.Add(new AuditChange("idempotencyKey", null, null, key));
        }
        Audit(order, actor, now, order.State == OrderStates.Refunded ? "order.refunded" : "order.partially_refunded", from, changes, amount);
        if (!await SaveAsync(ct))
        {
            return CommerceProblems.IllegalTransition;
        }
        if (card && provider is not null)
        {
            try
            {
                await provider.RefundAsync(order.PaymentIntentId!, amount, key, ct);
            }
            catch (Exception ex) when (ex is Stripe.StripeException or HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return CommerceProblems.RefundFailed;
            }
        }
        await transaction.CommitAsync(ct);
        if (order.State == OrderStates.Refunded)
        {
            await OfferFreedSeatsAsync(order, ct);
            eviction.Evict();
        }
        return null;
    }

    /// <summary>Seats a cancelled or refunded order gave back go first to whoever waits for them.</summary>
    private async Task OfferFreedSeatsAsync(Order order, CancellationToken ct)
    {
        foreach (var ticketType in order.Lines.Select(l => l.TicketTypeId).OfType<Guid>().Distinct())
        {
            await waiting.OfferAsync(ticketType, ct);
        }
    }

    public static string RefundKey(Guid orderId, long refundedBefore, long amount) =>
        FormattableString.Invariant($"artsouk-order-{orderId:N}-refund-{refundedBefore}-{amount}");

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
