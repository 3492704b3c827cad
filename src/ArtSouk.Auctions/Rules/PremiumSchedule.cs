using System.Text.Json;

namespace ArtSouk.Auctions.Rules;

/// <summary>A band of the buyer's premium: <see cref="Rate"/> percent of the hammer up to <see cref="UpTo"/> SAR (null: no limit).</summary>
public sealed record PremiumTier(decimal? UpTo, decimal Rate);

/// <summary>What the winner pays on top of the hammer: the premium, band by band, and VAT on the premium.</summary>
public sealed record Premium(long PremiumMinor, long VatMinor);

/// <summary>Buyer's premium tiers applied per band (as Christie's does): each band's slice of the hammer at that band's rate.</summary>
public sealed class PremiumSchedule
{
    /// <summary>VAT on the premium, in percent (KSA standard rate).</summary>
    public const decimal VatRate = 15m;

    public PremiumSchedule(IReadOnlyList<PremiumTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        Tiers = tiers.OrderBy(t => t.UpTo ?? decimal.MaxValue).ToArray();
    }

    public IReadOnlyList<PremiumTier> Tiers { get; }

    /// <summary>Christie's schedule in SAR: 26% up to 3.75 M, 21% to 22.5 M, 15% above.</summary>
    public static IReadOnlyList<PremiumTier> DefaultTiers { get; } = [new(3_750_000m, 26m), new(22_500_000m, 21m), new(null, 15m)];

    public static PremiumSchedule Default { get; } = new(DefaultTiers);

    public static string? Problem(IReadOnlyList<PremiumTier>? tiers)
    {
        if (tiers is not { Count: > 0 } || tiers.Count > 20)
        {
            return "1 to 20 tiers";
        }
        if (tiers.Any(t => t.Rate is < 0 or > 100 || t.UpTo is <= 0))
        {
            return "rates are 0 to 100 percent and limits positive";
        }
        if (tiers.Count(t => t.UpTo is null) != 1)
        {
            return "exactly one tier has no upper limit (the last band)";
        }
        return tiers.Where(t => t.UpTo is not null).Select(t => t.UpTo).Distinct().Count() == tiers.Count - 1 ? null : "tier limits differ";
    }

    public Premium For(long hammerMinor)
    {
        decimal premium = 0;
        long lower = 0;
        foreach (var tier in Tiers)
        {
            var upper = tier.UpTo is { } limit ? (long)(limit * 100) : long.MaxValue;
            if (hammerMinor <= lower)
            {
                break;
            }
            var slice = Math.Min(hammerMinor, upper) - lower;
            premium += slice * tier.Rate / 100m;
            lower = upper;
        }
        var premiumMinor = (long)Math.Round(premium, MidpointRounding.AwayFromZero);
        return new Premium(premiumMinor, (long)Math.Round(premiumMinor * VatRate / 100m, MidpointRounding.AwayFromZero));
    }

    public string ToJson() => JsonSerializer.Serialize(Tiers, Ladder.Json);

    public static PremiumSchedule FromJson(string json) => new(JsonSerializer.Deserialize<PremiumTier[]>(json, Ladder.Json) ?? []);
}
