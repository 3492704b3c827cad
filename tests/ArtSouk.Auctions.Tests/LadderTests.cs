using ArtSouk.Auctions.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArtSouk.Auctions.Tests;

/// <summary>The increment ladder: always up, never backwards, about a tenth, and the house pattern.</summary>
public sealed class LadderTests
{
    private static readonly Ladder House = Ladder.Default;

    /// <summary>Prices from 0 to 2 billion halalas (20 M SAR), dense at the low end where most lots sell.</summary>
    private static Arbitrary<long> Prices() => Gen.OneOf(Gen.Choose(0, 2_000_000).Select(i => (long)i), Gen.Choose(0, int.MaxValue).Select(i => (long)i)).ToArbitrary();

    [Property]
    public Property The_next_amount_is_always_above_the_price() =>
        Prop.ForAll(Prices(), price => House.Above(price) > price);

    [Property]
    public Property A_higher_price_never_has_a_lower_next_amount() =>
        Prop.ForAll(Prices(), Prices(), (a, b) => House.Above(Math.Min(a, b)) <= House.Above(Math.Max(a, b)));

    [Property]
    public Property From_a_thousand_riyals_an_increment_is_at_most_a_tenth() =>
        Prop.ForAll(Prices(), price => price < 100_000 || House.IncrementAt(price) * 10 <= price);

    [Property]
    public Property Climbing_the_ladder_lands_on_every_rung() =>
        Prop.ForAll(Gen.Elements(House.Rungs.Skip(1).Where(r => r.From <= 20_000_000m).ToArray()).ToArbitrary(), rung =>
        {
            var target = (long)(rung.From * 100);
            var below = (long)(House.Rungs.Last(r => r.From < rung.From).From * 100);
            var point = below;
            while (point < target)
            {
                point = House.Above(point);
            }
            return point == target;
        });

    [Fact]
    public void The_house_ladder_climbs_in_hundreds_to_two_thousand_then_the_2_5_8_pattern()
    {
        var points = new List<long> { 1_800_00 };
        while (points[^1] < 11_000_00)
        {
            points.Add(House.Above(points[^1]));
        }
        Assert.Equal(new long[] { 1_800_00, 1_900_00, 2_000_00, 2_200_00, 2_400_00, 2_600_00, 2_800_00, 3_000_00, 3_200_00, 3_500_00, 3_800_00,
            4_000_00, 4_200_00, 4_500_00, 4_800_00, 5_000_00, 5_500_00, 6_000_00, 6_500_00, 7_000_00, 7_500_00, 8_000_00, 8_500_00, 9_000_00,
            9_500_00, 10_000_00, 11_000_00 }, points);
    }

    [Fact]
    public void A_ladder_stored_as_data_reads_back_the_same()
    {
        var again = Ladder.FromJson(House.ToJson());
        Assert.All(Enumerable.Range(0, 5_000).Select(i => (long)i * 7_919), p => Assert.Equal(House.Above(p), again.Above(p)));
    }
}

/// <summary>Buyer's premium per band, and VAT on the premium.</summary>
public sealed class PremiumTests
{
    [Fact]
    public void The_premium_is_26_percent_up_to_3_75_million_and_15_percent_VAT_on_it()
    {
        var premium = PremiumSchedule.Default.For(1_000_000); // 10,000.00 SAR
        Assert.Equal(260_000, premium.PremiumMinor);
        Assert.Equal(39_000, premium.VatMinor);
    }

    [Fact]
    public void Each_band_is_charged_at_its_own_rate()
    {
        // 30 M SAR: 26% of 3.75 M + 21% of 18.75 M + 15% of 7.5 M.
        var premium = PremiumSchedule.Default.For(3_000_000_000);
        Assert.Equal((975_000m + 3_937_500m + 1_125_000m) * 100, premium.PremiumMinor);
    }

    [Property]
    public Property A_higher_hammer_never_pays_less_premium() =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (a, b) =>
            PremiumSchedule.Default.For(Math.Min(a, b)).PremiumMinor <= PremiumSchedule.Default.For(Math.Max(a, b)).PremiumMinor);
}
