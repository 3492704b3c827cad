namespace ArtSouk.Auctions.Bidding;

/// <summary>
/// An accepted bid, binding. <see cref="Id"/> is the server's monotonic sequence; a bidder's request is idempotent per
/// <see cref="ClientBidId"/> (unique per lot and bidder). Proxy rows are the raises made on a leader's behalf.
/// </summary>
internal sealed class Bid
{
    public long Id { get; init; }
    public Guid LotId { get; init; }
    public Guid BidderId { get; init; }
    public long Paddle { get; init; }
    public string? ClientBidId { get; init; }
    public required string Kind { get; init; }
    public long AmountMinor { get; init; }

    /// <summary>The bidder's maximum; never shown to anyone but its bidder.</summary>
    public long MaxMinor { get; init; }

    /// <summary>The lot's price right after this bid, and whether its bidder led then (the answer a retry gets again).</summary>
    public long PriceAfterMinor { get; init; }
    public bool Leading { get; init; }
    public DateTimeOffset PlacedAt { get; init; }
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
}

internal static class BidKinds
{
    public const string Bid = "bid";
    public const string Proxy = "proxy";
}
