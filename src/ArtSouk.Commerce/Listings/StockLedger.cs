using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Listings;

/// <summary>
/// Moves stock by single conditional UPDATEs, never read-then-write: the WHERE clause is the check, so of N buyers racing
/// for the last unit the database lets exactly one through (PostgreSQL re-checks the guard on the row the winner
/// committed; SQLite runs writers one at a time). Holds expire by time inside the guard itself: a hold whose
/// <c>holds_until_ms</c> has passed counts as free stock before any sweeper runs.
/// </summary>
/// <remarks>
/// Holds on one listing share one expiry, the latest one's; an edition whose holds overlap keeps the earlier ones a
/// little longer. Orders remember the epoch their hold was taken in; dropping expired holds bumps the epoch, so a late
/// release or sale never subtracts a hold that is no longer counted.
/// </remarks>
internal sealed class StockLedger(CommerceDbContext db)
{
    private string Table(StockTarget target) => (db.IsPostgres() ? "commerce." : "") + (target.TicketTypeId is null ? "listings" : "ticket_types");

    private static string KeyColumn(StockTarget target) => target.TicketTypeId is null ? "entry_id" : "id";

    private static string StockColumn(StockTarget target) => target.TicketTypeId is null ? "stock" : "capacity";

    private object Key(StockTarget target) => Key(target.TicketTypeId ?? target.EntryId);

    // EF Core stores Guid as upper-case text on SQLite; raw SQL must bind it the same way.
    private object Key(Guid id) => db.IsPostgres() ? id : id.ToString().ToUpperInvariant();

    /// <summary>Holds <paramref name="quantity"/> units until <paramref name="untilMs"/>; the hold's epoch, or null when not enough is free.</summary>
    public async Task<long?> TryReserveAsync(StockTarget target, int quantity, long nowMs, long untilMs, CancellationToken ct)
    {
        var sql = $$"""
            UPDATE {{Table(target)}} SET
                hold_epoch = CASE WHEN holds_until_ms > {1} THEN hold_epoch ELSE hold_epoch + 1 END,
                reserved = CASE WHEN holds_until_ms > {1} THEN reserved ELSE 0 END + {2},
                holds_until_ms = CASE WHEN holds_until_ms > {3} THEN holds_until_ms ELSE {3} END
            WHERE {{KeyColumn(target)}} = {0} AND availability = 'available'
                AND {{StockColumn(target)}} - sold - CASE WHEN holds_until_ms > {1} THEN reserved ELSE 0 END >= {2}
            RETURNING hold_epoch AS "Value"
            """;
        var epochs = await db.Database.SqlQueryRaw<long>(sql, Key(target), nowMs, quantity, untilMs).ToListAsync(ct);
        if (epochs.Count != 1)
        {
            return null;
        }
        Changed(target, nowMs);
        return epochs[0];
    }

    /// <summary>Gives back a hold taken in <paramref name="epoch"/>, if it is still counted.</summary>
    public async Task<int> ReleaseAsync(StockTarget target, int quantity, long epoch, long nowMs, CancellationToken ct)
    {
        var sql = $$"""
            UPDATE {{Table(target)}} SET reserved = CASE WHEN reserved > {2} THEN reserved - {2} ELSE 0 END
            WHERE {{KeyColumn(target)}} = {0} AND hold_epoch = {3} AND holds_until_ms > {1}
            """;
        var released = await db.Database.ExecuteSqlRawAsync(sql, [Key(target), nowMs, quantity, epoch], ct);
        // Announced even when nothing was released: a hold that lapsed turned "reserved" into "available" by time alone,
        // with no update to raise the event then, and the order's cancellation (the sweeper's, within a minute) is the
        // first moment anyone hears of it.
        Changed(target, nowMs);
        return released;
    }

    /// <summary>
    /// Turns an order's hold into a sale: its own still-counted hold, or else free stock (a hold that expired but was not
    /// taken by anyone). A listing sold out this way is marked sold. False when the units went to someone else.
    /// </summary>
    public async Task<bool> TrySellAsync(StockTarget target, int quantity, long epoch, long nowMs, CancellationToken ct)
    {
        var sql = $$"""
            UPDATE {{Table(target)}} SET
                sold = sold + {2},
                reserved = CASE WHEN holds_until_ms > {1} AND hold_epoch = {3} THEN (CASE WHEN reserved > {2} THEN reserved - {2} ELSE 0 END)
                                WHEN holds_until_ms > {1} THEN reserved ELSE 0 END,
                availability = CASE WHEN sold + {2} >= {{StockColumn(target)}} THEN 'sold' ELSE availability END
            WHERE {{KeyColumn(target)}} = {0} AND (
                (holds_until_ms > {1} AND hold_epoch = {3} AND reserved >= {2})
                OR (availability = 'available' AND {{StockColumn(target)}} - sold - CASE WHEN holds_until_ms > {1} THEN reserved ELSE 0 END >= {2}))
            """;
        if (await db.Database.ExecuteSqlRawAsync(sql, [Key(target), nowMs, quantity, epoch], ct) != 1)
        {
            return false;
        }
        Changed(target, nowMs);
        return true;
    }

    /// <summary>
    /// A full refund gives the units back: sold goes down and a listing or ticket type that read <c>sold</c> is available
    /// again (one the seller withdrew stays withdrawn).
    /// </summary>
    public async Task<int> RestockAsync(StockTarget target, int quantity, long nowMs, CancellationToken ct)
    {
        var sql = $$"""
            UPDATE {{Table(target)}} SET
                sold = CASE WHEN sold > {1} THEN sold - {1} ELSE 0 END,
                availability = CASE WHEN availability = 'sold' THEN 'available' ELSE availability END
            WHERE {{KeyColumn(target)}} = {0}
            """;
        var restocked = await db.Database.ExecuteSqlRawAsync(sql, [Key(target), quantity], ct);
        if (restocked > 0)
        {
            Changed(target, nowMs);
        }
        return restocked;
    }

    /// <summary>
    /// A listing's or a ticket type's availability and stock moved: the event joins the caller's unit of work (every
    /// caller saves in the transaction of the update), so search hears of it exactly when the change commits. An event's
    /// seats are part of what search shows of it (its lowest price and whether seats are left), so they raise it too.
    /// </summary>
    private void Changed(StockTarget target, long nowMs) =>
        Mail.CommerceEvents.Raise(db, Mail.CommerceEvents.ListingChanged, target.EntryId, DateTimeOffset.FromUnixTimeMilliseconds(nowMs));
}

/// <summary>What a line's units are counted on: the entry's listing, or one of its ticket types.</summary>
internal readonly record struct StockTarget(Guid EntryId, Guid? TicketTypeId)
{
    public static StockTarget Of(Orders.OrderLine line) => new(line.EntryId, line.TicketTypeId);
}
