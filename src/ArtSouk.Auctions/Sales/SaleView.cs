using System.Collections.Concurrent;
using ArtSouk.Auctions.Bidding;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Rules;
using ArtSouk.Kernel.Money;

namespace ArtSouk.Auctions.Sales;

internal sealed record TextPair(string? Ar, string? En);

internal sealed record SaleView(Guid Id, TextPair Title, TextPair? Description, string Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    bool BiddersNeedApproval, int SoftCloseMinutes, DateTimeOffset? HardStopAt, int LotIntervalSeconds, IReadOnlyList<Rung> Increments,
    IReadOnlyList<PremiumTier> PremiumTiers, IReadOnlyList<LotView>? Lots, decimal? Deposit, Guid? CoverEntryId)
{
    public static SaleView Of(Sale s, IReadOnlyList<LotView>? lots = null) => new(s.Id, new TextPair(s.TitleAr, s.TitleEn),
        s.DescriptionAr is null && s.DescriptionEn is null ? null : new TextPair(s.DescriptionAr, s.DescriptionEn), s.Type, s.StartsAt, s.EndsAt,
        s.BiddersNeedApproval, s.SoftCloseMinutes, s.HardStopAt, s.LotIntervalSeconds, SaleRules.LadderOf(s).Rungs, SaleRules.PremiumOf(s).Tiers, lots,
        s.DepositMinor == 0 ? null : new Money(s.DepositMinor, Money.Sar).Amount, s.CoverEntryId);
}

/// <summary>A sale's rules, parsed once per distinct JSON (sales share the defaults).</summary>
internal static class SaleRules
{
    private static readonly ConcurrentDictionary<string, Ladder> Ladders = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, PremiumSchedule> Premiums = new(StringComparer.Ordinal);

    public static Ladder LadderOf(Sale sale) => Ladders.GetOrAdd(sale.Increments, Ladder.FromJson);

    public static PremiumSchedule PremiumOf(Sale sale) => Premiums.GetOrAdd(sale.PremiumTiers, PremiumSchedule.FromJson);

    public static Terms TermsOf(Sale sale, Lot lot) => new(lot.StartingMinor, lot.ReserveMinor, LadderOf(sale));
}
