using System.Security.Claims;
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

namespace ArtSouk.Commerce.Listings;

internal sealed record PriceBody(decimal? Amount, string? Currency);

internal sealed record SetListingRequest(PriceBody? Price, string? Availability, int? Stock);

internal sealed record PriceView(decimal Amount, string Currency)
{
    public static PriceView Of(Money money) => new(money.Amount, money.Currency);
}

/// <summary>A listing as sellers see it: what buyers see, plus the counters behind it.</summary>
internal sealed record ListingView(Guid EntryId, string EntryType, PriceView Price, string Availability, int Stock, int Sold, int Reserved, DateTimeOffset UpdatedAt)
{
    public static ListingView Of(Listing l, long nowMs) =>
        new(l.EntryId, l.EntryType, PriceView.Of(l.Price), l.Shown(nowMs), l.Free(nowMs), l.Sold, l.ActiveReserved(nowMs), l.UpdatedAt);
}

/// <summary><c>PUT /api/v1/manage/listings/{entryId}</c>: price, availability and stock of an entry its editor may sell.</summary>
internal static class SetListing
{
    /// <summary>Entries that can be sold: artworks, and tickets to events and workshops.</summary>
    public static IReadOnlySet<string> SellableTypes { get; } = new HashSet<string>(StringComparer.Ordinal) { "artwork", "event", "workshop" };

    public static void MapSetListing(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/listings").RequireAuthorization(Policies.ManageContent).WithTags("Commerce");
        group.MapPut("/{entryId:guid}", SetAsync)
            .WithSummary("Set an entry's price (decimal SAR), availability and stock; artists and galleries for their own works, curators and administrators for all");
        group.MapGet("/{entryId:guid}", GetAsync).WithSummary("An entry's listing with its sold and reserved counters");
    }

    private static async Task<Results<Ok<ListingView>, NotFoundProblem, ForbiddenProblem>> GetAsync(
        Guid entryId, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock, CancellationToken ct)
    {
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return NotListed(http, entryId);
        }
        if (!entry.MayEdit)
        {
            return Refusal(http);
        }
        var listing = await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.EntryId == entryId, ct);
        return listing is null ? NotListed(http, entryId) : TypedResults.Ok(ListingView.Of(listing, clock.GetUtcNow().ToUnixTimeMilliseconds()));
    }

    private static async Task<Results<Ok<ListingView>, BadRequestProblem, NotFoundProblem, ForbiddenProblem, ConflictProblem, UnprocessableProblem>> SetAsync(
        Guid entryId, SetListingRequest request, HttpContext http, CommerceDbContext db, IEntryAccess access, TimeProvider clock,
        DeliveryEviction eviction, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        var errors = new ValidationErrors();
        var money = default(Money);
        if (request.Price?.Amount is not { } amount || !Money.TryFromDecimal(amount, Money.Sar, out money))
        {
            errors.Add("price.amount", Say("يلزم سعر موجب بالريال بخانتين عشريتين على الأكثر", "a non-negative price in SAR with at most two decimals is required"));
        }
        if (request.Price?.Currency is { } currency && currency != Money.Sar)
        {
            errors.Add("price.currency", Say("العملة المقبولة هي SAR فقط", "the only currency is SAR"));
        }
        var availability = request.Availability ?? Availability.Available;
        if (!Availability.All.Contains(availability))
        {
            errors.Add("availability", Say($"التوفر أحد: {string.Join("، ", Availability.All)}", $"availability is one of {string.Join(", ", Availability.All)}"));
        }
        var stock = request.Stock ?? 1;
        if (stock is < 0 or > 1_000_000)
        {
            errors.Add("stock", Say("المخزون عدد صحيح من 0 إلى 1000000", "stock is a whole number from 0 to 1000000"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        if (await access.AccessAsync(http.User, entryId, ct) is not { } entry)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Say($"لا يوجد محتوى بالمعرّف {entryId}", $"No entry {entryId}."));
        }
        if (!entry.MayEdit)
        {
            return Refusal(http);
        }
        if (!SellableTypes.Contains(entry.Type))
        {
            return new UnprocessableProblem(CommerceProblems.NotSellable, Say($"لا يُباع محتوى من نوع {entry.Type}؛ تُباع الأعمال الفنية وتذاكر الفعاليات وورش العمل",
                $"A {entry.Type} cannot be sold; artworks and event and workshop tickets can"));
        }
        var now = clock.GetUtcNow();
        var listing = await db.Listings.SingleOrDefaultAsync(l => l.EntryId == entryId, ct);
        (string Price, string Availability, int Stock)? before = listing is null ? null : (listing.Price.ToString(), listing.Availability, listing.Stock);
        if (listing is null)
        {
            listing = new Listing { EntryId = entryId, EntryType = entry.Type };
            db.Listings.Add(listing);
        }
        else if (stock < listing.Sold)
        {
            return new ConflictProblem(ProblemCode.Conflict, Say($"بيع {listing.Sold} بالفعل؛ لا يقل المخزون عن ذلك", $"{listing.Sold} already sold; stock cannot go below that"));
        }
        listing.PriceMinor = money.Minor;
        listing.Currency = money.Currency;
        listing.Availability = availability;
        listing.Stock = stock;
        listing.UpdatedAt = now;
        listing.UpdatedBy = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        db.Add(AuditRecord.Of(AuditActor.From(http.User), now, before is null ? "listing.create" : "listing.update", "listing", entryId.ToString(),
        [
            new AuditChange("price", null, before?.Price, money.ToString()),
            new AuditChange("availability", null, before?.Availability, availability),
            new AuditChange("stock", null, before?.Stock, stock),
        ]));
        Mail.CommerceEvents.Raise(db, Mail.CommerceEvents.ListingChanged, entryId, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (Kernel.Persistence.DatabaseErrors.IsUniqueViolation(ex))
        {
            return new ConflictProblem(ProblemCode.Conflict, Say("أُنشئ العرض للتو في طلب آخر؛ أعد المحاولة", "The listing was just created by another request; try again"));
        }
        eviction.Evict();
        return TypedResults.Ok(ListingView.Of(listing, now.ToUnixTimeMilliseconds()));
    }

    private static NotFoundProblem NotListed(HttpContext http, Guid entryId) => new(ProblemCode.NotFound,
        Locales.Say(http.Request, $"لا يوجد عرض بيع للمحتوى {entryId}", $"Entry {entryId} is not listed."));

    private static ForbiddenProblem Refusal(HttpContext http) => new(ProblemCode.Forbidden, Locales.Say(http.Request,
        "يحدد الفنانون والصالات أسعار أعمالهم فقط؛ ويحدد القيّمون والمديرون الأسعار لكل الأعمال",
        "Artists and galleries price their own works only; curators and administrators price all"));
}
