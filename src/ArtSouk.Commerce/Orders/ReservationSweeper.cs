using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Orders;

/// <summary>
/// Cancels orders whose hold expired without payment, every minute. Stock is free the moment a hold expires (the
/// reservation guard ignores expired holds); this job only closes the orders and clears what Delivery shows, and passes
/// cancelled orders' seats and lapsed waiting-list offers to the next person waiting.
/// </summary>
internal sealed class ReservationSweeper(CommerceDbContext db, OrderTransitions transitions, Tickets.WaitingList waiting, TimeProvider clock)
{
    public const string JobId = "commerce-expired-reservations";

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // A card payment may have succeeded without its webhook arriving yet; those are left to PaymentReconciliation.
        var expired = await db.Orders.Where(o => o.State == OrderStates.PendingPayment && o.ReservedUntil < now && o.PaymentIntentId == null)
            .OrderBy(o => o.ReservedUntil).Select(o => o.Id).Take(200).ToListAsync(ct);
        var cancelled = 0;
        foreach (var id in expired)
        {
            // Loaded one at a time: a transition that loses a race clears the tracker, which must not detach the next order.
            if (await db.Orders.SingleOrDefaultAsync(o => o.Id == id && o.State == OrderStates.PendingPayment, ct) is not { } order)
            {
                continue;
            }
            if (await transitions.CancelAsync(order, AuditActor.System(JobId), "reservation expired", ct) is null)
            {
                cancelled++;
            }
        }
        // Seats held off a waiting list that nobody claimed in time go to the next person in line.
        await waiting.LapseAsync(ct);
        return cancelled;
    }
}
