using System.Security.Claims;
using ArtSouk.Auctions.Persistence;
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

namespace ArtSouk.Auctions.Sales;

/// <summary>A deposit as its bidder sees it: they confirm the payment with <c>clientSecret</c> (Stripe.js) while it is pending.</summary>
internal sealed record DepositView(decimal Amount, string State, string? PaymentIntentId, string? ClientSecret);

internal sealed record RegistrationView(Guid SaleId, Guid BidderId, long Paddle, string State, DateTimeOffset CreatedAt, DepositView? Deposit)
{
    public static RegistrationView Of(Registration r, string? clientSecret = null) => new(r.SaleId, r.BidderId, r.Paddle, r.State, r.CreatedAt,
        r.DepositState is null ? null : new DepositView(new Money(r.DepositMinor, Money.Sar).Amount, r.DepositState, r.DepositPaymentId,
            r.DepositState == DepositStates.Pending ? clientSecret : null));
}

/// <summary>Whether a person may bid in a sale: their paddle, or why not.</summary>
internal readonly record struct BidderStanding(long? Paddle, ProblemCode? Refusal);

/// <summary>
/// Registration to bid: one per person and sale, its paddle number shown beside their bids instead of their name.
/// Approval by an administrator unless the sale switched it off; then the first bid registers. A sale with a deposit
/// registers only here, pending until the deposit's charge succeeds (<see cref="Deposits"/>).
/// </summary>
internal static class Registrations
{
    public static void MapRegistrations(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auctions/{id:guid}/registrations", RegisterAsync).RequireAuthorization().WithTags("Auctions")
            .WithSummary("Register to bid in a sale: 201 approved (or pending when the sale needs approval or a deposit, whose payment's client secret it carries); again returns the same registration");
        var manage = app.MapGroup("/api/v1/manage/auctions/{id:guid}/registrations").RequireAuthorization(Policies.Administer).WithTags("Auctions");
        manage.MapGet("/", ListAsync).WithSummary("A sale's registrations");
        manage.MapPost("/{paddle:long}/approve", (Guid id, long paddle, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct) =>
            DecideAsync(id, paddle, RegistrationStates.Approved, http, db, clock, ct)).WithSummary("Approve a bidder");
        manage.MapPost("/{paddle:long}/reject", (Guid id, long paddle, HttpContext http, AuctionsDbContext db, TimeProvider clock, CancellationToken ct) =>
            DecideAsync(id, paddle, RegistrationStates.Rejected, http, db, clock, ct)).WithSummary("Reject a bidder");
    }

    /// <summary>
    /// The bidder's paddle if they may bid in <paramref name="sale"/>; registers them on the spot when the sale needs neither
    /// approval nor a deposit. A deposit not yet paid refuses the bid whatever the approval.
    /// </summary>
    public static async Task<BidderStanding> StandingAsync(AuctionsDbContext db, Sale sale, Guid bidder, DateTimeOffset now, CancellationToken ct) =>
        await StandingAsync(db, sale, bidder,
            await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.SaleId == sale.Id && r.BidderId == bidder, ct), now, ct);

    /// <summary>The same, for a caller that already read the bidder's registration (<c>null</c>: none) with the lot.</summary>
    public static async Task<BidderStanding> StandingAsync(AuctionsDbContext db, Sale sale, Guid bidder, Registration? read, DateTimeOffset now, CancellationToken ct)
    {
        var registration = read ?? (sale.BiddersNeedApproval || sale.DepositMinor > 0 ? null : await EnsureAsync(db, sale, bidder, now, ct));
        return registration switch
        {
            null => new(null, sale.DepositMinor > 0 ? AuctionsProblems.DepositRequired : AuctionsProblems.RegistrationRequired),
            { DepositState: DepositStates.Pending } => new(null, AuctionsProblems.DepositRequired),
            { State: RegistrationStates.Approved } => new(registration.Paddle, null),
            _ => new(null, AuctionsProblems.RegistrationRequired),
        };
    }

    private static async Task<Registration> EnsureAsync(AuctionsDbContext db, Sale sale, Guid bidder, DateTimeOffset now, CancellationToken ct)
    {
        var registration = new Registration
        {
            SaleId = sale.Id,
            BidderId = bidder,
            State = sale.BiddersNeedApproval || sale.DepositMinor > 0 ? RegistrationStates.Pending : RegistrationStates.Approved,
            CreatedAt = now,
            DepositMinor = sale.DepositMinor,
            DepositState = sale.DepositMinor > 0 ? DepositStates.Pending : null,
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
        Guid id, HttpContext http, AuctionsDbContext db, Deposits deposits, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var bidder))
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "التسجيل لأصحاب الحسابات", "Registration needs a person's account"));
        }
        if (await db.Sales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is not { } sale)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد مزاد {id}", $"No auction {id}."));
        }
        var existing = await db.Registrations.AsNoTracking().SingleOrDefaultAsync(r => r.SaleId == id && r.BidderId == bidder, ct);
        var registration = existing ?? await EnsureAsync(db, sale, bidder, clock.GetUtcNow(), ct);
        string? clientSecret = null;
        if (registration.DepositState == DepositStates.Pending)
        {
            // Registering again is also how a bidder's app learns that its payment went through, should the webhook be late.
            clientSecret = await deposits.ChargeAsync(registration, ct);
            registration = await db.Registrations.AsNoTracking().SingleAsync(r => r.Paddle == registration.Paddle, ct);
        }
        var view = RegistrationView.Of(registration, clientSecret);
        return existing is null ? TypedResults.Created($"/api/v1/auctions/{id}/registrations", view) : TypedResults.Ok(view);
    }

    private static async Task<Ok<RegistrationView[]>> ListAsync(Guid id, AuctionsDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Registrations.AsNoTracking().Where(r => r.SaleId == id).OrderBy(r => r.Paddle).Take(1000).ToListAsync(ct))
            .Select(r => RegistrationView.Of(r)).ToArray());

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
