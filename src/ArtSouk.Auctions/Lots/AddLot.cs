using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Commerce.Orders;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Lots;

internal sealed record AddLotRequest(Guid? EntryId, decimal? StartingBid, decimal? Reserve, decimal? EstimateLow, decimal? EstimateHigh, DateTimeOffset? ClosesAt);

/// <summary>
/// <c>POST /api/v1/manage/auctions/{id}/lots</c>: an artwork goes into a sale. Lots are numbered in order; without
/// <c>closesAt</c> lot n closes at the sale's end plus (n-1) times the sale's lot interval (staggered closing).
/// </summary>
internal static class AddLot
{
    public static void MapAddLot(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/manage/auctions/{id:guid}/lots", AddAsync).RequireAuthorization(Policies.Administer).WithTags("Auctions")
            .WithSummary("Add a lot (an artwork entry) with starting bid, hidden reserve and estimate, all decimal SAR");
    }

    private static async Task<Results<Created<LotView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem>> AddAsync(
        Guid id, AddLotRequest request, HttpContext http, AuctionsDbContext db, IEntryAccess entries, SaleOrders commerce, TimeProvider clock, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        var errors = new ValidationErrors();
        long? Minor(string field, decimal? value, bool required)
        {
            if (value is null)
            {
                if (required)
                {
                    errors.Add(field, Say("مطلوب", "required"));
                }
                return null;
            }
            if (!Money.TryFromDecimal(value.Value, Money.Sar, out var money) || money.Minor == 0)
            {
                errors.Add(field, Say("مبلغ موجب بالريال بخانتين عشريتين على الأكثر", "a positive SAR amount with at most two decimals"));
                return null;
            }
            return money.Minor;
        }
        var starting = Minor("startingBid", request.StartingBid, required: true);
        var reserve = Minor("reserve", request.Reserve, required: false);
        var low = Minor("estimateLow", request.EstimateLow, required: false);
        var high = Minor("estimateHigh", request.EstimateHigh, required: false);
        if (request.EntryId is null)
        {
            errors.Add("entryId", Say("يلزم معرّف العمل الفني", "entryId (an artwork) is required"));
        }
        if (low is not null && high is not null && high < low)
        {
            errors.Add("estimateHigh", Say("التقدير الأعلى لا يقل عن الأدنى", "estimateHigh is not below estimateLow"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        if (await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } sale)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Say($"لا يوجد مزاد {id}", $"No auction {id}."));
        }
        if (await entries.AccessAsync(http.User, request.EntryId!.Value, ct) is not { } entry)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Say($"لا يوجد عمل {request.EntryId}", $"No entry {request.EntryId}."));
        }
        if (entry.Type != "artwork")
        {
            return new UnprocessableProblem(AuctionsProblems.NotArtwork, Say($"لا تُعرض في المزاد إلا الأعمال الفنية، لا {entry.Type}", $"Only artworks go to auction, not a {entry.Type}"));
        }
        var entryId = request.EntryId!.Value;
        if (await db.Lots.AnyAsync(l => l.EntryId == entryId && l.State != LotStates.Closed, ct))
        {
            return new ConflictProblem(ProblemCode.Conflict, Say("هذا العمل معروض في مزاد مفتوح", "This work is already in an open lot"));
        }
        var now = clock.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            var number = (await db.Lots.Where(l => l.SaleId == id).MaxAsync(l => (int?)l.Number, ct) ?? 0) + 1;
            var closes = request.ClosesAt?.ToUniversalTime() ?? sale.EndsAt.AddSeconds((double)sale.LotIntervalSeconds * (number - 1));
            var lot = new Lot
            {
                SaleId = id,
                Number = number,
                EntryId = entryId,
                StartingMinor = starting!.Value,
                ReserveMinor = reserve,
                EstimateLowMinor = low,
                EstimateHighMinor = high,
                OpensAtMs = sale.StartsAt.ToUnixTimeMilliseconds(),
                EndsAtMs = closes.ToUnixTimeMilliseconds(),
                CreatedAt = now,
            };
            db.Lots.Add(lot);
            db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "lot.created", "lot", lot.Id.ToString(),
            [
                new AuditChange("entryId", null, null, lot.EntryId.ToString()),
                new AuditChange("startingBid", null, null, new Money(lot.StartingMinor, Money.Sar).ToString()),
                new AuditChange("reserve", null, null, reserve is null ? null : new Money(reserve.Value, Money.Sar).ToString()),
            ]));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation() && attempt < 5)
            {
                // Another lot took this number meanwhile; number again.
                db.ChangeTracker.Clear();
                continue;
            }
            await commerce.MarkAtAuctionAsync(lot.EntryId, entry.Type, lot.StartingMinor, ct);
            return TypedResults.Created($"/api/v1/lots/{lot.Id}", LotView.Of(lot, SaleRules.TermsOf(sale, lot), now));
        }
    }
}
