using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Commerce.Payments;

/// <summary>
/// Every minute, asks the card provider about orders still waiting for a card payment whose webhook has not come: a
/// payment that succeeded pays the order (as the webhook would); one still unpaid when the hold has expired is
/// withdrawn at the provider first, then the order is cancelled, so nobody pays for a work that is no longer held.
/// </summary>
internal sealed partial class PaymentReconciliation(
    CommerceDbContext db, IPaymentProvider payments, OrderTransitions transitions, Invoices.InvoiceIssuer invoices, TimeProvider clock,
    ILogger<PaymentReconciliation> logger)
{
    public const string JobId = "commerce-payment-reconciliation";

    /// <summary>Webhooks usually arrive within seconds; orders younger than this are left to them.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now - Grace;
        var waiting = await db.Orders.Where(o => o.State == OrderStates.PendingPayment && o.PaymentIntentId != null && o.CreatedAt < before)
            .OrderBy(o => o.CreatedAt).Select(o => o.Id).Take(100).ToListAsync(ct);
        var settled = 0;
        var actor = AuditActor.System(JobId);
        foreach (var id in waiting)
        {
            // One order at a time, freshly tracked: the tracker is cleared after each so a failure cannot leak into the next.
            if (await db.Orders.SingleOrDefaultAsync(o => o.Id == id && o.State == OrderStates.PendingPayment, ct) is not { } order)
            {
                continue;
            }
            try
            {
                var payment = await payments.ReadAsync(order.PaymentIntentId!, ct);
                if (payment.Succeeded && payment.Amount == order.TotalMinor)
                {
                    if (await transitions.MarkPaidAsync(order, payment.Id, actor, ct) is null)
                    {
                        await invoices.EnsureAsync(order, ct);
                        settled++;
                    }
                }
                else if (order.ReservedUntil < now)
                {
                    if (!payment.Canceled)
                    {
                        payment = await payments.CancelAsync(payment.Id, ct);
                    }
                    if (payment.Canceled && await transitions.CancelAsync(order, actor, "card payment not completed before the hold expired", ct) is null)
                    {
                        settled++;
                    }
                }
            }
            catch (Stripe.StripeException ex)
            {
                // Tried again next minute; one provider error does not hold up the other orders.
                LogFailed(logger, order.Id, ex);
            }
            db.ChangeTracker.Clear();
        }
        return settled;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reconcile the card payment of order {OrderId}")]
    private static partial void LogFailed(ILogger logger, Guid orderId, Exception exception);
}
