namespace ArtSouk.Auctions.Sales;

/// <summary>A sale (timed or live) and the rules its lots are bid under.</summary>
internal sealed class Sale
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string TitleAr { get; set; }
    public required string TitleEn { get; set; }
    public string? DescriptionAr { get; set; }
    public string? DescriptionEn { get; set; }
    public required string Type { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public bool BiddersNeedApproval { get; set; }
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
}

internal static class RegistrationStates
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
}
