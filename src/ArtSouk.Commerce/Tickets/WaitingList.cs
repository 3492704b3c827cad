using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Commerce.Tickets;

internal sealed record JoinWaitingListRequest(int? Quantity);

/// <summary>Someone's place on a waiting list: their position among those still waiting, or the seats held for them.</summary>
internal sealed record WaitingView(Guid TicketTypeId, Guid EntryId, string State, int Quantity, int? Position, DateTimeOffset JoinedAt, DateTimeOffset? OfferedUntil);

/// <summary>
/// Waiting lists of sold-out ticket types. Freed seats are offered, never merely announced: they are held in the ledger
/// for the first waiting person whose seats fit (a smaller request may pass a larger one that does not fit yet) until
/// <see cref="CommerceOptions.WaitingListHoldTime"/>, and that person is e-mailed through the outbox in their language.
/// Checking out that ticket type claims the held seats; an offer left to lapse passes them to the next person.
/// </summary>
internal sealed class WaitingList(CommerceDbContext db, StockLedger ledger, TimeProvider clock, IOptions<CommerceOptions> options, DeliveryEviction eviction)
{
    /// <summary>Holds free seats of <paramref name="ticketTypeId"/> for waiting people, in queue order; how many were offered.</summary>
    public async Task<int> OfferAsync(Guid ticketTypeId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await db.TicketTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketTypeId, ct) is not { } type || type.Sales(now) == SalesStates.Ended)
        {
            return 0;
        }
        var until = now + options.Value.WaitingListHoldTime;
        if (type.SalesEnd is { } end && end < until)
        {
            until = end;
        }
        var queue = await db.WaitingList.AsNoTracking().Where(w => w.TicketTypeId == ticketTypeId && w.State == WaitingStates.Waiting)
            .OrderBy(w => w.JoinedAt).ThenBy(w => w.Id).Take(100).ToListAsync(ct);
        var offered = 0;
        var target = new StockTarget(type.EntryId, type.Id);
        foreach (var candidate in queue)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var epoch = await ledger.TryReserveAsync(target, candidate.Quantity, now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), ct);
            var held = epoch is { } e && await db.WaitingList.Where(w => w.Id == candidate.Id && w.State == WaitingStates.Waiting)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.State, WaitingStates.Offered).SetProperty(w => w.OfferedUntil, until).SetProperty(w => w.HoldEpoch, e), ct) == 1;
            if (!held)
            {
                await transaction.RollbackAsync(ct);
                continue;
            }
            CommerceEvents.Raise(db, CommerceEvents.WaitingListOffered, candidate.Id, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            offered++;
        }
        if (offered > 0)
        {
            eviction.Evict();
        }
        return offered;
    }

    /// <summary>
    /// Inside checkout's transaction: gives back the seats held for <paramref name="buyer"/>'s live offer on
    /// <paramref name="type"/> so checkout can hold them for the order (a rollback restores the offer). False without one.
    /// </summary>
    public async Task<bool> ClaimAsync(Guid buyer, TicketType type, DateTimeOffset now, CancellationToken ct)
    {
        var offer = await db.WaitingList.AsNoTracking()
            .SingleOrDefaultAsync(w => w.TicketTypeId == type.Id && w.UserId == buyer && w.State == WaitingStates.Offered, ct);
        if (offer is null || offer.OfferedUntil <= now)
        {
            return false;
        }
        await ledger.ReleaseAsync(new StockTarget(type.EntryId, type.Id), offer.Quantity, offer.HoldEpoch, now.ToUnixTimeMilliseconds(), ct);
        return await db.WaitingList.Where(w => w.Id == offer.Id && w.State == WaitingStates.Offered)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.State, WaitingStates.Converted), ct) == 1;
    }

    /// <summary>Whether <paramref name="buyer"/> holds a live offer on <paramref name="ticketTypeId"/> (it lets them buy outside the sales window).</summary>
    public Task<bool> HoldsOfferAsync(Guid buyer, Guid ticketTypeId, DateTimeOffset now, CancellationToken ct) =>
        db.WaitingList.AsNoTracking().AnyAsync(w => w.TicketTypeId == ticketTypeId && w.UserId == buyer && w.State == WaitingStates.Offered && w.OfferedUntil > now, ct);

    /// <summary>Offers whose time ran out give their seats back and pass them on; run by the reservation sweeper every minute.</summary>
    public async Task<int> LapseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.WaitingList.AsNoTracking().Where(w => w.State == WaitingStates.Offered && w.OfferedUntil < now)
            .OrderBy(w => w.Id).Take(200).ToListAsync(ct);
        var lapsed = new HashSet<Guid>();
        foreach (var offer in due)
        {
            if (await LeaveAsync(offer, WaitingStates.Lapsed, now, ct))
            {
                lapsed.Add(offer.TicketTypeId);
            }
        }
        foreach (var ticketType in lapsed)
        {
            await OfferAsync(ticketType, ct);
        }
        return due.Count;
    }

    /// <summary>Moves an entry out of the queue (lapsed, or left) and gives back any seats held for it.</summary>
    public async Task<bool> LeaveAsync(WaitingListEntry entry, string state, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.WaitingList.Where(w => w.Id == entry.Id && w.State == entry.State)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.State, state), ct) == 1;
        if (!moved)
        {
            await transaction.RollbackAsync(ct);
            return false;
        }
        if (entry.State == WaitingStates.Offered)
        {
            var type = await db.TicketTypes.AsNoTracking().SingleAsync(t => t.Id == entry.TicketTypeId, ct);
            await ledger.ReleaseAsync(new StockTarget(type.EntryId, type.Id), entry.Quantity, entry.HoldEpoch, now.ToUnixTimeMilliseconds(), ct);
        }
        await transaction.CommitAsync(ct);
        return true;
    }

    public async Task<WaitingView> ViewAsync(WaitingListEntry entry, CancellationToken ct)
    {
        int? position = entry.State == WaitingStates.Waiting
            ? await db.WaitingList.CountAsync(w => w.TicketTypeId == entry.TicketTypeId && w.State == WaitingStates.Waiting && w.JoinedAt < entry.JoinedAt, ct) + 1
            : null;
        return new WaitingView(entry.TicketTypeId, entry.EntryId, entry.State, entry.Quantity, position, entry.JoinedAt, entry.OfferedUntil);
    }
}

/// <summary><c>/api/v1/tickets/{ticketTypeId}/waiting-list</c>: a signed-in collector joins a sold-out ticket type's waiting list, or leaves it.</summary>
internal static class WaitingListApi
{
    public static void MapWaitingList(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tickets/{ticketTypeId:guid}/waiting-list").RequireAuthorization().WithTags("Commerce");
        group.MapPost("/", JoinAsync)
            .WithSummary("Join a sold-out ticket type's waiting list (201; 200 with one's place when already on it); freed seats are held for the first in line and e-mailed");
        group.MapDelete("/", LeaveAsync).WithSummary("Leave the waiting list; seats held for one are passed to the next person");
    }

    private static async Task<Results<Created<WaitingView>, Ok<WaitingView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem>> JoinAsync(
        Guid ticketTypeId, JoinWaitingListRequest? request, HttpContext http, CommerceDbContext db, WaitingList waiting, TimeProvider clock, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        if (Cart.Buyer(http) is not { } user)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Say("قائمة الانتظار لأصحاب الحسابات؛ لا بمفاتيح الواجهة", "A waiting list place belongs to a person's account, not an API key"));
        }
        var quantity = request?.Quantity ?? 1;
        if (quantity is < 1 or > 10)
        {
            var message = Say("عدد المقاعد من 1 إلى 10", "quantity is 1 to 10 seats");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["quantity"] = [message] });
        }
        if (await db.TicketTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == ticketTypeId, ct) is not { } type)
        {
            return NoTicketType(http, ticketTypeId);
        }
        var now = clock.GetUtcNow();
        if (Checkout.Checkout.OutsideSales(http, type, now) is { } closed)
        {
            return closed;
        }
        var entry = await db.WaitingList.SingleOrDefaultAsync(w => w.TicketTypeId == ticketTypeId && w.UserId == user, ct);
        if (entry is { State: WaitingStates.Waiting or WaitingStates.Offered })
        {
            return TypedResults.Ok(await waiting.ViewAsync(entry, ct));
        }
        if (type.Free(now.ToUnixTimeMilliseconds()) >= quantity)
        {
            return new ConflictProblem(CommerceProblems.SeatsAvailable, Say($"ما زال {type.Free(now.ToUnixTimeMilliseconds())} من مقاعد «{type.NameAr}» متاحًا؛ اشترها الآن",
                $"{type.Free(now.ToUnixTimeMilliseconds())} “{type.NameEn}” seats are still available; buy them now"));
        }
        if (entry is null)
        {
            entry = new WaitingListEntry { TicketTypeId = type.Id, EntryId = type.EntryId, UserId = user };
            db.WaitingList.Add(entry);
        }
        entry.State = WaitingStates.Waiting;
        entry.Quantity = quantity;
        entry.Locale = Locales.FromRequest(http.Request);
        entry.JoinedAt = now;
        entry.OfferedUntil = null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation() || ex is DbUpdateConcurrencyException)
        {
            // The same person joined twice at once: one place is what they meant.
            db.ChangeTracker.Clear();
            var first = await db.WaitingList.AsNoTracking().SingleAsync(w => w.TicketTypeId == ticketTypeId && w.UserId == user, ct);
            return TypedResults.Ok(await waiting.ViewAsync(first, ct));
        }
        // A seat may have freed between the check and the insert with no one yet waiting to take it.
        await waiting.OfferAsync(type.Id, ct);
        var joined = await db.WaitingList.AsNoTracking().SingleAsync(w => w.Id == entry.Id, ct);
        return TypedResults.Created($"/api/v1/tickets/{ticketTypeId}/waiting-list", await waiting.ViewAsync(joined, ct));
    }

    private static async Task<Results<NoContent, NotFoundProblem>> LeaveAsync(
        Guid ticketTypeId, HttpContext http, CommerceDbContext db, WaitingList waiting, TimeProvider clock, CancellationToken ct)
    {
        var user = Cart.Buyer(http);
        var entry = user is null ? null : await db.WaitingList.AsNoTracking()
            .SingleOrDefaultAsync(w => w.TicketTypeId == ticketTypeId && w.UserId == user && (w.State == WaitingStates.Waiting || w.State == WaitingStates.Offered), ct);
        if (entry is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, "لست على قائمة انتظار هذه التذاكر", "You are not on this ticket type's waiting list"));
        }
        if (await waiting.LeaveAsync(entry, WaitingStates.Lapsed, clock.GetUtcNow(), ct) && entry.State == WaitingStates.Offered)
        {
            await waiting.OfferAsync(ticketTypeId, ct);
        }
        return TypedResults.NoContent();
    }

    public static NotFoundProblem NoTicketType(HttpContext http, Guid id) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد نوع تذكرة {id}", $"No ticket type {id}."));
}
