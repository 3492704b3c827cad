using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Delivery;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Tickets;

internal sealed record TicketName(string? Ar, string? En);

internal sealed record TicketTypeRequest(TicketName? Name, PriceBody? Price, int? Capacity, DateTimeOffset? SalesStart, DateTimeOffset? SalesEnd, int? Position);

/// <summary>A ticket type as its sellers see it: what buyers see plus the counters and the queue behind it.</summary>
internal sealed record TicketTypeView(
    Guid Id, Guid EntryId, TicketName Name, PriceView Price, int Capacity, int Stock, int Sold, int Reserved, string Availability,
    DateTimeOffset? SalesStart, DateTimeOffset? SalesEnd, string Sales, int Position, int Waiting, DateTimeOffset UpdatedAt)
{
    public static TicketTypeView Of(TicketType t, DateTimeOffset now, int waiting)
    {
        var ms = now.ToUnixTimeMilliseconds();
        return new(t.Id, t.EntryId, new TicketName(t.NameAr, t.NameEn), PriceView.Of(t.Price), t.Capacity, t.Free(ms), t.Sold, t.ActiveReserved(ms),
            t.Shown(ms), t.SalesStart, t.SalesEnd, t.Sales(now), t.Position, waiting, t.UpdatedAt);
    }
}

/// <summary>
/// <c>/api/v1/manage/listings/{entryId}/ticket-types</c>: an event's or workshop's ticket types, set by whoever may price
/// the entry (its artist or gallery for their own, curators and administrators for all), as listings are.
/// </summary>
internal static class TicketTypesApi
{
    public static IReadOnlySet<string> TicketedTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "event", "workshop" };

    public static void MapTicketTypes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/listings/{entryId:guid}/ticket-types").RequireAuthorization(Policies.ManageContent).WithTags("Commerce");
        group.MapGet("/", ListAsync).WithSummary("An event's or workshop's ticket types with their sold, held and waiting counts");
        group.MapPost("/", CreateAsync).WithSummary("Add a ticket type: bilingual name, price (decimal SAR), capacity and an optional sales window");
        group.MapPut("/{ticketTypeId:guid}", UpdateAsync).WithSummary("Change a ticket type; capacity cannot go below the seats sold, and added seats go to its waiting list first");
        group.MapDelete("/{ticketTypeId:guid}", DeleteAsync).WithSummary("Remove a ticket type nobody has bought or holds");
    }

    private static async Task<Results<Ok<TicketTypeView[]>, NotFoundProblem, ForbiddenProblem>> ListAsync(
        Guid entryId, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return NoEntry(http, entryId);
        }
        if (!entry.MayEdit)
        {
            return Refusal(http);
        }
        return TypedResults.Ok(await ViewsAsync(db, entryId, clock.GetUtcNow(), ct));
    }

    private static async Task<TicketTypeView[]> ViewsAsync(CommerceDbContext db, Guid entryId, DateTimeOffset now, CancellationToken ct)
    {
        var types = await db.TicketTypes.AsNoTracking().Where(t => t.EntryId == entryId).ToListAsync(ct);
        var ids = types.Select(t => t.Id).ToList();
        var waiting = await db.WaitingList.AsNoTracking().Where(w => ids.Contains(w.TicketTypeId) && w.State == WaitingStates.Waiting)
            .GroupBy(w => w.TicketTypeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return types.OrderBy(t => t.Position).ThenBy(t => t.PriceMinor).ThenBy(t => t.Id)
            .Select(t => TicketTypeView.Of(t, now, waiting.GetValueOrDefault(t.Id))).ToArray();
    }

    private static async Task<Results<Created<TicketTypeView>, BadRequestProblem, NotFoundProblem, ForbiddenProblem, UnprocessableProblem>> CreateAsync(
        Guid entryId, TicketTypeRequest request, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock,
        DeliveryEviction eviction, CancellationToken ct)
    {
        if (Validate(http, request, out var values) is { } invalid)
        {
            return invalid;
        }
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return NoEntry(http, entryId);
        }
        if (!entry.MayEdit)
        {
            return Refusal(http);
        }
        if (!TicketedTypes.Contains(entry.Type))
        {
            return new UnprocessableProblem(CommerceProblems.TicketsForEventsOnly, Locales.Say(http.Request,
                $"لا تُباع تذاكر لمحتوى من نوع {entry.Type}؛ أنواع التذاكر للفعاليات وورش العمل", $"A {entry.Type} has no tickets; ticket types are for events and workshops"));
        }
        var now = clock.GetUtcNow();
        var type = new TicketType { EntryId = entryId, NameAr = values.NameAr, NameEn = values.NameEn };
        Apply(type, values, http, now);
        type.Position = request.Position ?? await db.TicketTypes.CountAsync(t => t.EntryId == entryId, ct);
        db.TicketTypes.Add(type);
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "ticket-type.create", "listing", entryId.ToString(), Changes(type)));
        Mail.CommerceEvents.Raise(db, Mail.CommerceEvents.ListingChanged, entryId, now);
        await db.SaveChangesAsync(ct);
        eviction.Evict();
        return TypedResults.Created($"/api/v1/manage/listings/{entryId}/ticket-types/{type.Id}", TicketTypeView.Of(type, now, 0));
    }

    private static async Task<Results<Ok<TicketTypeView>, BadRequestProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem>> UpdateAsync(
        Guid entryId, Guid ticketTypeId, TicketTypeRequest request, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock,
        WaitingList waiting, DeliveryEviction eviction, CancellationToken ct)
    {
        if (Validate(http, request, out var values) is { } invalid)
        {
            return invalid;
        }
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return NoEntry(http, entryId);
        }
        if (!entry.MayEdit)
        {
            return Refusal(http);
        }
        if (await db.TicketTypes.SingleOrDefaultAsync(t => t.Id == ticketTypeId && t.EntryId == entryId, ct) is not { } type)
        {
            return WaitingListApi.NoTicketType(http, ticketTypeId);
        }
        if (values.Capacity < type.Sold)
        {
            return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request, $"بيع {type.Sold} مقعدًا بالفعل؛ لا تقل السعة عن ذلك",
                $"{type.Sold} seats already sold; capacity cannot go below that"));
        }
        var now = clock.GetUtcNow();
        var before = Changes(type).Select(c => c.After?.DeepClone()).ToList();
        var grew = values.Capacity > type.Capacity;
        Apply(type, values, http, now);
        if (request.Position is { } position)
        {
            type.Position = position;
        }
        var after = Changes(type);
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, "ticket-type.update", "listing", entryId.ToString(),
            after.Select((c, i) => c with { Before = before[i] }).ToList()));
        // Counters move only through the ledger's conditional updates; only what the seller sets is written here.
        db.Entry(type).Property(t => t.Sold).IsModified = false;
        db.Entry(type).Property(t => t.Reserved).IsModified = false;
        db.Entry(type).Property(t => t.HoldsUntilMs).IsModified = false;
        db.Entry(type).Property(t => t.HoldEpoch).IsModified = false;
        Mail.CommerceEvents.Raise(db, Mail.CommerceEvents.ListingChanged, entryId, now);
        await db.SaveChangesAsync(ct);
        if (grew)
        {
            await waiting.OfferAsync(type.Id, ct);
        }
        eviction.Evict();
        var fresh = await db.TicketTypes.AsNoTracking().SingleAsync(t => t.Id == type.Id, ct);
        var queue = await db.WaitingList.CountAsync(w => w.TicketTypeId == type.Id && w.State == WaitingStates.Waiting, ct);
        return TypedResults.Ok(TicketTypeView.Of(fresh, now, queue));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem, ConflictProblem>> DeleteAsync(
        Guid entryId, Guid ticketTypeId, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock, DeliveryEviction eviction, CancellationToken ct)
    {
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return NoEntry(http, entryId);
        }
        if (!entry.MayEdit)
        {
            return Refusal(http);
        }
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Removed only while nothing is sold or held, checked by the DELETE itself; orders keep naming the type otherwise.
        var deleted = await db.TicketTypes
            .Where(t => t.Id == ticketTypeId && t.EntryId == entryId && t.Sold == 0 && (t.Reserved == 0 || t.HoldsUntilMs <= nowMs))
            .ExecuteDeleteAsync(ct);
        if (deleted == 1)
        {
            await db.WaitingList.Where(w => w.TicketTypeId == ticketTypeId).ExecuteDeleteAsync(ct);
            // A cart line of a type that is gone could only ever fail checkout.
            await db.CartItems.Where(c => c.TicketTypeId == ticketTypeId).ExecuteDeleteAsync(ct);
            Mail.CommerceEvents.Raise(db, Mail.CommerceEvents.ListingChanged, entryId, now);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            eviction.Evict();
            return TypedResults.NoContent();
        }
        if (!await db.TicketTypes.AnyAsync(t => t.Id == ticketTypeId && t.EntryId == entryId, ct))
        {
            return WaitingListApi.NoTicketType(http, ticketTypeId);
        }
        return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request, "بيعت أو حُجزت مقاعد من هذا النوع؛ أنهِ بيعه بتاريخ نهاية البيع بدل حذفه",
            "Seats of this type are sold or held; end its sales window instead of removing it"));
    }

    private sealed record Values(string NameAr, string NameEn, Money Price, int Capacity, DateTimeOffset? SalesStart, DateTimeOffset? SalesEnd);

    private static BadRequestProblem? Validate(HttpContext http, TicketTypeRequest request, out Values values)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        var errors = new ValidationErrors();
        var ar = request.Name?.Ar?.Trim();
        var en = request.Name?.En?.Trim();
        if (string.IsNullOrEmpty(ar) && string.IsNullOrEmpty(en))
        {
            errors.Add("name", Say("يلزم اسم نوع التذكرة بالعربية أو الإنجليزية (أو بهما)", "a ticket type name in Arabic or English (or both) is required"));
        }
        else if (ar?.Length > 100 || en?.Length > 100)
        {
            errors.Add("name", Say("الاسم 100 حرف على الأكثر", "a name is at most 100 characters"));
        }
        var money = default(Money);
        if (request.Price?.Amount is not { } amount || !Money.TryFromDecimal(amount, Money.Sar, out money))
        {
            errors.Add("price.amount", Say("يلزم سعر موجب بالريال بخانتين عشريتين على الأكثر", "a non-negative price in SAR with at most two decimals is required"));
        }
        if (request.Price?.Currency is { } currency && currency != Money.Sar)
        {
            errors.Add("price.currency", Say("العملة المقبولة هي SAR فقط", "the only currency is SAR"));
        }
        if (request.Capacity is not (>= 0 and <= 1_000_000))
        {
            errors.Add("capacity", Say("السعة عدد صحيح من 0 إلى 1000000", "capacity is a whole number from 0 to 1000000"));
        }
        if (request.SalesStart is { } start && request.SalesEnd is { } end && end <= start)
        {
            errors.Add("salesEnd", Say("نهاية البيع بعد بدايته", "salesEnd is after salesStart"));
        }
        values = new Values(string.IsNullOrEmpty(ar) ? en ?? "" : ar, string.IsNullOrEmpty(en) ? ar ?? "" : en, money, request.Capacity ?? 0,
            request.SalesStart?.ToUniversalTime(), request.SalesEnd?.ToUniversalTime());
        return errors.IsEmpty ? null : new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
    }

    private static void Apply(TicketType type, Values values, HttpContext http, DateTimeOffset now)
    {
        type.NameAr = values.NameAr;
        type.NameEn = values.NameEn;
        type.PriceMinor = values.Price.Minor;
        type.Currency = values.Price.Currency;
        type.Capacity = values.Capacity;
        type.SalesStart = values.SalesStart;
        type.SalesEnd = values.SalesEnd;
        type.UpdatedAt = now;
        type.UpdatedBy = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    private static List<AuditChange> Changes(TicketType type) =>
    [
        new("ticketType", null, null, type.Id.ToString()),
        new("name", null, null, $"{type.NameAr} / {type.NameEn}"),
        new("price", null, null, type.Price.ToString()),
        new("capacity", null, null, type.Capacity),
        new("salesStart", null, null, type.SalesStart?.ToString("O", CultureInfo.InvariantCulture)),
        new("salesEnd", null, null, type.SalesEnd?.ToString("O", CultureInfo.InvariantCulture)),
    ];

    private static NotFoundProblem NoEntry(HttpContext http, Guid entryId) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد محتوى بالمعرّف {entryId}", $"No entry {entryId}."));

    private static ForbiddenProblem Refusal(HttpContext http) => new(ProblemCode.Forbidden, Locales.Say(http.Request,
        "يحدد الفنانون والصالات تذاكر فعالياتهم فقط؛ ويحددها القيّمون والمديرون للجميع",
        "Artists and galleries set tickets for their own entries only; curators and administrators for all"));
}

/// <summary>
/// Writes <c>tickets: [{ id, name: { ar, en }, price: { amount, currency }, availability, stock, capacity, salesStart,
/// salesEnd, sales, waiting }]</c> on Delivery items of events and workshops that have ticket types; each element has the
/// shape of <c>listing</c> plus what is particular to a seat. Names carry both languages: commerce does not know the
/// locale a Delivery item is read in.
/// </summary>
internal sealed class TicketsInDelivery(CommerceDbContext db, TimeProvider clock) : IDeliveryItemExtension
{
    public string PropertyName => "tickets";

    public async Task<IReadOnlyDictionary<Guid, JsonNode>> ValuesAsync(IReadOnlyCollection<Guid> entryIds, CancellationToken cancellationToken)
    {
        var types = await db.TicketTypes.AsNoTracking().Where(t => entryIds.Contains(t.EntryId)).ToListAsync(cancellationToken);
        if (types.Count == 0)
        {
            return new Dictionary<Guid, JsonNode>();
        }
        var ids = types.Select(t => t.Id).ToList();
        var waiting = await db.WaitingList.AsNoTracking().Where(w => ids.Contains(w.TicketTypeId) && w.State == WaitingStates.Waiting)
            .GroupBy(w => w.TicketTypeId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var now = clock.GetUtcNow();
        var ms = now.ToUnixTimeMilliseconds();
        return types.GroupBy(t => t.EntryId).ToDictionary(g => g.Key, g => (JsonNode)new JsonArray(g
            .OrderBy(t => t.Position).ThenBy(t => t.PriceMinor).ThenBy(t => t.Id)
            .Select(t => (JsonNode)new JsonObject
            {
                ["id"] = t.Id,
                ["name"] = new JsonObject { ["ar"] = t.NameAr, ["en"] = t.NameEn },
                ["price"] = new JsonObject { ["amount"] = t.Price.Amount, ["currency"] = t.Currency },
                ["availability"] = t.Shown(ms),
                ["stock"] = t.Free(ms),
                ["capacity"] = t.Capacity,
                ["salesStart"] = t.SalesStart,
                ["salesEnd"] = t.SalesEnd,
                ["sales"] = t.Sales(now),
                ["waiting"] = waiting.GetValueOrDefault(t.Id),
            }).ToArray()));
    }
}
