using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;

namespace ArtSouk.Commerce.Tickets;

/// <summary>
/// One kind of seat at an event or workshop (general, student, VIP): its own price, capacity and sales window. Its
/// counters have the listing's shape and move only through <see cref="Listings.StockLedger"/>'s conditional updates,
/// so the last seats of a type are never sold twice.
/// </summary>
internal sealed class TicketType
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EntryId { get; init; }
    public required string NameAr { get; set; }
    public required string NameEn { get; set; }
    public long PriceMinor { get; set; }
    public string Currency { get; set; } = Money.Sar;

    /// <summary><c>available</c>, or <c>sold</c> once every seat is sold (and back to available when a full refund frees one).</summary>
    public string Availability { get; set; } = Listings.Availability.Available;

    /// <summary>Seats for sale (the ledger's <c>stock</c>).</summary>
    public int Capacity { get; set; }

    public int Sold { get; set; }
    public int Reserved { get; set; }
    public long HoldsUntilMs { get; set; }
    public long HoldEpoch { get; set; }

    /// <summary>Checkout refuses this type before <see cref="SalesStart"/> and from <see cref="SalesEnd"/> on (either may be open).</summary>
    public DateTimeOffset? SalesStart { get; set; }

    public DateTimeOffset? SalesEnd { get; set; }

    /// <summary>Order on the page (then price).</summary>
    public int Position { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public Money Price => new(PriceMinor, Currency);

    public string Name(string locale) => locale == Kernel.Localization.Locales.English ? NameEn : NameAr;

    public int ActiveReserved(long nowMs) => HoldsUntilMs > nowMs ? Reserved : 0;

    public int Free(long nowMs) => Math.Max(0, Capacity - Sold - ActiveReserved(nowMs));

    /// <summary>
    /// Why <paramref name="quantity"/> seats cannot be held now: <c>reserved</c> when other buyers' holds are what stands
    /// in the way (unsold seats would cover it once they lapse), else <c>sold_out</c>.
    /// </summary>
    public ProblemCode SeatsRefusal(int quantity, long nowMs) =>
        ActiveReserved(nowMs) > 0 && Capacity - Sold >= quantity ? CommerceProblems.Reserved : CommerceProblems.SoldOut;

    public string Shown(long nowMs) => Availability != Listings.Availability.Available ? Availability
        : Sold >= Capacity ? Listings.Availability.Sold
        : Free(nowMs) == 0 ? Listings.Availability.Reserved
        : Listings.Availability.Available;

    /// <summary><c>upcoming</c> before the window, <c>open</c> inside it, <c>ended</c> after it.</summary>
    public string Sales(DateTimeOffset now) => SalesStart is { } start && now < start ? SalesStates.Upcoming
        : SalesEnd is { } end && now >= end ? SalesStates.Ended
        : SalesStates.Open;

    /// <summary>Why no seats can be bought now for the sales window: <c>sales_not_started</c>, <c>sales_ended</c>, or null while it is open.</summary>
    public ProblemCode? SalesRefusal(DateTimeOffset now) => Sales(now) switch
    {
        SalesStates.Upcoming => CommerceProblems.SalesNotStarted,
        SalesStates.Ended => CommerceProblems.SalesEnded,
        _ => null,
    };
}

internal static class SalesStates
{
    public const string Upcoming = "upcoming";
    public const string Open = "open";
    public const string Ended = "ended";
}

/// <summary>
/// A collector waiting for a sold-out ticket type. When seats free up (a hold expires and its order is cancelled, an
/// order is cancelled or fully refunded, the capacity grows), the first waiting person whose seats fit is offered them:
/// the seats are held for them in the ledger until <see cref="OfferedUntil"/> and they are e-mailed in their language.
/// </summary>
internal sealed class WaitingListEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid TicketTypeId { get; init; }
    public Guid EntryId { get; init; }
    public Guid UserId { get; init; }
    public int Quantity { get; set; } = 1;
    public string Locale { get; set; } = Kernel.Localization.Locales.Arabic;
    public string State { get; set; } = WaitingStates.Waiting;

    /// <summary>When they joined (or joined again): the queue's order.</summary>
    public DateTimeOffset JoinedAt { get; set; }

    public DateTimeOffset? OfferedUntil { get; set; }

    /// <summary>The ticket type's hold epoch when the offered seats were held (see <see cref="Listings.StockLedger"/>).</summary>
    public long HoldEpoch { get; set; }
}

internal static class WaitingStates
{
    public const string Waiting = "waiting";

    /// <summary>Seats are held for them until <see cref="WaitingListEntry.OfferedUntil"/>.</summary>
    public const string Offered = "offered";

    /// <summary>They checked out the offered seats.</summary>
    public const string Converted = "converted";

    /// <summary>The offer ran out; the seats went to the next person.</summary>
    public const string Lapsed = "lapsed";
}
