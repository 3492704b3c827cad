using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Orders;

/// <summary>
/// Cancels orders whose hold expired without payment, every minute. Stock is free the moment a hold expires (the
/// reservation guard ignores expired holds); this job only closes the orders and clears what Delivery shows.
/// </summary>
internal sealed class ReservationSweeper(CommerceDbContext db, OrderTransitions transitions, TimeProvider clock)
{
    public const string JobId = "commerce-expired-reservations";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = await db.Orders.Where(o => o.State == OrderStates.PendingPayment && o.ReservedUntil < now)
            .OrderBy(o => o.ReservedUntil).Take(200).ToListAsync(ct);
        var cancelled = 0;
        foreach (var order in expired)
        {
            // A card payment may have succeeded without its webhook arriving yet; those wait for reconciliation, not cancellation.
            if (order.PaymentIntentId is not null)
            {
                continue;
            }
            if (await transitions.CancelAsync(order, AuditActor.System(JobId), "reservation expired", ct) is null)
            {
                cancelled++;
            }
        }
        return cancelled;
    }
}
