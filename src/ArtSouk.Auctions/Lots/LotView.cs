using ArtSouk.Auctions.Bidding;
using ArtSouk.Kernel.Money;

namespace ArtSouk.Auctions.Lots;

/// <summary>
/// A lot as anyone sees it: never the reserve (only whether it is met) and never a maximum. <see cref="ServerTime"/>
/// lets clients count down from the server's clock rather than their own.
/// </summary>
internal sealed record LotView(Guid Id, Guid SaleId, int Number, Guid EntryId, string State, string? Outcome, decimal StartingBid, decimal? CurrentBid,
    decimal NextValidAmount, DateTimeOffset OpensAt, DateTimeOffset EndsAt, bool HasReserve, bool ReserveMet, decimal? EstimateLow, decimal? EstimateHigh,
    int BidCount, long? LeadingPaddle, Guid? OrderId, DateTimeOffset ServerTime)
{
    public static decimal Sar(long minor) => new Money(minor, Money.Sar).Amount;

    public static LotView Of(Lot lot, Terms terms, DateTimeOffset now)
    {
        var book = lot.Book;
        var nowMs = now.ToUnixTimeMilliseconds();
        var state = lot.State == LotStates.Open && nowMs < lot.OpensAtMs ? "upcoming" : lot.State;
        return new LotView(lot.Id, lot.SaleId, lot.Number, lot.EntryId, state, lot.Outcome, Sar(lot.StartingMinor),
            book.Leader is null ? null : Sar(book.PriceMinor), Sar(terms.NextValid(book)),
            DateTimeOffset.FromUnixTimeMilliseconds(lot.OpensAtMs), DateTimeOffset.FromUnixTimeMilliseconds(lot.EndsAtMs),
            lot.ReserveMinor is not null, terms.ReserveMet(book),
            lot.EstimateLowMinor is { } low ? Sar(low) : null, lot.EstimateHighMinor is { } high ? Sar(high) : null,
            lot.BidCount, lot.LeaderPaddle, lot.OrderId, now);
    }
}

/// <summary>A bid in the public history: paddle number, amount and time; never a name or a maximum.</summary>
internal sealed record BidHistoryItem(long Id, long Paddle, decimal Amount, string Kind, DateTimeOffset PlacedAt);
