namespace ArtSouk.Kernel.Auctions;

/// <summary>
/// A sale as the public site shows it (amounts in SAR, times in UTC); <see cref="Lots"/> is empty in lists.
/// <see cref="CoverEntryId"/> is the entry whose picture is the sale's cover, when one was chosen.
/// </summary>
public sealed record AuctionSaleSummary(Guid Id, string TitleAr, string TitleEn, string? DescriptionAr, string? DescriptionEn, string Type,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<AuctionLotSummary> Lots, Guid? CoverEntryId = null);

/// <summary>A lot as anyone may see it: never the reserve (only whether it is met) and never a bidder's maximum.</summary>
public sealed record AuctionLotSummary(Guid Id, Guid SaleId, int Number, Guid EntryId, string State, string? Outcome, decimal StartingBid,
    decimal? CurrentBid, decimal NextValidAmount, DateTimeOffset OpensAt, DateTimeOffset EndsAt, bool HasReserve, bool ReserveMet,
    decimal? EstimateLow, decimal? EstimateHigh, int BidCount, long? LeadingPaddle);

/// <summary>
/// Reads sales and lots for the public site's auction pages, so the theme shows them without referencing the auctions
/// module (as <see cref="Delivery.IDeliveryItemExtension"/> lets commerce show listings in the CMS).
/// </summary>
public interface IAuctionCatalog
{
    Task<IReadOnlyList<AuctionSaleSummary>> SalesAsync(int limit, CancellationToken cancellationToken);

    Task<AuctionSaleSummary?> SaleAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The lot and its sale (the sale's <see cref="AuctionSaleSummary.Lots"/> empty).</summary>
    Task<(AuctionSaleSummary Sale, AuctionLotSummary Lot)?> LotAsync(Guid id, CancellationToken cancellationToken);
}
