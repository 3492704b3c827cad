using System.Security.Claims;
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

/// <summary>A signed-in buyer's cart; nothing is held until checkout.</summary>
internal static class Cart
{
    public static void MapCart(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/cart").RequireAuthorization().WithTags("Commerce");
        group.MapGet("/", GetAsync).WithSummary("The caller's cart with current prices and availability");
        group.MapPost("/items", AddAsync).WithSummary("Put a listed work in the cart (again: sets its quantity)");
        group.MapDelete("/items/{entryId:guid}", RemoveAsync).WithSummary("Take a work out of the cart");
    }

    private static async Task<Results<Ok<CartView>, ForbiddenProblem>> GetAsync(HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct) =>
        Buyer(http) is { } buyer ? TypedResults.Ok(await ViewAsync(db, buyer, clock, ct)) : NoBuyer(http);

    private static async Task<Results<Ok<CartView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem>> AddAsync(
        AddToCartRequest request, HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (Buyer(http) is not { } buyer)
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
        if (Buyer(http) is not { } buyer)
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

    public static Guid? Buyer(HttpContext http) => Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static ForbiddenProblem NoBuyer(HttpContext http) => new(ProblemCode.Forbidden,
        Locales.Say(http.Request, "السلة لأصحاب الحسابات؛ لا بمفاتيح الواجهة", "A cart belongs to a person's account, not an API key"));
}
