namespace ArtSouk.Auctions.Sales;

/// <summary>A sale (timed or live) and the rules its lots are bid under.</summary>
internal sealed class Sale
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string TitleAr { get; set; }
    public required string TitleEn { get; set; }
    public string? DescriptionAr { get; set; }
    public string? DescriptionEn { get; set; }

    /// <summary>The entry whose picture is the sale's cover (a work in the sale, an exhibition); the first lot's when none.</summary>
    public Guid? CoverEntryId { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public bool BiddersNeedApproval { get; set; }

    /// <summary>Charged (never held) to register to bid; 0 when the sale asks none.</summary>
    public long DepositMinor { get; set; }
    public int SoftCloseMinutes { get; set; }
    public DateTimeOffset? HardStopAt { get; set; }

    /// <summary>Seconds between the closing times of consecutive lots (staggered closing).</summary>
    public int LotIntervalSeconds { get; set; }

    /// <summary>The increment ladder (<see cref="Rules.Ladder"/> JSON).</summary>
    public required string Increments { get; set; }

    /// <summary>The buyer's premium tiers (<see cref="Rules.PremiumSchedule"/> JSON).</summary>
    public required string PremiumTiers { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public string? CreatedBy { get; init; }
}

internal static class SaleTypes
{
    public const string Timed = "timed";
    public const string Live = "live";
}

/// <summary>A person's registration to bid in one sale. Its identity column is the paddle number shown beside their bids.</summary>
internal sealed class Registration
{
    public long Paddle { get; init; }
    public Guid SaleId { get; init; }
    public Guid BidderId { get; init; }
    public string State { get; set; } = RegistrationStates.Pending;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }

    /// <summary>The deposit this registration owes (the sale's, when it registered); 0 for none.</summary>
    public long DepositMinor { get; init; }
    public string? DepositState { get; set; }
    public string? DepositPaymentId { get; set; }
    public string? DepositRefundId { get; set; }
    public DateTimeOffset? DepositPaidAt { get; set; }
    public DateTimeOffset? DepositSettledAt { get; set; }

    /// <summary>What the deposit's payment is for at the card provider: its idempotency keys derive from it.</summary>
    public string DepositReference => $"sale-{SaleId:N}-bidder-{BidderId:N}";
}

/// <summary>
/// A deposit is charged when the bidder registers and given back after the sale: to a bidder who won nothing once every
/// lot has closed, to a winner once every order they won is paid. A winner who abandons an order forfeits it.
/// </summary>
internal static class DepositStates
{
    public const string Pending = "pending";
    public const string Paid = "paid";
    public const string Refunded = "refunded";
    public const string Forfeited = "forfeited";
}

internal static class RegistrationStates
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
