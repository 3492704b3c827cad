using System.Security.Claims;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Payments;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Commerce.Checkout;

internal sealed record CheckoutItem(Guid EntryId, int? Quantity);

internal sealed record CheckoutRequest(CheckoutItem[]? Items, string? PaymentMethod);

internal static class PaymentMethods
{
    public const string Card = "card";
    public const string BankTransfer = "bank-transfer";
}

/// <summary>
/// <c>POST /api/v1/checkout</c>: buy now (<c>items</c>) or the cart. Every line's units are held by one conditional
/// UPDATE each, in one transaction with the order: either the order exists holding all of them, or nothing changed
/// and the buyer gets a 409 saying why (<c>sold</c>, <c>reserved</c>, <c>sold_out</c>).
/// </summary>
internal static partial class Checkout
{
    public static void MapCheckout(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/checkout", CheckoutAsync).RequireAuthorization().WithTags("Commerce")
            .WithSummary("Start checkout: 201 with an order pending payment that holds the stock for Commerce:ReservationTime, or 409 sold / reserved / sold_out");
    }

    private static async Task<Results<Created<OrderView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem>> CheckoutAsync(
        CheckoutRequest request, HttpContext http, CommerceDbContext db, StockLedger ledger, TimeProvider clock, IOptions<CommerceOptions> options,
        DeliveryEviction eviction, IPaymentProvider cards, ILoggerFactory logs, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var buyer))
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Say("الشراء لأصحاب الحسابات؛ لا بمفاتيح الواجهة", "Buying needs a person's account, not an API key"));
        }
        var errors = new ValidationErrors();
        if (request.PaymentMethod is not (PaymentMethods.Card or PaymentMethods.BankTransfer))
        {
            errors.Add("paymentMethod", Say("طريقة الدفع card أو bank-transfer", "paymentMethod is card or bank-transfer"));
        }
        var fromCart = request.Items is not { Length: > 0 };
        if (fromCart)
        {
            await Cart.MergeAnonymousAsync(http, db, buyer, ct);
        }
        var wanted = fromCart
            ? await db.CartItems.AsNoTracking().Where(c => c.BuyerId == buyer).OrderBy(c => c.AddedAt).Select(c => new CheckoutItem(c.EntryId, c.Quantity)).ToListAsync(ct)
            : request.Items!.ToList();
        for (var i = 0; i < wanted.Count; i++)
        {
            if (wanted[i].Quantity is < 1 or > 100)
            {
                errors.Add($"items[{i}].quantity", Say("الكمية من 1 إلى 100", "quantity is 1 to 100"));
            }
        }
        if (wanted.Select(w => w.EntryId).Distinct().Count() != wanted.Count)
        {
            errors.Add("items", Say("كل عمل مرة واحدة؛ استخدم الكمية", "each entry once; use quantity"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        if (wanted.Count == 0)
        {
            return new UnprocessableProblem(CommerceProblems.EmptyCart, Say("أضف عملًا إلى السلة أو أرسل items", "Add a work to the cart or send items"));
        }
        var ids = wanted.Select(w => w.EntryId).ToList();
        var listings = await db.Listings.AsNoTracking().Where(l => ids.Contains(l.EntryId)).ToDictionaryAsync(l => l.EntryId, ct);
        if (ids.FirstOrDefault(id => !listings.ContainsKey(id)) is var missing && missing != Guid.Empty)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Say($"العمل {missing} غير معروض للبيع", $"Entry {missing} is not listed for sale."));
        }

        var now = clock.GetUtcNow();
        var until = now + options.Value.ReservationTime;
        var order = new Order
        {
            BuyerId = buyer,
            PaymentMethod = request.PaymentMethod!,
            Locale = Locales.FromRequest(http.Request),
            CreatedAt = now,
            ReservedUntil = until,
            TotalMinor = wanted.Sum(w => listings[w.EntryId].PriceMinor * (w.Quantity ?? 1)),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var item in wanted)
            {
                var quantity = item.Quantity ?? 1;
                var epoch = await ledger.TryReserveAsync(item.EntryId, quantity, now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), ct);
                if (epoch is null)
                {
                    await transaction.RollbackAsync(ct);
                    return await RefusalAsync(http, db, item.EntryId, quantity, now, ct);
                }
                order.Lines.Add(new OrderLine { OrderId = order.Id, EntryId = item.EntryId, Quantity = quantity, UnitMinor = listings[item.EntryId].PriceMinor, HoldEpoch = epoch.Value });
            }
            db.Orders.Add(order);
            db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "order.created", "order", order.Id.ToString(),
            [
                new AuditChange("state", null, null, order.State),
                new AuditChange("total", null, null, new Kernel.Money.Money(order.TotalMinor, order.Currency).ToString()),
            ]));
            CommerceEvents.Raise(db, CommerceEvents.OrderCreated, order.Id, now);
            if (fromCart)
            {
                await db.CartItems.Where(c => c.BuyerId == buyer && ids.Contains(c.EntryId)).ExecuteDeleteAsync(ct);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        eviction.Evict();

        CardPaymentView? payment = null;
        if (order.PaymentMethod == PaymentMethods.Card)
        {
            try
            {
                payment = await cards.StartAsync(order, ct);
                order.PaymentIntentId = payment.PaymentIntentId;
                await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.PaymentIntentId, payment.PaymentIntentId), ct);
            }
            catch (Stripe.StripeException ex)
            {
                // The order keeps its hold; the buyer can ask again (the same idempotency key returns the same intent).
                LogCardStartFailed(logs.CreateLogger(typeof(Checkout)), order.Id, ex);
            }
        }
        return TypedResults.Created($"/api/v1/orders/{order.Id}", OrderView.Of(order, payment));
    }

    /// <summary>Why the hold was refused, read after the fact: sold (all units gone), sold out (not enough left), or reserved (held by others).</summary>
    public static async Task<ConflictProblem> RefusalAsync(HttpContext http, CommerceDbContext db, Guid entryId, int quantity, DateTimeOffset now, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        var listing = await db.Listings.AsNoTracking().SingleAsync(l => l.EntryId == entryId, ct);
        var nowMs = now.ToUnixTimeMilliseconds();
        if (listing.Availability is Availability.NotForSale or Availability.AtAuction)
        {
            return new ConflictProblem(CommerceProblems.NotForSale, Say($"العمل {entryId} غير معروض للبيع الآن", $"{entryId} is not for sale now"));
        }
        if (listing.Availability == Availability.Sold || listing.Sold >= listing.Stock)
        {
            return new ConflictProblem(listing.Stock > 1 ? CommerceProblems.SoldOut : CommerceProblems.Sold, Say($"بيع العمل {entryId}", $"{entryId} has been sold"));
        }
        if (listing.Availability == Availability.Reserved || listing.ActiveReserved(nowMs) > 0 && listing.Stock - listing.Sold >= quantity)
        {
            return new ConflictProblem(CommerceProblems.Reserved, Say($"العمل {entryId} محجوز لمشترٍ آخر حتى يكتمل دفعه أو تنتهي مهلته",
                $"{entryId} is held for another buyer until they pay or their hold expires"));
        }
        return new ConflictProblem(CommerceProblems.SoldOut, Say($"لم يبق من {entryId} إلا {listing.Free(nowMs)}", $"Only {listing.Free(nowMs)} of {entryId} left"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card payment for order {OrderId} could not be started")]
    private static partial void LogCardStartFailed(ILogger logger, Guid orderId, Exception exception);
}
