using ArtSouk.Auctions.Bidding;
using ArtSouk.Auctions.Rules;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArtSouk.Auctions.Tests;

/// <summary>
/// The incremental proxy rule against a reference that recomputes the lot from all accepted bids each time:
/// leader = highest maximum (the earliest to reach it on a tie), price = max(highest bid shown, min(leader's max,
/// runner-up's max + one increment)), raised to the reserve when the leader's max covers it. A bid is accepted when
/// its maximum reaches the next valid amount (its shown amount then at least that amount), or, from the leader, when it
/// raises the leader's maximum.
/// </summary>
public sealed class ProxyBiddingTests
{
    private static readonly Guid[] Bidders = [.. Enumerable.Range(1, 8).Select(i => new Guid(i, 0, 0, new byte[8]))];

    /// <summary>A bid as generated: who, how far from the next valid amount (negative: too low), how far its maximum reaches above it.</summary>
    public sealed record Move(int Bidder, int OffsetRiyals, int MaxAboveRiyals);

    private static Arbitrary<Move[]> Sequences() =>
        (from bidder in Gen.Choose(0, Bidders.Length - 1)
         from offset in Gen.Frequency((1, Gen.Choose(-500, -1)), (4, Gen.Choose(0, 3_000)))
         from maxAbove in Gen.Frequency((1, Gen.Constant(0)), (2, Gen.Choose(0, 20_000)))
         select new Move(bidder, offset, maxAbove)).ArrayOf().Select(a => a.Take(60).ToArray()).ToArbitrary();

    /// <summary>The house ladder, or a sale's own: 1 to 4 rungs from 0 SAR upwards, each of 1 to 3 steps of 1 to 500 SAR.</summary>
    private static Arbitrary<Ladder> Ladders() =>
        Gen.Frequency(
            (1, Gen.Constant(Ladder.Default)),
            (2, from count in Gen.Choose(1, 4)
                from gaps in Gen.Choose(1, 5_000).ArrayOf(count - 1)
                from steps in Gen.Choose(1, 3).SelectMany(n => Gen.Choose(1, 500).Select(x => (decimal)x).ArrayOf(n)).ArrayOf(count)
                let froms = gaps.Aggregate(new List<decimal> { 0 }, (acc, g) => { acc.Add(acc[^1] + g); return acc; })
                select new Ladder([.. froms.Select((start, i) => new Rung(start, steps[i]))])))
        .ToArbitrary();

    private static Arbitrary<long?> Reserves() => Gen.Frequency((1, Gen.Constant<long?>(null)), (1, Gen.Choose(1_000, 30_000).Select(r => (long?)(r * 100L)))).ToArbitrary();

    private sealed record Accepted(Guid Bidder, long Shown, long Max);

    /// <summary>The reference: the whole lot, from the accepted bids alone.</summary>
    private static Book Reference(IReadOnlyList<Accepted> bids, Terms terms)
    {
        if (bids.Count == 0)
        {
            return Book.Empty;
        }
        var best = bids.Select((b, i) => (b, i)).GroupBy(x => x.b.Bidder)
            .Select(g => (Bidder: g.Key, Max: g.Max(x => x.b.Max), Reached: g.First(x => x.b.Max == g.Max(y => y.b.Max)).i)).ToList();
        var leader = best.OrderByDescending(x => x.Max).ThenBy(x => x.Reached).First();
        var others = best.Where(x => x.Bidder != leader.Bidder).ToList();
        var runnerUp = others.Count == 0 ? 0 : others.Max(x => x.Max);
        var price = bids.Max(b => b.Shown);
        if (others.Count > 0)
        {
            price = Math.Max(price, Math.Min(leader.Max, terms.Ladder.Above(runnerUp)));
        }
        if (terms.ReserveMinor is { } reserve && price < reserve && leader.Max >= reserve)
        {
            price = reserve;
        }
        return new Book(price, leader.Bidder, leader.Max, runnerUp);
    }

    [Property(MaxTest = 300)]
    public Property Any_bid_sequence_ends_as_the_reference_model_says() =>
        Prop.ForAll(Sequences(), Reserves(), Ladders(), (steps, reserve, ladder) =>
        {
            var terms = new Terms(1_000_00, reserve, ladder);
            var book = Book.Empty;
            var accepted = new List<Accepted>();
            foreach (var step in steps)
            {
                var bidder = Bidders[step.Bidder];
                var amount = Math.Max(100, terms.NextValid(book) + step.OffsetRiyals * 100L);
                var max = amount + step.MaxAboveRiyals * 100L;
                var reference = Reference(accepted, terms);
                var outcome = ProxyAuction.Place(book, terms, bidder, amount, max);
                // A maximum is a standing instruction: a bid below the next valid amount whose maximum covers it is placed
                // at the next valid amount; a leader's raise shows at the price it already had.
                var leads = reference.Leader == bidder;
                var referenceAccepts = leads ? max > reference.LeaderMaxMinor : max >= terms.NextValid(reference);
                if (outcome.Accepted != referenceAccepts)
                {
                    return false.Label($"acceptance differs at {step}");
                }
                if (outcome.Accepted)
                {
                    var shown = leads ? reference.PriceMinor : Math.Max(amount, terms.NextValid(reference));
                    if (outcome.EffectiveMinor != shown)
                    {
                        return false.Label($"shown amount at {step}: engine {outcome.EffectiveMinor}, reference {shown}");
                    }
                    accepted.Add(new Accepted(bidder, shown, max));
                    book = outcome.Book;
                }
                if (book != Reference(accepted, terms))
                {
                    return false.Label($"after {step}: engine {book}, reference {Reference(accepted, terms)}");
                }
            }
            return true.ToProperty();
        });

    [Property(MaxTest = 300)]
    public Property The_price_never_falls_and_never_passes_the_leaders_maximum() =>
        Prop.ForAll(Sequences(), Reserves(), Ladders(), (steps, reserve, ladder) =>
        {
            var terms = new Terms(1_000_00, reserve, ladder);
            var book = Book.Empty;
            foreach (var step in steps)
            {
                var amount = Math.Max(100, terms.NextValid(book) + step.OffsetRiyals * 100L);
                var after = ProxyAuction.Place(book, terms, Bidders[step.Bidder], amount, amount + step.MaxAboveRiyals * 100L).Book;
                if (after.PriceMinor < book.PriceMinor || after.PriceMinor > after.LeaderMaxMinor)
                {
                    return false;
                }
                book = after;
            }
            return true;
        });

    [Fact]
    public void A_runner_up_is_beaten_by_one_increment_capped_by_the_leaders_maximum()
    {
        var terms = new Terms(1_000_00, null, Ladder.Default);
        var a = ProxyAuction.Place(Book.Empty, terms, Bidders[0], 1_000_00, 5_000_00);
        var b = ProxyAuction.Place(a.Book, terms, Bidders[1], 2_000_00, 2_000_00);
        Assert.False(b.Leading);
        Assert.Equal(2_200_00, b.Book.PriceMinor);
        var c = ProxyAuction.Place(b.Book, terms, Bidders[1], 4_900_00, 4_900_00);
        Assert.Equal(5_000_00, c.Book.PriceMinor);
        Assert.Equal(Bidders[0], c.Book.Leader);
    }

    [Fact]
    public void An_overtaken_bid_whose_maximum_covers_the_next_amount_is_placed_there_and_one_without_is_refused()
    {
        var terms = new Terms(1_000_00, null, Ladder.Default);
        var a = ProxyAuction.Place(Book.Empty, terms, Bidders[0], 1_000_00, 1_000_00);
        var b = ProxyAuction.Place(a.Book, terms, Bidders[1], 1_100_00, 1_100_00);
        // Bidder 2 saw 1,000 and bid 1,100 with a maximum of 1,500; by the time it arrives the price is 1,100.
        var late = ProxyAuction.Place(b.Book, terms, Bidders[2], 1_100_00, 1_500_00);
        Assert.True(late.Accepted);
        Assert.Equal(1_200_00, late.EffectiveMinor);
        Assert.Equal(1_200_00, late.Book.PriceMinor);
        Assert.Equal(Bidders[2], late.Book.Leader);
        // The same late amount without a maximum is too low, and the refusal names the next valid amount.
        var plain = ProxyAuction.Place(b.Book, terms, Bidders[3], 1_100_00, 1_100_00);
        Assert.Equal(Refusal.BelowNextValid, plain.Refusal);
        Assert.Equal(1_200_00, plain.NextValidMinor);
        // A maximum below the next valid amount does not help.
        Assert.Equal(Refusal.BelowNextValid, ProxyAuction.Place(b.Book, terms, Bidders[3], 1_000_00, 1_150_00).Refusal);
    }

    [Fact]
    public void Equal_maxima_go_to_the_bid_received_first()
    {
        var terms = new Terms(1_000_00, null, Ladder.Default);
        var a = ProxyAuction.Place(Book.Empty, terms, Bidders[0], 1_000_00, 3_000_00);
        var b = ProxyAuction.Place(a.Book, terms, Bidders[1], 3_000_00, 3_000_00);
        Assert.Equal(Bidders[0], b.Book.Leader);
        Assert.Equal(3_000_00, b.Book.PriceMinor);
    }

    [Fact]
    public void The_price_jumps_to_the_reserve_when_the_leaders_maximum_covers_it()
    {
        var terms = new Terms(1_000_00, 4_000_00, Ladder.Default);
        var a = ProxyAuction.Place(Book.Empty, terms, Bidders[0], 1_000_00, 6_000_00);
        Assert.Equal(4_000_00, a.Book.PriceMinor);
        Assert.True(terms.ReserveMet(a.Book));
    }

    [Fact]
    public void The_leader_never_outbids_itself()
    {
        var terms = new Terms(1_000_00, null, Ladder.Default);
        var a = ProxyAuction.Place(Book.Empty, terms, Bidders[0], 1_000_00, 2_000_00);
        var again = ProxyAuction.Place(a.Book, terms, Bidders[0], 3_000_00, 3_000_00);
        Assert.True(again.Accepted);
        Assert.Equal(1_000_00, again.Book.PriceMinor);
        Assert.Equal(3_000_00, again.Book.LeaderMaxMinor);
    }
}
