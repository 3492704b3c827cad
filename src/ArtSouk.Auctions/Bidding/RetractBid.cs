using ArtSouk.Auctions.Live;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Bidding;

/// <summary>
/// Bids are binding; only an administrator retracts one, and the retraction is audited. The lot's book is rebuilt by
/// replaying the remaining bids in the server's order through the same rule, and written under the version guard.
/// </summary>
internal static class RetractBid
{
    public static void MapRetractBid(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/manage/lots/{id:guid}/bids/{bidId:long}/retract", RetractAsync).RequireAuthorization(Policies.Administer).WithTags("Auctions")
            .WithSummary("Retract a bid on an open lot (administrators only, audited); the price is recomputed from the remaining bids");
    }

    private static async Task<Results<Ok<LotView>, NotFoundProblem, ConflictProblem>> RetractAsync(
        Guid id, long bidId, HttpContext http, AuctionsDbContext db, LotBroadcast broadcast, TimeProvider clock, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct) is not { } lot)
            {
                return LotsApi.NoLot(http, id);
            }
            if (await db.Bids.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bidId && b.LotId == id && b.Kind == BidKinds.Bid && b.RetractedAt == null, ct) is not { } target)
            {
                return new NotFoundProblem(ProblemCode.NotFound, Say($"لا توجد مزايدة {bidId} قائمة على القطعة", $"No standing bid {bidId} on lot {id}."));
            }
            var now = clock.GetUtcNow();
            if (lot.State != LotStates.Open || lot.EndsAtMs <= now.ToUnixTimeMilliseconds())
            {
                return new ConflictProblem(AuctionsProblems.LotClosed, Say("لا تُسحب مزايدة بعد إغلاق القطعة", "A bid cannot be retracted once the lot has closed"));
            }
            var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == lot.SaleId, ct);
            var terms = SaleRules.TermsOf(sale, lot);
            var remaining = await db.Bids.AsNoTracking().Where(b => b.LotId == id && b.Kind == BidKinds.Bid && b.RetractedAt == null && b.Id != bidId)
                .OrderBy(b => b.Id).ToListAsync(ct);
            var book = Book.Empty;
            long? leaderPaddle = null;
            foreach (var bid in remaining)
            {
                var outcome = ProxyAuction.Place(book, terms, bid.BidderId, bid.AmountMinor, bid.MaxMinor);
                if (outcome.Accepted)
                {
                    book = outcome.Book;
                    leaderPaddle = book.Leader == bid.BidderId ? bid.Paddle : leaderPaddle;
                }
            }
            var version = lot.Version;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = await db.Lots.Where(l => l.Id == id && l.Version == version && l.State == LotStates.Open)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Version, version + 1)
                    .SetProperty(l => l.PriceMinor, book.PriceMinor)
                    .SetProperty(l => l.LeaderId, book.Leader)
                    .SetProperty(l => l.LeaderPaddle, book.Leader is null ? null : leaderPaddle)
                    .SetProperty(l => l.LeaderMaxMinor, book.LeaderMaxMinor)
                    .SetProperty(l => l.RunnerUpMaxMinor, book.RunnerUpMaxMinor)
                    .SetProperty(l => l.BidCount, remaining.Count), ct);
            if (moved == 0)
            {
                await transaction.RollbackAsync(ct);
                continue;
            }
            var by = AuditActor.From(http.User);
            // The proxy raises were made against the retracted bid; they go with it, and the rebuilt price stands as one raise.
            await db.Bids.Where(b => b.LotId == id && (b.Id == bidId || (b.Kind == BidKinds.Proxy && b.RetractedAt == null)))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.RetractedAt, now).SetProperty(b => b.RetractedBy, by.UserId), ct);
            if (book.Leader is { } leader && remaining.LastOrDefault(b => b.BidderId == leader)?.AmountMinor != book.PriceMinor)
            {
                db.Bids.Add(new Bid
                {
                    LotId = id, BidderId = leader, Paddle = leaderPaddle ?? 0, Kind = BidKinds.Proxy, AmountMinor = book.PriceMinor,
                    MaxMinor = book.LeaderMaxMinor, PriceAfterMinor = book.PriceMinor, Leading = true, PlacedAt = now,
                });
            }
            db.Add(AuditRecord.Of(by, now, "bid.retracted", "lot", id.ToString(),
            [
                new AuditChange("bid", null, bidId, null),
                new AuditChange("amount", null, new Money(target.AmountMinor, Money.Sar).ToString(), null),
                new AuditChange("price", null, new Money(lot.PriceMinor, Money.Sar).ToString(), new Money(book.PriceMinor, Money.Sar).ToString()),
            ]));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            await broadcast.BidAcceptedAsync(id, book.PriceMinor, book.Leader is null ? null : leaderPaddle, terms.NextValid(book), lot.EndsAtMs, false, terms.ReserveMet(book), remaining.Count, now);
            return TypedResults.Ok((await LotsApi.ViewAsync(db, id, now, ct))!);
        }
        return new ConflictProblem(ProblemCode.Conflict, Say("القطعة مشغولة بمزايدات الآن؛ أعد المحاولة", "The lot is busy with bids; try again"));
    }
}
