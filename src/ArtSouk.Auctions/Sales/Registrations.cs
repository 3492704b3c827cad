using System.Security.Claims;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Auctions.Sales;

internal sealed record RegistrationView(Guid SaleId, Guid BidderId, long Paddle, string State, DateTimeOffset CreatedAt)
{
    public static RegistrationView Of(Registration r) => new(r.SaleId, r.BidderId, r.Paddle, r.State, r.CreatedAt);
}

/// <summary>
/// Registration to bid: one per person and sale, its paddle number shown beside their bids instead of their name.
/// Approval by an administrator unless the sale switched it off; then the first bid registers.
/// </summary>
internal static class Registrations
{
    public static void MapRegistrations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auctions/{id:guid}/registrations", RegisterAsync).RequireAuthorization().WithTags("Auctions")
            .WithSummary("Register to bid in a sale: 201 approved (or pending when the sale needs approval); again returns the same registration");
        var manage = app.MapGroup("/api/v1/manage/auctions/{id:guid}/registrations").RequireAuthorization(Policies.Administer).WithTags("Auctions");
        manage.MapGet("/", ListAsync).WithSummary("A sale's registrations");
        manage.MapPost("/{paddle:long}/approve", (Guid id, long paddle, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct) =>
            DecideAsync(id, paddle, RegistrationStates.Approved, http, db, clock, ct)).WithSummary("Approve a bidder");
        manage.MapPost("/{paddle:long}/reject", (Guid id, long paddle, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct) =>
            DecideAsync(id, paddle, RegistrationStates.Rejected, http, db, clock, ct)).WithSummary("Reject a bidder");
    }

    /// <summary>The bidder's paddle if they may bid in <paramref name="sale"/>; registers them on the spot when the sale needs no approval.</summary>
    public static async Task<long?> PaddleForBidAsync(AuctionsDbContext db, Sale sale, Guid bidder, DateTimeOffset now, CancellationToken ct)
    {
        var registration = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.SaleId == sale.Id && r.BidderId == bidder, ct)
            ?? (sale.BiddersNeedApproval ? null : await EnsureAsync(db, sale, bidder, now, ct));
        return registration is { State: RegistrationStates.Approved } ? registration.Paddle : null;
    }

    private static async Task<Registration> EnsureAsync(AuctionsDbContext db, Sale sale, Guid bidder, DateTimeOffset now, CancellationToken ct)
    {
        var registration = new Registration
        {
            SaleId = sale.Id,
            BidderId = bidder,
            State = sale.BiddersNeedApproval ? RegistrationStates.Pending : RegistrationStates.Approved,
            CreatedAt = now,
        };
        db.Registrations.Add(registration);
        try
        {
            await db.SaveChangesAsync(ct);
            db.Entry(registration).State = EntityState.Detached;
            return registration;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same person registered in a parallel request; theirs is the registration.
            db.ChangeTracker.Clear();
            return await db.Registrations.AsNoTracking().SingleAsync(r => r.SaleId == sale.Id && r.BidderId == bidder, ct);
        }
    }

    private static async Task<Results<Created<RegistrationView>, Ok<RegistrationView>, ForbiddenProblem, NotFoundProblem>> RegisterAsync(
        Guid id, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var bidder))
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "التسجيل لأصحاب الحسابات", "Registration needs a person's account"));
        }
        if (await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } sale)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد مزاد {id}", $"No auction {id}."));
        }
        if (await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.SaleId == id && r.BidderId == bidder, ct) is { } existing)
        {
            return TypedResults.Ok(RegistrationView.Of(existing));
        }
        var registration = await EnsureAsync(db, sale, bidder, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/auctions/{id}/registrations", RegistrationView.Of(registration));
    }

    private static async Task<Ok<RegistrationView[]>> ListAsync(Guid id, AuctionsDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Registrations.AsNoTracking().Where(r => r.SaleId == id).OrderBy(r => r.Paddle).Take(1000).ToListAsync(ct))
            .Select(RegistrationView.Of).ToArray());

    private static async Task<Results<Ok<RegistrationView>, NotFoundProblem>> DecideAsync(
        Guid id, long paddle, string state, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Registrations.SingleOrDefaultAsync(r => r.SaleId == id && r.Paddle == paddle, ct) is not { } registration)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد تسجيل برقم {paddle}", $"No registration with paddle {paddle}."));
        }
        var now = clock.GetUtcNow();
        var before = registration.State;
        registration.State = state;
        registration.DecidedAt = now;
        registration.DecidedBy = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "registration." + state, "registration", $"{id}/{paddle}",
            [new AuditChange("state", null, before, state)]));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(RegistrationView.Of(registration));
    }
}
