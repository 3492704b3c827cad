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

internal sealed record AddToCartRequest(Guid? EntryId, int? Quantity);

internal sealed record CartLineView(Guid EntryId, int Quantity, PriceView UnitPrice, string Availability);

internal sealed record CartView(IReadOnlyList<CartLineView> Items, PriceView Total);

/// <summary>
/// A buyer's cart; nothing is held until checkout. A visitor who is not signed in gets an anonymous cart named by a
/// random cookie; the first cart request (or checkout) after signing in merges it into the account's cart.
/// </summary>
internal static class Cart
{
    public const string AnonymousCookie = "artsouk_cart";

    public static void MapCart(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cart").AllowAnonymous().WithTags("Commerce");
        group.MapGet("/", GetAsync).WithSummary("The caller's cart with current prices and availability");
        group.MapPost("/items", AddAsync).WithSummary("Put a listed work in the cart (again: sets its quantity)");
        group.MapDelete("/items/{entryId:guid}", RemoveAsync).WithSummary("Take a work out of the cart");
    }

    private static async Task<Results<Ok<CartView>, ForbiddenProblem>> GetAsync(HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct) =>
        await OwnerAsync(http, db, clock, create: false, ct) is { } owner ? TypedResults.Ok(await ViewAsync(db, owner, clock, ct)) : NoBuyer(http);

    private static async Task<Results<Ok<CartView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem>> AddAsync(
        AddToCartRequest request, HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnerAsync(http, db, clock, create: true, ct) is not { } buyer)
        {
            return NoBuyer(http);
        }
        if (request.EntryId is not { } entryId || request.Quantity is < 1 or > 100)
        {
            var message = Locales.Say(http.Request, "يلزم entryId وكمية من 1 إلى 100", "entryId and a quantity of 1 to 100 are required");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["entryId"] = [message] });
        }
        if (!await db.Listings.AnyAsync(l => l.EntryId == entryId, ct))
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"العمل {entryId} غير معروض للبيع", $"Entry {entryId} is not listed for sale."));
        }
        var item = await db.CartItems.SingleOrDefaultAsync(c => c.BuyerId == buyer && c.EntryId == entryId, ct);
        if (item is null)
        {
            db.CartItems.Add(new CartItem { BuyerId = buyer, EntryId = entryId, Quantity = request.Quantity ?? 1, AddedAt = clock.GetUtcNow() });
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
            // The same buyer added the same work twice at once: one line is what they meant.
            db.ChangeTracker.Clear();
        }
        return TypedResults.Ok(await ViewAsync(db, buyer, clock, ct));
    }

    private static async Task<Results<Ok<CartView>, ForbiddenProblem>> RemoveAsync(Guid entryId, HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await OwnerAsync(http, db, clock, create: false, ct) is not { } buyer)
        {
            return NoBuyer(http);
        }
        await db.CartItems.Where(c => c.BuyerId == buyer && c.EntryId == entryId).ExecuteDeleteAsync(ct);
        return TypedResults.Ok(await ViewAsync(db, buyer, clock, ct));
    }

    private static async Task<CartView> ViewAsync(CommerceDbContext db, Guid buyer, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var lines = await db.CartItems.AsNoTracking().Where(c => c.BuyerId == buyer)
            .Join(db.Listings.AsNoTracking(), c => c.EntryId, l => l.EntryId, (c, l) => new { c, l })
            .ToListAsync(ct);
        var items = lines.OrderBy(x => x.c.AddedAt).Select(x => new CartLineView(x.c.EntryId, x.c.Quantity, PriceView.Of(x.l.Price), x.l.Shown(now))).ToList();
        return new CartView(items, PriceView.Of(new Money(lines.Sum(x => x.l.PriceMinor * x.c.Quantity), Money.Sar)));
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

    /// <summary>Moves the anonymous cart the request's cookie names into <paramref name="buyer"/>'s (the larger quantity wins on a shared work) and forgets the cookie.</summary>
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
            var existing = await db.CartItems.Where(c => c.BuyerId == buyer && ids.Contains(c.EntryId)).ToDictionaryAsync(c => c.EntryId, ct);
            foreach (var item in moving)
            {
                if (existing.TryGetValue(item.EntryId, out var mine))
                {
                    mine.Quantity = Math.Max(mine.Quantity, item.Quantity);
                }
                else
                {
                    db.CartItems.Add(new CartItem { BuyerId = buyer, EntryId = item.EntryId, Quantity = item.Quantity, AddedAt = item.AddedAt });
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
