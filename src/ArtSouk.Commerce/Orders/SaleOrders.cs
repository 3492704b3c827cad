using System.Security.Cryptography;
using System.Text;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Orders;

/// <summary>Where the winner's order stands: still to pay, paid (or beyond), or abandoned (cancelled, refunded).</summary>
public enum WonLotPayment
{
    Pending,
    Paid,
    Abandoned,
}

/// <summary>What a won lot became in commerce: the order the winner pays, and whether this call created it.</summary>
public sealed record WonLotOrder(Guid OrderId, long TotalMinor, bool Created);

/// <summary>
/// Commerce's contract for sales decided elsewhere (an auction's hammer): a work is put up for auction, and a won lot
/// becomes an order pending payment. Auctions calls this; Commerce never calls Auctions.
/// </summary>
public sealed class SaleOrders
{
    /// <summary>How long the winner has to pay before the order may be cancelled.</summary>
    public static readonly TimeSpan PaymentTerm = TimeSpan.FromDays(7);

    private readonly CommerceDbContext _db;
    private readonly StockLedger _ledger;
    private readonly TimeProvider _clock;

    internal SaleOrders(CommerceDbContext db, StockLedger ledger, TimeProvider clock)
    {
        _db = db;
        _ledger = ledger;
        _clock = clock;
    }

    /// <summary>The work goes under the hammer: its listing reads <c>at_auction</c>, so no one can buy it at a fixed price meanwhile.</summary>
    public async Task MarkAtAuctionAsync(Guid entryId, string entryType, long startingMinor, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var updated = await _db.Listings.Where(l => l.EntryId == entryId && l.Availability != Availability.Sold)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Availability, Availability.AtAuction).SetProperty(l => l.UpdatedAt, now), ct);
        if (updated == 0 && !await _db.Listings.AnyAsync(l => l.EntryId == entryId, ct))
        {
            _db.Listings.Add(new Listing { EntryId = entryId, EntryType = entryType, PriceMinor = startingMinor, Availability = Availability.AtAuction, UpdatedAt = now });
            try
            {
                await _db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Created meanwhile by another request; the next lot on it marks it again.
                _db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// The lot passed (reserve not met, no bids, the auctioneer's pass): a listing still <c>at_auction</c> is available
    /// at a fixed price again. Nothing changes for a listing in any other state, so calling it twice is harmless.
    /// </summary>
    public async Task ReturnFromAuctionAsync(Guid entryId, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        await _db.Listings.Where(l => l.EntryId == entryId && l.Availability == Availability.AtAuction)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Availability, Availability.Available).SetProperty(l => l.UpdatedAt, now), ct);
    }

    /// <summary>
    /// Creates the winner's order, pending payment, for hammer + premium + VAT on the premium. Idempotent per
    /// <paramref name="idempotencyKey"/> (one per lot): the order's id is derived from it, so a second call (a closer
    /// run twice, restarted mid-close) finds the first order instead of making another.
    /// </summary>
    public async Task<WonLotOrder> CreateForWonLotAsync(Guid buyerId, Guid entryId, long hammerMinor, long premiumMinor, long premiumVatMinor,
        string idempotencyKey, string locale, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var id = OrderIdFor(idempotencyKey);
        if (await _db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is { } existing)
        {
            return new WonLotOrder(existing.Id, existing.TotalMinor, Created: false);
        }
        var now = _clock.GetUtcNow();
        var until = now + PaymentTerm;
        var total = hammerMinor + premiumMinor + premiumVatMinor;
        var order = new Order
        {
            Id = id,
            BuyerId = buyerId,
            PaymentMethod = Checkout.PaymentMethods.BankTransfer,
            Locale = locale,
            CreatedAt = now,
            ReservedUntil = until,
            TotalMinor = total,
            VatMinor = premiumVatMinor,
        };
        await using var transaction = await _db.Database.BeginTransactionAsync(ct);
        // The work is held for the winner as a checkout would hold it, so paying sells it through the same ledger.
        await _db.Listings.Where(l => l.EntryId == entryId && l.Availability == Availability.AtAuction)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Availability, Availability.Available).SetProperty(l => l.PriceMinor, total).SetProperty(l => l.UpdatedAt, now), ct);
        var epoch = await _ledger.TryReserveAsync(new StockTarget(entryId, null), 1, now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), ct);
        order.Lines.Add(new OrderLine { OrderId = id, EntryId = entryId, Quantity = 1, UnitMinor = total, HoldEpoch = epoch ?? -1 });
        _db.Orders.Add(order);
        _db.Add(AuditRecord.Of(AuditActor.System("auctions"), now, "order.created", "order", id.ToString(),
        [
            new AuditChange("state", null, null, order.State),
            new AuditChange("hammer", null, null, new Money(hammerMinor, Money.Sar).ToString()),
            new AuditChange("premium", null, null, new Money(premiumMinor, Money.Sar).ToString()),
            new AuditChange("premiumVat", null, null, new Money(premiumVatMinor, Money.Sar).ToString()),
        ]));
        CommerceEvents.Raise(_db, CommerceEvents.OrderCreated, id, now);
        try
        {
            await _db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new WonLotOrder(id, total, Created: true);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            await transaction.RollbackAsync(ct);
            _db.ChangeTracker.Clear();
            var first = await _db.Orders.AsNoTracking().SingleAsync(o => o.Id == id, ct);
            return new WonLotOrder(first.Id, first.TotalMinor, Created: false);
        }
    }

    /// <summary>Whether the winner has paid for the order: paid (or beyond), still pending, or abandoned (cancelled, refunded, unknown).</summary>
    public async Task<WonLotPayment> PaymentOfAsync(Guid orderId, CancellationToken ct) =>
        await _db.Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.State).SingleOrDefaultAsync(ct) switch
        {
            OrderStates.PendingPayment => WonLotPayment.Pending,
            OrderStates.Paid or OrderStates.Fulfilled or OrderStates.Completed => WonLotPayment.Paid,
            _ => WonLotPayment.Abandoned,
        };

    /// <summary>A stable order id per key: the primary key is what makes a second creation fail.</summary>
    public static Guid OrderIdFor(string idempotencyKey)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("artsouk.won-lot:" + idempotencyKey));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
