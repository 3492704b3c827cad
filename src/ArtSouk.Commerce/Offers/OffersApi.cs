using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Invoices;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Payments;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Commerce.Offers;

internal sealed record MakeOfferRequest(Guid? EntryId, decimal? Amount, string? PaymentMethod, string? Message);

internal sealed record CounterOfferRequest(decimal? Amount);

internal sealed record OfferView(
    Guid Id, Guid EntryId, string State, PriceView Amount, PriceView? Counter, string PaymentMethod, string? Message,
    DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, Guid? OrderId)
{
    public static OfferView Of(Offer o) => new(o.Id, o.EntryId, o.State, PriceView.Of(new Money(o.AmountMinor, o.Currency)),
        o.CounterMinor is { } counter ? PriceView.Of(new Money(counter, o.Currency)) : null, o.PaymentMethod, o.Message, o.CreatedAt, o.UpdatedAt, o.OrderId);
}

/// <summary>
/// "Make an offer" on a listed artwork: the buyer offers, the seller (the work's artist or gallery, or a curator)
/// accepts, declines or counters; the buyer accepts or declines a counter, or withdraws. Accepting holds the work for
/// <c>Commerce:OfferHoldTime</c> and creates the buyer's order at the agreed price, in one transaction.
/// </summary>
internal static class OffersApi
{
    private enum Party
    {
        Buyer,
        Seller,
    }

    public static void MapOffers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/commerce/offers").RequireAuthorization().WithTags("Commerce");
        group.MapPost("/", MakeAsync).WithSummary("Offer a price (decimal SAR) for a listed artwork; its seller is e-mailed");
        group.MapGet("/", MineAsync).WithSummary("The caller's offers as a buyer, newest first");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One offer, for its buyer or its seller");
        group.MapPost("/{id:guid}/accept", AcceptAsync)
            .WithSummary("The seller accepts a pending offer, or the buyer a counter-offer: the work is held and the buyer's order created at the agreed price");
        group.MapPost("/{id:guid}/decline", DeclineAsync).WithSummary("The seller declines a pending offer, or the buyer a counter-offer");
        group.MapPost("/{id:guid}/counter", CounterAsync).WithSummary("The seller answers a pending offer with another price");
        group.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithSummary("The buyer withdraws an open offer");
        app.MapGet("/api/v1/commerce/entries/{entryId:guid}/offers", ForEntryAsync).RequireAuthorization().WithTags("Commerce")
            .WithSummary("The offers on one work, for its seller (its artist or gallery, curators, administrators)");
    }

    private static async Task<Results<Created<OfferView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem>> MakeAsync(
        MakeOfferRequest request, HttpContext http, CommerceDbContext db, TimeProvider clock, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        if (Cart.Buyer(http) is not { } buyer)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Say("العروض لأصحاب الحسابات؛ لا بمفاتيح الواجهة", "Offers need a person's account, not an API key"));
        }
        var errors = new ValidationErrors();
        var money = default(Money);
        if (request.EntryId is null)
        {
            errors.Add("entryId", Say("يلزم معرّف العمل", "entryId is required"));
        }
        if (request.Amount is not { } amount || !Money.TryFromDecimal(amount, Money.Sar, out money) || money.Minor == 0)
        {
            errors.Add("amount", Say("يلزم مبلغ موجب بالريال بخانتين عشريتين على الأكثر", "a positive amount in SAR with at most two decimals is required"));
        }
        var method = request.PaymentMethod ?? PaymentMethods.BankTransfer;
        if (method is not (PaymentMethods.Card or PaymentMethods.BankTransfer))
        {
            errors.Add("paymentMethod", Say("طريقة الدفع card أو bank-transfer", "paymentMethod is card or bank-transfer"));
        }
        if (request.Message is { Length: > 2000 })
        {
            errors.Add("message", Say("الرسالة حتى 2000 حرف", "message is at most 2000 characters"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        var entryId = request.EntryId!.Value;
        if (await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.EntryId == entryId, ct) is not { } listing)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Say($"العمل {entryId} غير معروض للبيع", $"Entry {entryId} is not listed for sale."));
        }
        if (listing.EntryType != "artwork")
        {
            return new UnprocessableProblem(CommerceProblems.OffersOnArtworksOnly, Say("تُشترى التذاكر بسعرها؛ العروض على الأعمال الفنية فقط", "Tickets sell at their price; offers are for artworks only"));
        }
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        if (listing.Availability is Availability.NotForSale or Availability.AtAuction or Availability.Sold || listing.Sold >= listing.Stock)
        {
            var code = listing.Availability is Availability.NotForSale or Availability.AtAuction ? CommerceProblems.NotForSale : CommerceProblems.Sold;
            return new ConflictProblem(code, Say($"لا يقبل العمل {entryId} عروضًا الآن ({listing.Shown(nowMs)})", $"{entryId} takes no offers now ({listing.Shown(nowMs)})"));
        }
        if (await db.Offers.AnyAsync(o => o.EntryId == entryId && o.BuyerId == buyer && (o.State == OfferStates.Pending || o.State == OfferStates.Countered), ct))
        {
            return new ConflictProblem(CommerceProblems.OfferOpen, Say("لديك عرض مفتوح على هذا العمل", "You already have an open offer on this work"));
        }
        var offer = new Offer
        {
            EntryId = entryId,
            BuyerId = buyer,
            AmountMinor = money.Minor,
            PaymentMethod = method,
            Message = string.IsNullOrWhiteSpace(request.Message) ? null : request.Message.Trim(),
            Locale = Locales.FromRequest(http.Request),
            CreatedAt = now,
        };
        db.Offers.Add(offer);
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "offer.made", "offer", offer.Id.ToString(),
            [new AuditChange("amount", null, null, money.ToString()), new AuditChange("entry", null, null, entryId.ToString())]));
        CommerceEvents.Raise(db, CommerceEvents.OfferMade, offer.Id, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/commerce/offers/{offer.Id}", OfferView.Of(offer));
    }

    private static async Task<Results<Ok<OfferView[]>, ForbiddenProblem>> MineAsync(HttpContext http, CommerceDbContext db, CancellationToken ct)
    {
        if (Cart.Buyer(http) is not { } buyer)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "العروض لأصحاب الحسابات", "Offers belong to a person's account"));
        }
        var offers = await db.Offers.AsNoTracking().Where(o => o.BuyerId == buyer).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(offers.Select(OfferView.Of).ToArray());
    }

    private static async Task<Results<Ok<OfferView>, NotFoundProblem>> GetAsync(Guid id, HttpContext http, CommerceDbContext db, IEntryAccess access, CancellationToken ct) =>
        await FindAsync(id, http, db, access, tracked: false, ct) is ({ } offer, _) ? TypedResults.Ok(OfferView.Of(offer)) : NoOffer(http, id);

    private static async Task<Results<Ok<OfferView[]>, ForbiddenProblem, NotFoundProblem>> ForEntryAsync(
        Guid entryId, HttpContext http, CommerceDbContext db, IEntryAccess access, CancellationToken ct)
    {
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد محتوى بالمعرّف {entryId}", $"No entry {entryId}."));
        }
        if (!entry.MayEdit)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "يرى العروضَ بائعُ العمل والقيّمون", "Only the work's seller and curators see its offers"));
        }
        var offers = await db.Offers.AsNoTracking().Where(o => o.EntryId == entryId).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(offers.Select(OfferView.Of).ToArray());
    }

    private static async Task<Results<Ok<OfferView>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> AcceptAsync(
        Guid id, HttpContext http, CommerceDbContext db, IEntryAccess access, StockLedger ledger, TimeProvider clock, IOptions<CommerceOptions> options,
        DeliveryEviction eviction, IPaymentProvider cards, CancellationToken ct)
    {
        if (await FindAsync(id, http, db, access, tracked: true, ct) is not ({ } offer, var party))
        {
            return NoOffer(http, id);
        }
        if (Refused(http, offer, party, seller: OfferStates.Pending, buyer: OfferStates.Countered) is { } refusal)
        {
            return refusal.Forbidden is { } forbidden ? forbidden : refusal.Conflict!;
        }
        var now = clock.GetUtcNow();
        var until = now + options.Value.OfferHoldTime;
        var order = new Order
        {
            BuyerId = offer.BuyerId,
            PaymentMethod = offer.PaymentMethod,
            Locale = offer.Locale,
            CreatedAt = now,
            ReservedUntil = until,
            TotalMinor = offer.AgreedMinor,
            VatMinor = Invoice.VatOf(offer.AgreedMinor),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var epoch = await ledger.TryReserveAsync(new StockTarget(offer.EntryId, null), 1, now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds(), ct);
            if (epoch is null)
            {
                await transaction.RollbackAsync(ct);
                return await Checkout.Checkout.RefusalAsync(http, db, offer.EntryId, 1, now, ct);
            }
            order.Lines.Add(new OrderLine { OrderId = order.Id, EntryId = offer.EntryId, Quantity = 1, UnitMinor = offer.AgreedMinor, HoldEpoch = epoch.Value });
            db.Orders.Add(order);
            var from = offer.State;
            offer.State = OfferStates.Accepted;
            offer.OrderId = order.Id;
            offer.UpdatedAt = now;
            var agreed = new Money(offer.AgreedMinor, offer.Currency).ToString();
            db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "offer.accepted", "offer", offer.Id.ToString(),
                [new AuditChange("state", null, from, offer.State), new AuditChange("order", null, null, order.Id.ToString())]));
            db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "order.created", "order", order.Id.ToString(),
                [new AuditChange("state", null, null, order.State), new AuditChange("total", null, null, agreed), new AuditChange("offer", null, null, offer.Id.ToString())]));
            CommerceEvents.Raise(db, CommerceEvents.OfferAccepted, offer.Id, now);
            if (!await SaveAsync(db, ct))
            {
                await transaction.RollbackAsync(ct);
                return Closed(http);
            }
            await transaction.CommitAsync(ct);
        }
        eviction.Evict();
        if (order.PaymentMethod == PaymentMethods.Card)
        {
            try
            {
                var payment = await cards.StartAsync(order, ct);
                await db.Orders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.PaymentIntentId, payment.PaymentIntentId), ct);
            }
            catch (Stripe.StripeException)
            {
                // The order keeps its hold; the buyer's next read of the order (or the checkout page) starts the payment again.
            }
        }
        return TypedResults.Ok(OfferView.Of(offer));
    }

    private static async Task<Results<Ok<OfferView>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> DeclineAsync(
        Guid id, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(id, http, db, access, tracked: true, ct) is not ({ } offer, var party))
        {
            return NoOffer(http, id);
        }
        if (Refused(http, offer, party, seller: OfferStates.Pending, buyer: OfferStates.Countered) is { } refusal)
        {
            return refusal.Forbidden is { } forbidden ? forbidden : refusal.Conflict!;
        }
        return await MoveAsync(http, db, clock, offer, OfferStates.Declined, CommerceEvents.OfferDeclined, ct) is { } view ? TypedResults.Ok(view) : Closed(http);
    }

    private static async Task<Results<Ok<OfferView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, ConflictProblem>> CounterAsync(
        Guid id, CounterOfferRequest request, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (request.Amount is not { } amount || !Money.TryFromDecimal(amount, Money.Sar, out var money) || money.Minor == 0)
        {
            var message = Locales.Say(http.Request, "يلزم مبلغ موجب بالريال بخانتين عشريتين على الأكثر", "a positive amount in SAR with at most two decimals is required");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["amount"] = [message] });
        }
        if (await FindAsync(id, http, db, access, tracked: true, ct) is not ({ } offer, var party))
        {
            return NoOffer(http, id);
        }
        if (Refused(http, offer, party, seller: OfferStates.Pending, buyer: null) is { } refusal)
        {
            return refusal.Forbidden is { } forbidden ? forbidden : refusal.Conflict!;
        }
        offer.CounterMinor = money.Minor;
        return await MoveAsync(http, db, clock, offer, OfferStates.Countered, CommerceEvents.OfferCountered, ct) is { } view ? TypedResults.Ok(view) : Closed(http);
    }

    private static async Task<Results<Ok<OfferView>, ForbiddenProblem, NotFoundProblem, ConflictProblem>> WithdrawAsync(
        Guid id, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(id, http, db, access, tracked: true, ct) is not ({ } offer, var party))
        {
            return NoOffer(http, id);
        }
        if (party != Party.Buyer)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "يسحب العرضَ صاحبُه فقط", "Only the buyer withdraws an offer"));
        }
        if (!OfferStates.IsOpen(offer.State))
        {
            return Closed(http, offer);
        }
        return await MoveAsync(http, db, clock, offer, OfferStates.Withdrawn, null, ct) is { } view ? TypedResults.Ok(view) : Closed(http);
    }

    /// <summary>The offer's view once moved, or null when another request moved it first.</summary>
    private static async Task<OfferView?> MoveAsync(
        HttpContext http, CommerceDbContext db, TimeProvider clock, Offer offer, string to, string? mailed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var from = offer.State;
        offer.State = to;
        offer.UpdatedAt = now;
        var changes = new List<AuditChange> { new("state", null, from, to) };
        if (to == OfferStates.Countered)
        {
            changes.Add(new AuditChange("counter", null, null, new Money(offer.CounterMinor!.Value, offer.Currency).ToString()));
        }
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "offer." + to, "offer", offer.Id.ToString(), changes));
        if (mailed is not null)
        {
            CommerceEvents.Raise(db, mailed, offer.Id, now);
        }
        return await SaveAsync(db, ct) ? OfferView.Of(offer) : null;
    }

    /// <summary>
    /// The offer and the caller's side of it: its buyer, or its seller (who may edit the work). Anyone else gets a 404,
    /// so offer ids reveal nothing.
    /// </summary>
    private static async Task<(Offer? Offer, Party Party)> FindAsync(Guid id, HttpContext http, CommerceDbContext db, IEntryAccess access, bool tracked, CancellationToken ct)
    {
        var offers = tracked ? db.Offers : db.Offers.AsNoTracking();
        if (await offers.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } offer)
        {
            return (null, Party.Buyer);
        }
        if (Cart.Buyer(http) == offer.BuyerId)
        {
            return (offer, Party.Buyer);
        }
        return await access.AccessAsync(http.User, offer.EntryId, ct) is { MayEdit: true } ? (offer, Party.Seller) : (null, Party.Buyer);
    }

    /// <summary>Who may answer in which state: the seller a pending offer, the buyer a counter-offer.</summary>
    private static Refusal? Refused(HttpContext http, Offer offer, Party party, string seller, string? buyer)
    {
        var allowed = party == Party.Seller ? seller : buyer;
        if (allowed is null || party == Party.Buyer && offer.State == OfferStates.Pending || party == Party.Seller && offer.State == OfferStates.Countered)
        {
            return new Refusal(new ForbiddenProblem(ProblemCode.Forbidden, party == Party.Seller
                ? Locales.Say(http.Request, "ينتظر العرض المقابل ردّ المشتري", "The counter-offer waits for the buyer's answer")
                : Locales.Say(http.Request, "يجيب البائع عن العرض؛ لا صاحبه", "The seller answers an offer, not its buyer")), null);
        }
        return offer.State == allowed ? null : new Refusal(null, Closed(http, offer));
    }

    private sealed record Refusal(ForbiddenProblem? Forbidden, ConflictProblem? Conflict);

    private static async Task<bool> SaveAsync(CommerceDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static NotFoundProblem NoOffer(HttpContext http, Guid id) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد عرض {id}", $"No offer {id}."));

    private static ConflictProblem Closed(HttpContext http, Offer? offer = null) => new(CommerceProblems.OfferClosed, offer is null
        ? Locales.Say(http.Request, "تغيّرت حالة العرض للتو في طلب آخر", "The offer's state just changed in another request")
        : Locales.Say(http.Request, $"العرض في حالة {offer.State}؛ لا يقبل هذا الإجراء", $"The offer is {offer.State}; it does not take that action"));
}
