using ArtSouk.Accounts.Persistence;
using ArtSouk.Auctions.Live;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Notices;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Commerce.Orders;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Auctions.Closing;

/// <summary>
/// Closes lots past their end, each exactly once: a run claims a lot by one conditional UPDATE (open and past its end,
/// or closing under a claim older than <see cref="AuctionsOptions.ClaimTimeout"/>, left by a closer that died), creates
/// the winner's order in commerce (idempotent per lot, so a taken-over close finds the first order), then marks the
/// lot closed under its own claim. Runs racing on one lot (two nodes, an overlap) see one claim succeed.
/// </summary>
internal sealed class LotCloser(AuctionsDbContext db, SaleOrders commerce, UserManager<User> users, LotBroadcast broadcast, OutboxSignal outbox, TimeProvider clock, IOptions<AuctionsOptions> options)
{
    /// <summary>Closes what is due; the number of lots this run closed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var staleMs = nowMs - (long)options.Value.ClaimTimeout.TotalMilliseconds;
        var due = await db.Lots.AsNoTracking()
            .Where(l => (l.State == LotStates.Open && l.EndsAtMs <= nowMs) || (l.State == LotStates.Closing && l.ClaimedAtMs < staleMs))
            .OrderBy(l => l.EndsAtMs).Select(l => l.Id).Take(100).ToListAsync(ct);
        var closed = 0;
        foreach (var id in due)
        {
            var token = Guid.NewGuid();
            var claimed = await db.Lots
                .Where(l => l.Id == id && ((l.State == LotStates.Open && l.EndsAtMs <= nowMs) || (l.State == LotStates.Closing && l.ClaimedAtMs < staleMs)))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.State, LotStates.Closing).SetProperty(l => l.ClaimToken, token).SetProperty(l => l.ClaimedAtMs, nowMs), ct);
            if (claimed == 1 && await CloseClaimedAsync(id, token, ct))
            {
                closed++;
            }
        }
        return closed;
    }

    /// <summary>
    /// The auctioneer's hammer (or pass) on an open lot: claimed now whatever its end, so no bid is accepted after it
    /// (bids need the lot open); a bid committed before the claim is in the price. False when already claimed or closed.
    /// </summary>
    public async Task<bool> CloseNowAsync(Guid id, bool pass, AuditActor by, CancellationToken ct)
    {
        var nowMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var token = Guid.NewGuid();
        var claimed = await db.Lots.Where(l => l.Id == id && l.State == LotStates.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.State, LotStates.Closing).SetProperty(l => l.ClaimToken, token).SetProperty(l => l.ClaimedAtMs, nowMs)
                .SetProperty(l => l.EndsAtMs, nowMs), ct);
        return claimed == 1 && await CloseClaimedAsync(id, token, ct, pass, by);
    }

    /// <summary>The winner's order (and what it sends them) is in the language they chose; Arabic when unknown.</summary>
    private async Task<string> LanguageOfAsync(Guid person) =>
        await users.FindByIdAsync(person.ToString()) is { Locale: "en" or "ar" } user ? user.Locale : "ar";

    private async Task<bool> CloseClaimedAsync(Guid id, Guid token, CancellationToken ct, bool pass = false, AuditActor? by = null)
    {
        var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == id, ct);
        var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == lot.SaleId, ct);
        var terms = SaleRules.TermsOf(sale, lot);
        var sold = !pass && terms.ReserveMet(lot.Book);
        Guid? orderId = null;
        var changes = new List<AuditChange> { new("hammer", null, null, sold ? new Money(lot.PriceMinor, Money.Sar).ToString() : null) };
        if (sold)
        {
            var premium = SaleRules.PremiumOf(sale).For(lot.PriceMinor);
            var order = await commerce.CreateForWonLotAsync(lot.LeaderId!.Value, lot.EntryId, lot.PriceMinor, premium.PremiumMinor, premium.VatMinor,
                "lot:" + lot.Id, await LanguageOfAsync(lot.LeaderId!.Value), ct);
            orderId = order.OrderId;
            changes.Add(new AuditChange("premium", null, null, new Money(premium.PremiumMinor, Money.Sar).ToString()));
            changes.Add(new AuditChange("premiumVat", null, null, new Money(premium.VatMinor, Money.Sar).ToString()));
            changes.Add(new AuditChange("order", null, null, order.OrderId.ToString()));
        }
        else if (!await db.Lots.AnyAsync(l => l.EntryId == lot.EntryId && l.Id != id && l.State != LotStates.Closed, ct))
        {
            // Passed or unsold, and offered in no other lot: the work is for sale at a fixed price again. Idempotent, so a
            // close taken over after a crash here does it again harmlessly.
            await commerce.ReturnFromAuctionAsync(lot.EntryId, ct);
        }
        var now = clock.GetUtcNow();
        var outcome = sold ? LotOutcomes.Sold : LotOutcomes.Passed;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var done = await db.Lots.Where(l => l.Id == id && l.State == LotStates.Closing && l.ClaimToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.State, LotStates.Closed).SetProperty(l => l.Outcome, outcome)
                .SetProperty(l => l.OrderId, orderId).SetProperty(l => l.ClosedAt, now), ct);
        if (done == 0)
        {
            // Another closer took the claim over as stale and finishes (with the same order).
            await transaction.RollbackAsync(ct);
            return false;
        }
        db.Add(AuditRecord.Of(by ?? AuditActor.System("auctions.closer"), now, "lot." + outcome, "lot", id.ToString(), changes));
        // Won and lost notices commit with the close, so each bidder hears once, whichever closer finished.
        await BidderNotices.ClosedAsync(db, lot, sold, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        outbox.Notify();
        await broadcast.ClosedAsync(id, outcome, sold ? lot.PriceMinor : null, lot.LeaderPaddle, now);
        return true;
    }
}
