using ArtSouk.Auctions.Bidding;

namespace ArtSouk.Auctions.Lots;

/// <summary>
/// A lot: an artwork entry offered in a sale. Its bidding state (price, leader, the two maxima) is moved only by one
/// conditional UPDATE per accepted bid, guarded by <see cref="Version"/>, state and end; times that bids and the closer
/// compare in SQL are Unix milliseconds, so the guard reads the same on SQLite and PostgreSQL.
/// </summary>
internal sealed class Lot
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SaleId { get; init; }
    public int Number { get; init; }
    public Guid EntryId { get; init; }
    public long StartingMinor { get; init; }
    public long? ReserveMinor { get; init; }
    public long? EstimateLowMinor { get; init; }
    public long? EstimateHighMinor { get; init; }
    public long OpensAtMs { get; init; }
    public long EndsAtMs { get; set; }
    public string State { get; set; } = LotStates.Open;
    public long PriceMinor { get; set; }
    public Guid? LeaderId { get; set; }
    public long? LeaderPaddle { get; set; }
    public long LeaderMaxMinor { get; set; }
    public long RunnerUpMaxMinor { get; set; }
    public int BidCount { get; set; }
    public long Version { get; set; }

    /// <summary>Which closer run holds the lot while it is <c>closing</c>, and since when (a stale claim is taken over).</summary>
    public Guid? ClaimToken { get; set; }
    public long ClaimedAtMs { get; set; }

    /// <summary><c>sold</c> or <c>passed</c> once closed.</summary>
    public string? Outcome { get; set; }
    public Guid? OrderId { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public Book Book => new(PriceMinor, LeaderId, LeaderMaxMinor, RunnerUpMaxMinor);
}

internal static class LotStates
{
    public const string Open = "open";
    public const string Closing = "closing";
    public const string Closed = "closed";
}

internal static class LotOutcomes
{
    public const string Sold = "sold";
    public const string Passed = "passed";
}

/// <summary>Someone following a lot (for ending-soon notices).</summary>
internal sealed class Watch
{
    public Guid LotId { get; init; }
    public Guid UserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
