namespace ArtSouk.Commerce.Offers;

/// <summary>
/// A buyer's offer on a listed work. The seller accepts, declines or counters a pending offer; the buyer accepts or
/// declines a counter. Accepting holds the work and creates the buyer's order at the agreed price. <see cref="State"/>
/// is a concurrency token, so a seller accepting while the buyer withdraws cannot both win.
/// </summary>
internal sealed class Offer
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EntryId { get; init; }
    public Guid BuyerId { get; init; }
    public long AmountMinor { get; init; }
    public long? CounterMinor { get; set; }
    public string Currency { get; init; } = Kernel.Money.Money.Sar;
    public string State { get; set; } = OfferStates.Pending;
    public required string PaymentMethod { get; init; }
    public string? Message { get; init; }

    /// <summary>The buyer's language, for the e-mails about this offer.</summary>
    public string Locale { get; init; } = "ar";

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The order an accepted offer became.</summary>
    public Guid? OrderId { get; set; }

    /// <summary>What the buyer pays once accepted: the counter when the seller countered, else the offer.</summary>
    public long AgreedMinor => CounterMinor ?? AmountMinor;
}

/// <summary>pending -> accepted | declined | countered | withdrawn; countered -> accepted | declined | withdrawn.</summary>
internal static class OfferStates
{
    public const string Pending = "pending";
    public const string Countered = "countered";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";

    public static bool IsOpen(string state) => state is Pending or Countered;
}

/// <summary>A question about a work, sent to its seller.</summary>
internal sealed class Inquiry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid EntryId { get; init; }
    public Guid AskerId { get; init; }
    public required string Message { get; init; }
    public string Locale { get; init; } = "ar";
    public DateTimeOffset CreatedAt { get; init; }
}
