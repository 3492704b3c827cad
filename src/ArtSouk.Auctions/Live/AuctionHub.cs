using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Kernel.Money;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Auctions.Live;

/// <summary>
/// <c>/hubs/auctions</c>: a group per lot. <c>JoinLot</c> answers with the lot's snapshot (also after a reconnect), then
/// the group receives <c>bid</c>, <c>extended</c> and <c>closed</c>: amounts and paddle numbers, never names or maxima.
/// </summary>
internal sealed class AuctionHub(AuctionsDbContext db, TimeProvider clock) : Hub
{
    public static string Group(Guid lotId) => "lot:" + lotId.ToString("N");

    public async Task<LotView?> JoinLot(Guid lotId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(lotId), Context.ConnectionAborted);
        return await LotsApi.ViewAsync(db, lotId, clock.GetUtcNow(), Context.ConnectionAborted);
    }

    public Task LeaveLot(Guid lotId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(lotId), Context.ConnectionAborted);
}

internal sealed record BidEvent(Guid LotId, decimal? CurrentBid, long? Paddle, decimal NextValidAmount, DateTimeOffset EndsAt, bool ReserveMet, int BidCount, DateTimeOffset At);

internal sealed record ExtendedEvent(Guid LotId, DateTimeOffset EndsAt, DateTimeOffset At);

internal sealed record AuctioneerEvent(Guid LotId, DateTimeOffset At);

internal sealed record ClosedEvent(Guid LotId, string Outcome, decimal? Hammer, long? Paddle, DateTimeOffset At);

/// <summary>Pushes committed lot changes to the lot's group; a failed push never fails the bid (clients re-join for a snapshot).</summary>
internal sealed partial class LotBroadcast(IHubContext<AuctionHub> hub, ILogger<LotBroadcast> log)
{
    public async Task BidAcceptedAsync(Guid lotId, long priceMinor, long? paddle, long nextMinor, long endsAtMs, bool extended, bool reserveMet, int bidCount, DateTimeOffset at)
    {
        var endsAt = DateTimeOffset.FromUnixTimeMilliseconds(endsAtMs);
        // No leader left (every bid retracted): no current bid, the starting bid is next.
        await SendAsync(lotId, "bid", new BidEvent(lotId, paddle is null ? null : Sar(priceMinor), paddle, Sar(nextMinor), endsAt, reserveMet, bidCount, at));
        if (extended)
        {
            await SendAsync(lotId, "extended", new ExtendedEvent(lotId, endsAt, at));
        }
    }

    public Task ClosedAsync(Guid lotId, string outcome, long? hammerMinor, long? paddle, DateTimeOffset at) =>
        SendAsync(lotId, "closed", new ClosedEvent(lotId, outcome, hammerMinor is { } h ? Sar(h) : null, hammerMinor is null ? null : paddle, at));

    /// <summary>The auctioneer's word in a live sale (<c>opened</c>, <c>warning</c>), for the room.</summary>
    public Task AuctioneerAsync(Guid lotId, string method, DateTimeOffset at) => SendAsync(lotId, method, new AuctioneerEvent(lotId, at));

    private static decimal Sar(long minor) => new Money(minor, Money.Sar).Amount;

    private async Task SendAsync(Guid lotId, string method, object payload)
    {
        try
        {
            await hub.Clients.Group(AuctionHub.Group(lotId)).SendAsync(method, payload);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPushFailed(log, method, lotId, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pushing {Method} for lot {LotId} failed")]
    private static partial void LogPushFailed(ILogger logger, string method, Guid lotId, Exception exception);
}
