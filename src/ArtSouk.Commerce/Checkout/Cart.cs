using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Checkout;

internal sealed record AddToCartRequest(Guid? EntryId, int? Quantity, Guid? TicketTypeId = null);

/// <summary>The ticket type a cart line holds seats of, named in the request's language.</summary>
internal sealed record CartTicketTypeView(Guid Id, string Name);

/// <summary>
/// A listed entry (<c>ticketType</c> null; availability as its listing shows it) or seats of a ticket type, whose
/// availability is what checkout would answer now: <c>available</c>, or its 409 code <c>reserved</c>, <c>sold_out</c>,
/// <c>sales_not_started</c>, <c>sales_ended</c>.
/// </summary>
internal sealed record CartLineView(Guid EntryId, CartTicketTypeView? TicketType, int Quantity, PriceView UnitPrice, string Availability);

internal sealed record CartView(IReadOnlyList<CartLineView> Items, PriceView Total);

/// <summary>
/// A buyer's cart; nothing is held until checkout. A visitor who is not signed in gets an anonymous cart named by a
/// random cookie; the first cart request (or checkout) after signing in merges it into the account's cart. A line is a
/// listed entry or the seats of one ticket type of an event or workshop, so two types of one event are two lines.
/// </summary>
internal static class Cart
{
    public const string AnonymousCookie = "artsouk_cart";

    public static void MapCart(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cart").AllowAnonymous().WithTags("Commerce");
        group.MapGet("/", GetAsync).WithSummary("The caller's cart with current prices and availability");
        group.MapPost("/items", AddAsync)
            .WithSummary("Put a listed work, or seats of an event's ticket type (ticketTypeId), in the cart (again: sets its quantity)");
        group.MapDelete("/items/{entryId:guid}", RemoveAsync)
            .WithSummary("Take an entry out of the cart: with ticketTypeId only that type's seats, without it every line of the entry");
    }

    private static async Task<Results<Ok<CartView>, ForbiddenProblem>> GetAsync(HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct) =>
        await OwnerAsync(http, db, clock, create: false, ct) is { } owner ? TypedResults.Ok(await ViewAsync(http, db, owner, clock, ct)) : NoBuyer(http);

    private static async Task<Results<Ok<CartView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, UnprocessableProblem>> AddAsync(
        AddToCartRequest request, HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnerAsync(http, db, clock, create: true, ct) is not { } buyer)
        {
            return NoBuyer(http);
        }
        var errors = new ValidationErrors();
        if (request.EntryId is null)
        {
            errors.Add("entryId", Locales.Say(http.Request, "يلزم entryId", "entryId is required"));
        }
        if (request.Quantity is < 1 or > 100)
        {
            errors.Add("quantity", Checkout.QuantityRule(http));
        }
        if (!errors.IsEmpty || request.EntryId is not { } entryId)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        var ticketType = CartItem.NoTicketType;
        if (request.TicketTypeId is { } typeId)
        {
            if (!await db.TicketTypes.AnyAsync(t => t.Id == typeId && t.EntryId == entryId, ct))
            {
                return Checkout.NoSuchTicketType(http, entryId, typeId);
            }
            ticketType = typeId;
        }
        else if (!await db.Listings.AnyAsync(l => l.EntryId == entryId, ct))
        {
            return await db.TicketTypes.AnyAsync(t => t.EntryId == entryId, ct) ? Checkout.TicketTypeRequired(http, entryId) : Checkout.NotListed(http, entryId);
        }
        var item = await db.CartItems.SingleOrDefaultAsync(c => c.BuyerId == buyer && c.EntryId == entryId && c.TicketTypeId == ticketType, ct);
        if (item is null)
        {
            db.CartItems.Add(new CartItem { BuyerId = buyer, EntryId = entryId, TicketTypeId = ticketType, Quantity = request.Quantity ?? 1, AddedAt = clock.GetUtcNow() });
        }
        else
        {
            item.Quantity = request.Quantity ?? 1;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Kernel.Persistence.DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same buyer added the same line twice at once: one line is what they meant.
            db.ChangeTracker.Clear();
        }
        return TypedResults.Ok(await ViewAsync(http, db, buyer, clock, ct));
    }

    private static async Task<Results<Ok<CartView>, ForbiddenProblem>> RemoveAsync(
        Guid entryId, Guid? ticketTypeId, HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnerAsync(http, db, clock, create: false, ct) is not { } buyer)
        {
            return NoBuyer(http);
        }
        var lines = db.CartItems.Where(c => c.BuyerId == buyer && c.EntryId == entryId);
        await (ticketTypeId is { } type ? lines.Where(c => c.TicketTypeId == type) : lines).ExecuteDeleteAsync(ct);
        return TypedResults.Ok(await ViewAsync(http, db, buyer, clock, ct));
    }

    private static async Task<CartView> ViewAsync(HttpContext http, CommerceDbContext db, Guid buyer, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var locale = Locales.FromRequest(http.Request);
        var rows = await db.CartItems.AsNoTracking().Where(c => c.BuyerId == buyer).ToListAsync(ct);
        var entryIds = rows.Where(r => r.TicketType is null).Select(r => r.EntryId).ToList();
        var typeIds = rows.Select(r => r.TicketType).OfType<Guid>().ToList();
        var listings = entryIds.Count == 0 ? [] : await db.Listings.AsNoTracking().Where(l => entryIds.Contains(l.EntryId)).ToDictionaryAsync(l => l.EntryId, ct);
        var types = typeIds.Count == 0 ? [] : await db.TicketTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        // Seats the waiting list holds for this buyer are theirs at checkout, sales window or not.
        var offered = typeIds.Count == 0 || buyer == Guid.Empty ? [] : await db.WaitingList.AsNoTracking()
            .Where(w => w.UserId == buyer && typeIds.Contains(w.TicketTypeId) && w.State == Tickets.WaitingStates.Offered && w.OfferedUntil > now)
            .ToDictionaryAsync(w => w.TicketTypeId, w => w.Quantity, ct);
        var items = new List<CartLineView>();
        long total = 0;
        foreach (var row in rows.OrderBy(r => r.AddedAt))
        {
            if (row.TicketType is { } typeId)
            {
                // A type removed by its seller takes its cart lines along; one read in the meantime is skipped.
                if (types.TryGetValue(typeId, out var type))
                {
                    items.Add(new CartLineView(row.EntryId, new CartTicketTypeView(type.Id, type.Name(locale)), row.Quantity, PriceView.Of(type.Price),
                        Judged(type, row.Quantity, offered.GetValueOrDefault(typeId), now)));
                    total += type.PriceMinor * row.Quantity;
                }
            }
            else if (listings.TryGetValue(row.EntryId, out var listing))
            {
                items.Add(new CartLineView(row.EntryId, null, row.Quantity, PriceView.Of(listing.Price), listing.Shown(nowMs)));
                total += listing.PriceMinor * row.Quantity;
            }
        }
        return new CartView(items, PriceView.Of(new Money(total, Money.Sar)));
    }

    /// <summary>What checkout would answer for <paramref name="quantity"/> seats of <paramref name="type"/> now (see <see cref="Checkout"/>).</summary>
    private static string Judged(Tickets.TicketType type, int quantity, int offered, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        if (offered == 0 && type.SalesRefusal(now) is { } closed)
        {
            return closed.Code;
        }
        if (type.Free(nowMs) + offered >= quantity)
        {
            return Availability.Available;
        }
        return type.SeatsRefusal(quantity, nowMs).Code;
    }

    /// <summary>
    /// Whose cart the request means: a signed-in person's (after merging any anonymous cart their cookie names), an
    /// anonymous visitor's (a new one only when <paramref name="create"/>), or none for an API key (or an anonymous
    /// visitor without a cart, for whom <see cref="Guid.Empty"/> reads as empty).
    /// </summary>
    private static async Task<Guid?> OwnerAsync(HttpContext http, CommerceDbContext db, TimeProvider clock, bool create, CancellationToken ct)
    {
        if (Buyer(http) is { } buyer)
        {
            await MergeAnonymousAsync(http, db, buyer, ct);
            return buyer;
        }
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return null;
        }
        if (AnonymousToken(http) is { } token)
        {
            return AnonymousOwner(token);
        }
        if (!create)
        {
            return Guid.Empty;
        }
        token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        http.Response.Cookies.Append(AnonymousCookie, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = clock.GetUtcNow().AddDays(30),
            IsEssential = true,
        });
        return AnonymousOwner(token);
    }

    /// <summary>Moves the anonymous cart the request's cookie names into <paramref name="buyer"/>'s (the larger quantity wins on a shared line) and forgets the cookie.</summary>
    public static async Task MergeAnonymousAsync(HttpContext http, CommerceDbContext db, Guid buyer, CancellationToken ct)
    {
        if (AnonymousToken(http) is not { } token)
        {
            return;
        }
        var anonymous = AnonymousOwner(token);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moving = await db.CartItems.Where(c => c.BuyerId == anonymous).ToListAsync(ct);
        if (moving.Count > 0)
        {
            var ids = moving.Select(m => m.EntryId).ToList();
            // A line is an entry and a ticket type: two types of one event stay two lines.
            var existing = await db.CartItems.Where(c => c.BuyerId == buyer && ids.Contains(c.EntryId)).ToDictionaryAsync(c => (c.EntryId, c.TicketTypeId), ct);
            foreach (var item in moving)
            {
                if (existing.TryGetValue((item.EntryId, item.TicketTypeId), out var mine))
                {
                    mine.Quantity = Math.Max(mine.Quantity, item.Quantity);
                }
                else
                {
                    db.CartItems.Add(new CartItem
                    {
                        BuyerId = buyer, EntryId = item.EntryId, TicketTypeId = item.TicketTypeId, Quantity = item.Quantity, AddedAt = item.AddedAt,
                    });
                }
                db.CartItems.Remove(item);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (Kernel.Persistence.DatabaseErrors.IsUniqueViolation(ex))
            {
                // Two requests of one buyer merged at once: the other one moved the cart.
                await transaction.RollbackAsync(ct);
            }
            db.ChangeTracker.Clear();
        }
        http.Response.Cookies.Delete(AnonymousCookie, new CookieOptions { Path = "/" });
    }

    private static string? AnonymousToken(HttpContext http) =>
        http.Request.Cookies.TryGetValue(AnonymousCookie, out var token) && token is { Length: 64 } && token.All(char.IsAsciiHexDigitLower) ? token : null;

    /// <summary>A hash of the cookie, so no cookie value can name a person's cart (their id is not secret).</summary>
    private static Guid AnonymousOwner(string token) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes("artsouk-anonymous-cart:" + token)).AsSpan(0, 16));

    public static Guid? Buyer(HttpContext http) => Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static ForbiddenProblem NoBuyer(HttpContext http) => new(ProblemCode.Forbidden,
        Locales.Say(http.Request, "السلة لأصحاب الحسابات؛ لا بمفاتيح الواجهة", "A cart belongs to a person's account, not an API key"));
}
