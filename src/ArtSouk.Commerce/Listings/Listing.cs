using ArtSouk.Kernel.Money;

namespace ArtSouk.Commerce.Listings;

/// <summary>
/// What is for sale about a CMS entry: price, availability and stock. Counters move only through <see cref="StockLedger"/>'s
/// conditional updates; the entry's editorial content stays in the CMS.
/// </summary>
internal sealed class Listing
{
    public Guid EntryId { get; init; }
    public required string EntryType { get; init; }
    public long PriceMinor { get; set; }
    public string Currency { get; set; } = Money.Sar;

    /// <summary>What the seller says (<see cref="Availability"/>); a sold-out or held work reads as sold or reserved regardless.</summary>
    public string Availability { get; set; } = Listings.Availability.Available;

    /// <summary>Units ever for sale: 1 for a unique work, the edition size for an edition.</summary>
    public int Stock { get; set; } = 1;

    public int Sold { get; set; }

    /// <summary>Units held by checkouts; counts only while <see cref="HoldsUntilMs"/> is in the future.</summary>
    public int Reserved { get; set; }

    /// <summary>Unix milliseconds until which the <see cref="Reserved"/> holds stand (the latest hold's expiry).</summary>
    public long HoldsUntilMs { get; set; }

    /// <summary>Bumped whenever expired holds are dropped, so an order releases its hold only if it is still counted.</summary>
    public long HoldEpoch { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public Money Price => new(PriceMinor, Currency);

    public int ActiveReserved(long nowMs) => HoldsUntilMs > nowMs ? Reserved : 0;

    public int Free(long nowMs) => Math.Max(0, Stock - Sold - ActiveReserved(nowMs));

    /// <summary>What buyers see: the seller's word, or sold when every unit is sold, reserved when the rest is held.</summary>
    public string Shown(long nowMs) => Availability != Listings.Availability.Available ? Availability
        : Sold >= Stock ? Listings.Availability.Sold
        : Free(nowMs) == 0 ? Listings.Availability.Reserved
        : Listings.Availability.Available;
}

internal static class Availability
{
    public const string Available = "available";
    public const string Reserved = "reserved";
    public const string Sold = "sold";
    public const string NotForSale = "not_for_sale";
    public const string AtAuction = "at_auction";

    public static IReadOnlyList<string> All { get; } = [Available, Reserved, Sold, NotForSale, AtAuction];
}

/// <summary>A cart line: what a buyer means to check out, a listed entry or seats of one of an event's ticket types.</summary>
internal sealed class CartItem
{
    /// <summary>The key's ticket type of a listing line: no ticket type has the empty id (they are version-7 GUIDs).</summary>
    public static readonly Guid NoTicketType = Guid.Empty;

    public Guid BuyerId { get; init; }
    public Guid EntryId { get; init; }

    /// <summary><see cref="NoTicketType"/> for the entry's listing, else the ticket type whose seats the line holds.</summary>
    public Guid TicketTypeId { get; init; }

    public int Quantity { get; set; }
    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The ticket type as checkout takes it: <c>null</c> for a listing line.</summary>
    public Guid? TicketType => TicketTypeId == NoTicketType ? null : TicketTypeId;
}
