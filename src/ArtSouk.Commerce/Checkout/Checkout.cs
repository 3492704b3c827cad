using System.Security.Claims;
using ArtSouk.Commerce.Invoices;
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

/// <summary>One line: an entry's listing, or (events and workshops) one of its ticket types.</summary>
internal sealed record CheckoutItem(Guid EntryId, int? Quantity, Guid? TicketTypeId = null);

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
        DeliveryEviction eviction, IPaymentProvider cards, Tickets.WaitingList waiting, ILoggerFactory logs, CancellationToken ct)
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
            ? (await db.CartItems.AsNoTracking().Where(c => c.BuyerId == buyer).ToListAsync(ct))
                .OrderBy(c => c.AddedAt).Select(c => new CheckoutItem(c.EntryId, c.Quantity, c.TicketType)).ToList()
            : request.Items!.ToList();
        for (var i = 0; i < wanted.Count; i++)
        {
            if (wanted[i].Quantity is < 1 or > 100)
            {
                errors.Add($"items[{i}].quantity", QuantityRule(http));
            }
        }
        if (wanted.Select(w => (w.EntryId, w.TicketTypeId)).Distinct().Count() != wanted.Count)
        {
            errors.Add("items", Say("كل عمل (أو نوع تذكرة) مرة واحدة؛ استخدم الكمية", "each entry (or ticket type) once; use quantity"));
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
        var typeIds = wanted.Select(w => w.TicketTypeId).OfType<Guid>().ToList();
        var types = await db.TicketTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var now = clock.GetUtcNow();
        foreach (var item in wanted)
        {
            if (item.TicketTypeId is { } typeId)
            {
                if (!types.TryGetValue(typeId, out var type) || type.EntryId != item.EntryId)
                {
                    return NoSuchTicketType(http, item.EntryId, typeId);
                }
                // Seats held for the buyer off the waiting list may be bought even if the window closed meanwhile.
                if (OutsideSales(http, type, now) is { } closed && !await waiting.HoldsOfferAsync(buyer, typeId, now, ct))
                {
                    return closed;
                }
            }
            else if (!listings.ContainsKey(item.EntryId))
            {
                if (await db.TicketTypes.AnyAsync(t => t.EntryId == item.EntryId, ct))
                {
                    return TicketTypeRequired(http, item.EntryId);
                }
                return NotListed(http, item.EntryId);
            }
        }
        long UnitMinor(CheckoutItem item) => item.TicketTypeId is { } t ? types[t].PriceMinor : listings[item.EntryId].PriceMinor;

        var until = now + options.Value.ReservationTime;
        var total = wanted.Sum(w => UnitMinor(w) * (w.Quantity ?? 1));
        var order = new Order
        {
            BuyerId = buyer,
            PaymentMethod = request.PaymentMethod!,
            Locale = Locales.FromRequest(http.Request),
            CreatedAt = now,
            ReservedUntil = until,
            TotalMinor = total,
            VatMinor = Invoice.VatOf(total),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            foreach (var item in wanted)
            {
                var quantity = item.Quantity ?? 1;
                if (item.TicketTypeId is { } typeId)
                {
                    // Seats held for this buyer off the waiting list are handed back first, so the hold below can take them.
                    await waiting.ClaimAsync(buyer, types[typeId], now, ct);
                }
                var epoch = await ledger.TryReserveAsync(new StockTarget(item.EntryId, item.TicketTypeId), quantity, now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), ct);
                if (epoch is null)
                {
                    await transaction.RollbackAsync(ct);
                    return item.TicketTypeId is { } refused
                        ? await TicketRefusalAsync(http, db, refused, quantity, now, ct)
                        : await RefusalAsync(http, db, item.EntryId, quantity, now, ct);
                }
                order.Lines.Add(new OrderLine
                {
                    OrderId = order.Id, EntryId = item.EntryId, TicketTypeId = item.TicketTypeId, Quantity = quantity, UnitMinor = UnitMinor(item), HoldEpoch = epoch.Value,
                });
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
                // The bought lines leave the cart (ticket types belong to one entry each, so the two lists name exactly them).
                var lineTypes = wanted.Select(w => w.TicketTypeId ?? CartItem.NoTicketType).Distinct().ToList();
                await db.CartItems.Where(c => c.BuyerId == buyer && ids.Contains(c.EntryId) && lineTypes.Contains(c.TicketTypeId)).ExecuteDeleteAsync(ct);
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

    public static string QuantityRule(HttpContext http) => Locales.Say(http.Request, "الكمية من 1 إلى 100", "quantity is 1 to 100");

    public static NotFoundProblem NotListed(HttpContext http, Guid entryId) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"العمل {entryId} غير معروض للبيع", $"Entry {entryId} is not listed for sale."));

    public static NotFoundProblem NoSuchTicketType(HttpContext http, Guid entryId, Guid ticketTypeId) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد نوع تذكرة {ticketTypeId} للمحتوى {entryId}", $"Entry {entryId} has no ticket type {ticketTypeId}."));

    public static UnprocessableProblem TicketTypeRequired(HttpContext http, Guid entryId) =>
        new(CommerceProblems.TicketTypeRequired, Locales.Say(http.Request, $"للمحتوى {entryId} أنواع تذاكر؛ أرسل ticketTypeId", $"Entry {entryId} sells tickets by type; send ticketTypeId"));

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

    /// <summary>Why a ticket type's seats could not be held: all sold (join the waiting list), or held by other buyers.</summary>
    private static async Task<ConflictProblem> TicketRefusalAsync(HttpContext http, CommerceDbContext db, Guid ticketTypeId, int quantity, DateTimeOffset now, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        var type = await db.TicketTypes.AsNoTracking().SingleAsync(t => t.Id == ticketTypeId, ct);
        var nowMs = now.ToUnixTimeMilliseconds();
        if (type.SeatsRefusal(quantity, nowMs) == CommerceProblems.Reserved)
        {
            return new ConflictProblem(CommerceProblems.Reserved, Say($"مقاعد «{type.NameAr}» محجوزة لمشترين آخرين حتى يكتمل دفعهم أو تنتهي مهلتهم",
                $"The “{type.NameEn}” seats are held for other buyers until they pay or their holds expire"));
        }
        var free = type.Free(nowMs);
        return new ConflictProblem(CommerceProblems.SoldOut, free == 0
            ? Say($"نفدت تذاكر «{type.NameAr}»؛ انضم إلى قائمة الانتظار", $"“{type.NameEn}” tickets are sold out; join the waiting list")
            : Say($"لم يبق من تذاكر «{type.NameAr}» إلا {free}", $"Only {free} “{type.NameEn}” tickets left"));
    }

    /// <summary>A 409 when <paramref name="type"/> is not on sale at <paramref name="now"/>, saying from or until when, in the caller's language.</summary>
    public static ConflictProblem? OutsideSales(HttpContext http, Tickets.TicketType type, DateTimeOffset now)
    {
        if (type.SalesRefusal(now) is not { } refusal)
        {
            return null;
        }
        var arabic = Locales.FromRequest(http.Request) == Locales.Arabic;
        return refusal == CommerceProblems.SalesNotStarted
            ? new ConflictProblem(refusal, arabic
                ? $"يبدأ بيع تذاكر «{type.NameAr}» في {Invoices.InvoicePage.Dates(type.SalesStart!.Value, true).Gregorian} بتوقيت الرياض"
                : $"“{type.NameEn}” tickets go on sale on {Invoices.InvoicePage.Dates(type.SalesStart!.Value, false).Gregorian} Riyadh time")
            : new ConflictProblem(refusal, arabic
                ? $"انتهى بيع تذاكر «{type.NameAr}» في {Invoices.InvoicePage.Dates(type.SalesEnd!.Value, true).Gregorian} بتوقيت الرياض"
                : $"Sales of “{type.NameEn}” tickets ended on {Invoices.InvoicePage.Dates(type.SalesEnd!.Value, false).Gregorian} Riyadh time");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Card payment for order {OrderId} could not be started")]
    private static partial void LogCardStartFailed(ILogger logger, Guid orderId, Exception exception);
}
