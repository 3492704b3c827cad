using System.Security.Claims;
using ArtSouk.Auctions.Bidding;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Lots;

internal sealed record BidHistory(IReadOnlyList<BidHistoryItem> Items);

internal sealed record WatchView(Guid LotId, bool Watching);

/// <summary>A lot, its anonymized bid history, and watching it.</summary>
internal static class LotsApi
{
    public static void MapLotsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/lots").WithTags("Auctions");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A lot: state, current bid, next valid amount, end (after soft-close extensions), whether the reserve is met");
        group.MapGet("/{id:guid}/bids", BidsAsync).WithSummary("The lot's accepted bids, newest first: paddle number, amount, time; never names or maxima");
        group.MapPost("/{id:guid}/watch", WatchAsync).RequireAuthorization().WithSummary("Watch a lot");
        group.MapDelete("/{id:guid}/watch", UnwatchAsync).RequireAuthorization().WithSummary("Stop watching a lot");
    }

    public static async Task<LotView?> ViewAsync(AuctionsDbContext db, Guid id, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.Lots.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, ct) is not { } lot)
        {
            return null;
        }
        var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == lot.SaleId, ct);
        return LotView.Of(lot, SaleRules.TermsOf(sale, lot), now);
    }

    private static async Task<Results<Ok<LotView>, NotFoundProblem>> GetAsync(Guid id, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct) =>
        await ViewAsync(db, id, clock.GetUtcNow(), ct) is { } view ? TypedResults.Ok(view) : NoLot(http, id);

    private static async Task<Results<Ok<BidHistory>, NotFoundProblem>> BidsAsync(Guid id, HttpContext http, AuctionsDbContext db, CancellationToken ct)
    {
        if (!await db.Lots.AnyAsync(l => l.Id == id, ct))
        {
            return NoLot(http, id);
        }
        var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == id && b.RetractedAt == null).OrderByDescending(b => b.Id).Take(500)
            .Select(b => new { b.Id, b.Paddle, b.AmountMinor, b.Kind, b.PlacedAt }).ToListAsync(ct);
        return TypedResults.Ok(new BidHistory(bids.Select(b => new BidHistoryItem(b.Id, b.Paddle, LotView.Sar(b.AmountMinor), b.Kind, b.PlacedAt)).ToArray()));
    }

    private static async Task<Results<Ok<WatchView>, ForbiddenProblem, NotFoundProblem>> WatchAsync(Guid id, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var user))
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "المتابعة لأصحاب الحسابات", "Watching needs a person's account"));
        }
        if (!await db.Lots.AnyAsync(l => l.Id == id, ct))
        {
            return NoLot(http, id);
        }
        if (!await db.Watches.AnyAsync(w => w.LotId == id && w.UserId == user, ct))
        {
            db.Watches.Add(new Watch { LotId = id, UserId = user, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Watched twice at once: watching it is.
            }
        }
        return TypedResults.Ok(new WatchView(id, true));
    }

    private static async Task<Results<Ok<WatchView>, ForbiddenProblem>> UnwatchAsync(Guid id, HttpContext http, AuctionsDbContext db, CancellationToken ct)
    {
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var user))
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "المتابعة لأصحاب الحسابات", "Watching needs a person's account"));
        }
        await db.Watches.Where(w => w.LotId == id && w.UserId == user).ExecuteDeleteAsync(ct);
        return TypedResults.Ok(new WatchView(id, false));
    }

    public static NotFoundProblem NoLot(HttpContext http, Guid id) => new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا توجد قطعة {id}", $"No lot {id}."));
}
