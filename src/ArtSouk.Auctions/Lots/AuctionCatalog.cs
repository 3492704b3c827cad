using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Kernel.Auctions;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Lots;

/// <summary>The site's view of sales and lots: the same <see cref="LotView"/> the API answers, as the kernel's records.</summary>
internal sealed class AuctionCatalog(AuctionsDbContext db, TimeProvider clock) : IAuctionCatalog
{
    public async Task<IReadOnlyList<AuctionSaleSummary>> SalesAsync(int limit, CancellationToken cancellationToken)
    {
        var sales = await db.Sales.AsNoTracking().OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id).Take(limit).ToListAsync(cancellationToken);
        return sales.Select(s => Summary(s, [])).ToArray();
    }

    public async Task<AuctionSaleSummary?> SaleAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } sale)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var lots = await db.Lots.AsNoTracking().Where(l => l.SaleId == id).OrderBy(l => l.Number).ToListAsync(cancellationToken);
        return Summary(sale, lots.Select(l => Summary(LotView.Of(l, SaleRules.TermsOf(sale, l), now))).ToArray());
    }

    public async Task<(AuctionSaleSummary Sale, AuctionLotSummary Lot)?> LotAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken) is not { } lot)
        {
            return null;
        }
        var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == lot.SaleId, cancellationToken);
        return (Summary(sale, []), Summary(LotView.Of(lot, SaleRules.TermsOf(sale, lot), clock.GetUtcNow())));
    }

    private static AuctionSaleSummary Summary(Sale s, IReadOnlyList<AuctionLotSummary> lots) =>
        new(s.Id, s.TitleAr, s.TitleEn, s.DescriptionAr, s.DescriptionEn, s.Type, s.StartsAt, s.EndsAt, lots, s.CoverEntryId);

    private static AuctionLotSummary Summary(LotView v) => new(v.Id, v.SaleId, v.Number, v.EntryId, v.State, v.Outcome, v.StartingBid, v.CurrentBid,
        v.NextValidAmount, v.OpensAt, v.EndsAt, v.HasReserve, v.ReserveMet, v.EstimateLow, v.EstimateHigh, v.BidCount, v.LeadingPaddle);
}
