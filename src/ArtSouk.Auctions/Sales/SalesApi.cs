using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Sales;

/// <summary>Public reading of sales: the list, and one sale with its lots.</summary>
internal static class SalesApi
{
    public static void MapSalesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auctions").WithTags("Auctions");
        group.MapGet("/", ListAsync).WithSummary("Sales, the latest to start first; paged with limit (1..100, default 25) and cursor");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("A sale with its rules and lots");
    }

    private static async Task<Results<Ok<SaleList>, BadRequestProblem>> ListAsync(int? limit, string? cursor, HttpContext http, AuctionsDbContext db, CancellationToken ct)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(http.Request)));
        }
        var sales = await db.Sales.AsNoTracking().OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return TypedResults.Ok(new SaleList(sales.Take(page.Size).Select(s => SaleView.Of(s)).ToArray(), page.NextAfter(sales.Count)));
    }

    private static async Task<Results<Ok<SaleView>, NotFoundProblem>> GetAsync(Guid id, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } sale)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد مزاد {id}", $"No auction {id}."));
        }
        var now = clock.GetUtcNow();
        var lots = await db.Lots.AsNoTracking().Where(l => l.SaleId == id).OrderBy(l => l.Number).ToListAsync(ct);
        return TypedResults.Ok(SaleView.Of(sale, lots.Select(l => LotView.Of(l, SaleRules.TermsOf(sale, l), now)).ToArray()));
    }
}

internal sealed record SaleList(IReadOnlyList<SaleView> Items, string? Next);
