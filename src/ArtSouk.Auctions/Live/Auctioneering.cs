using ArtSouk.Auctions.Closing;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Live;

/// <summary>
/// The auctioneer's calls in a live sale (the manager's console): open a lot to bids now, fair warning (pushed to the
/// room), hammer (closed at once: sold to the leader when the reserve is met, else passed) and pass (closed unsold).
/// Closing goes through the same claim as the closing job, so a hammer racing the job or a bid still closes once.
/// </summary>
internal static class Auctioneering
{
    public static void MapAuctioneering(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/lots/{id:guid}").RequireAuthorization(Policies.Administer).WithTags("Auctions");
        group.MapPost("/open", OpenAsync).WithSummary("Live sales: open the lot to bids now (the room sees it as the current lot)");
        group.MapPost("/fair-warning", WarnAsync).WithSummary("Live sales: fair warning, pushed to everyone watching the lot");
        group.MapPost("/hammer", (Guid id, HttpContext http, AuctionsDbContext db, LotCloser closer, TimeProvider clock, CancellationToken ct) =>
            CloseAsync(id, pass: false, http, db, closer, clock, ct)).WithSummary("Live sales: hammer — sold to the leader when the reserve is met, else passed");
        group.MapPost("/pass", (Guid id, HttpContext http, AuctionsDbContext db, LotCloser closer, TimeProvider clock, CancellationToken ct) =>
            CloseAsync(id, pass: true, http, db, closer, clock, ct)).WithSummary("Live sales: pass the lot unsold");
    }

    private static async Task<(Lot? Lot, ConflictProblem? Refusal)> LiveLotAsync(Guid id, HttpContext http, AuctionsDbContext db, CancellationToken ct)
    {
        if (await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct) is not { } lot)
        {
            return (null, null);
        }
        var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == lot.SaleId, ct);
        if (sale.Type != SaleTypes.Live)
        {
            return (lot, new ConflictProblem(AuctionsProblems.NotLive, Locales.Say(http.Request, "هذه القطعة في مزاد موقوت يُغلق بالوقت لا بالمطرقة",
                "This lot is in a timed sale: it closes by the clock, not by the hammer")));
        }
        if (lot.State != LotStates.Open)
        {
            return (lot, new ConflictProblem(AuctionsProblems.LotClosed, Locales.Say(http.Request, "أُغلقت هذه القطعة", "This lot has closed")));
        }
        return (lot, null);
    }

    private static async Task<Results<Ok<LotView>, NotFoundProblem, ConflictProblem>> OpenAsync(
        Guid id, HttpContext http, AuctionsDbContext db, LotBroadcast broadcast, TimeProvider clock, CancellationToken ct)
    {
        var (lot, refusal) = await LiveLotAsync(id, http, db, ct);
        if (lot is null)
        {
            return LotsApi.NoLot(http, id);
        }
        if (refusal is not null)
        {
            return refusal;
        }
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        // Only ever earlier: bids already left on the lot (absentee bids) stand.
        await db.Lots.Where(l => l.Id == id && l.State == LotStates.Open && l.OpensAtMs > nowMs).ExecuteUpdateAsync(s => s.SetProperty(l => l.OpensAtMs, nowMs), ct);
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "lot.opened", "lot", id.ToString(), []));
        await db.SaveChangesAsync(ct);
        await broadcast.AuctioneerAsync(id, "opened", now);
        return TypedResults.Ok((await LotsApi.ViewAsync(db, id, now, ct))!);
    }

    private static async Task<Results<Ok<LotView>, NotFoundProblem, ConflictProblem>> WarnAsync(
        Guid id, HttpContext http, AuctionsDbContext db, LotBroadcast broadcast, TimeProvider clock, CancellationToken ct)
    {
        var (lot, refusal) = await LiveLotAsync(id, http, db, ct);
        if (lot is null)
        {
            return LotsApi.NoLot(http, id);
        }
        if (refusal is not null)
        {
            return refusal;
        }
        var now = clock.GetUtcNow();
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "lot.fair-warning", "lot", id.ToString(), []));
        await db.SaveChangesAsync(ct);
        await broadcast.AuctioneerAsync(id, "warning", now);
        return TypedResults.Ok((await LotsApi.ViewAsync(db, id, now, ct))!);
    }

    private static async Task<Results<Ok<LotView>, NotFoundProblem, ConflictProblem>> CloseAsync(
        Guid id, bool pass, HttpContext http, AuctionsDbContext db, LotCloser closer, TimeProvider clock, CancellationToken ct)
    {
        var (lot, refusal) = await LiveLotAsync(id, http, db, ct);
        if (lot is null)
        {
            return LotsApi.NoLot(http, id);
        }
        if (refusal is not null)
        {
            return refusal;
        }
        if (!await closer.CloseNowAsync(id, pass, AuditActor.From(http.User), ct))
        {
            // The closing job or another hammer claimed it first; it closes once, there.
            return new ConflictProblem(AuctionsProblems.LotClosed, Locales.Say(http.Request, "أُغلقت هذه القطعة", "This lot has closed"));
        }
        return TypedResults.Ok((await LotsApi.ViewAsync(db, id, clock.GetUtcNow(), ct))!);
    }
}
