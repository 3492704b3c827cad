using ArtSouk.Auctions.Rules;

namespace ArtSouk.Auctions.Bidding;

/// <summary>
/// The hidden state of a lot's bidding: the price shown, who leads, and the two maxima that set the price (never shown).
/// <see cref="PriceMinor"/> is 0 until the first bid.
/// </summary>
public sealed record Book(long PriceMinor, Guid? Leader, long LeaderMaxMinor, long RunnerUpMaxMinor)
{
    public static Book Empty { get; } = new(0, null, 0, 0);
}

/// <summary>The terms a lot is bid under.</summary>
public sealed record Terms(long StartingMinor, long? ReserveMinor, Ladder Ladder)
{
    public long NextValid(Book book) => book.Leader is null ? StartingMinor : Ladder.Above(book.PriceMinor);

    public bool ReserveMet(Book book) => book.Leader is not null && (ReserveMinor is not { } reserve || book.PriceMinor >= reserve);
}

public enum Refusal
{
    None,
    BelowNextValid,
    AlreadyLeading,
}

/// <summary>
/// What one bid does to a book. <see cref="EffectiveMinor"/> is the bid as history shows it (a leader raising its
/// maximum shows at the price, so it never outbids itself); <see cref="Leading"/> says whether the bidder leads after it.
/// </summary>
public sealed record Outcome(Refusal Refusal, Book Book, long EffectiveMinor, bool Leading, long NextValidMinor)
{
    public bool Accepted => Refusal == Refusal.None;
}

/// <summary>
/// Proxy (maximum) bidding, incrementally: price = max(the leader's own bid, min(leader's max, runner-up's max + one
/// increment)), raised to the reserve when the leader's max covers it; equal maxima go to the one already leading
/// (the earlier by the server's order). A bid below the next valid amount whose maximum covers it is placed at the next
/// valid amount. Pure, so the endpoint and the property tests run the same rule; PostgreSQL runs the same rule inside
/// <c>auctions.place_bid</c> (migration <c>PlaceBidFunction</c>), checked against this one by the integration tests.
/// </summary>
public static class ProxyAuction
{
    public static Outcome Place(Book book, Terms terms, Guid bidder, long amountMinor, long maxMinor)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(terms);
        var max = Math.Max(amountMinor, maxMinor);
        var next = terms.NextValid(book);
        if (book.Leader == bidder)
        {
            if (max <= book.LeaderMaxMinor)
            {
                return new Outcome(Refusal.AlreadyLeading, book, 0, true, next);
            }
            // The runner-up's maximum earns them one increment's worth of pressure, no more: the leader never bids against itself.
            var price = book.RunnerUpMaxMinor > 0 ? Math.Max(book.PriceMinor, Math.Min(max, terms.Ladder.Above(book.RunnerUpMaxMinor))) : book.PriceMinor;
            var raised = Reserve(book with { PriceMinor = price, LeaderMaxMinor = max }, terms);
            return new Outcome(Refusal.None, raised, book.PriceMinor, true, terms.NextValid(raised));
        }
        if (amountMinor < next)
        {
            // A maximum is a standing instruction: a bid overtaken on its way in whose maximum still covers the next
            // valid amount is placed at that amount (the proxy would bid it for them anyway). Without such a maximum it is too low.
            if (max < next)
            {
                return new Outcome(Refusal.BelowNextValid, book, 0, false, next);
            }
            amountMinor = next;
        }
        Book after;
        if (book.Leader is null)
        {
            after = new Book(amountMinor, bidder, max, 0);
        }
        else if (max > book.LeaderMaxMinor)
        {
            var runnerUp = book.LeaderMaxMinor;
            after = new Book(Math.Max(amountMinor, Math.Min(max, terms.Ladder.Above(runnerUp))), bidder, max, runnerUp);
        }
        else
        {
            var runnerUp = Math.Max(book.RunnerUpMaxMinor, max);
            var price = Math.Max(Math.Max(book.PriceMinor, amountMinor), Math.Min(book.LeaderMaxMinor, terms.Ladder.Above(runnerUp)));
            after = book with { PriceMinor = price, RunnerUpMaxMinor = runnerUp };
        }
        after = Reserve(after, terms);
        return new Outcome(Refusal.None, after, amountMinor, after.Leader == bidder, terms.NextValid(after));
    }

    /// <summary>Jump to the reserve when the leader's maximum covers it.</summary>
    private static Book Reserve(Book book, Terms terms) =>
        terms.ReserveMinor is { } reserve && book.PriceMinor < reserve && book.LeaderMaxMinor >= reserve ? book with { PriceMinor = reserve } : book;
}
