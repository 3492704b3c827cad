using System.Collections.Concurrent;
using ArtSouk.Auctions.Live;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Rules;
using ArtSouk.Auctions.Sales;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ArtSouk.Auctions.Bidding;

/// <summary>A bid waiting its turn on a lot. <see cref="Turn"/> completes when its request is to judge the queue next.</summary>
internal sealed class QueuedBid(Guid bidder, string clientBidId, long amountMinor, long maxMinor)
{
    public Guid Bidder { get; } = bidder;
    public string ClientBidId { get; } = clientBidId;
    public long AmountMinor { get; } = amountMinor;
    public long MaxMinor { get; } = maxMinor;
    public TaskCompletionSource<Judged> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource Turn { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// What <c>auctions.place_bids</c> said of one bid: <c>accepted</c>, <c>too-low</c>, <c>already-leading</c>,
/// <c>closed</c>, <c>not-open</c>, or <c>unregistered</c>, <c>retry</c>, <c>not-found</c> and <c>unjudged</c> (the
/// batch failed), which the endpoint hands to the single-bid path.
/// </summary>
internal sealed record Judged(string Outcome, long Paddle, long BidId, long EffectiveMinor, long PriceMinor, bool Leading, long? LeaderPaddle,
    long NextMinor, long EndsAtMs, bool Extended, bool ReserveMet, int BidCount, bool Outbid, DateTimeOffset At)
{
    public static Judged Unjudged { get; } = new("unjudged", 0, 0, 0, 0, false, null, 0, 0, false, false, 0, false, default);
}

/// <summary>What the batch needs of a lot's sale: its ladder, soft-close window and hard stop (a sale's rules never change once created).</summary>
internal sealed record LotTerms(long WindowMs, long HardStopMs, LadderArrays Ladder);

/// <summary>
/// PostgreSQL's group commit for a hot lot. Bids on one lot join the lot's queue; the request at the head of the queue
/// judges every bid queued behind it in one call of <c>auctions.place_bids</c> (one round trip, one commit, the row
/// locked once), answers them, and hands the turn to the request now at the head. While one batch is in the database
/// the next one gathers, so a storm costs a round trip per batch instead of per bid. Every bid is still judged by
/// <c>auctions.place_bid</c> under the row's lock against the state it is applied to, so two hosts (each with its
/// queue) never accept conflicting bids, and a bid is answered 201 only after the batch that stored it committed.
/// </summary>
internal sealed partial class BidQueue(LotBroadcast broadcast, ILogger<BidQueue> log) : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const int MaxCachedLots = 10_000;
    private const int MaxBatchConnections = 16;

    private sealed class Line
    {
        public readonly List<QueuedBid> Queue = [];
        public bool Judging;
    }

    private readonly ConcurrentDictionary<Guid, Line> _lines = new();
    private readonly ConcurrentDictionary<Guid, LotTerms> _terms = new();
    private NpgsqlDataSource? _batches;

    public async ValueTask DisposeAsync()
    {
        if (_batches is { } batches)
        {
            await batches.DisposeAsync();
        }
    }

    /// <summary>
    /// A few connections of the batches' own, so the backends that run place_bids keep its compiled functions and plans
    /// warm, instead of each of the requests' pooled backends compiling and planning them again on its first batch.
    /// </summary>
    private NpgsqlDataSource Batches(AuctionsDbContext db)
    {
        if (_batches is { } batches)
        {
            return batches;
        }
        var builder = new NpgsqlDataSourceBuilder(db.Database.GetConnectionString());
        builder.ConnectionStringBuilder.MaxPoolSize = Math.Min(builder.ConnectionStringBuilder.MaxPoolSize, MaxBatchConnections);
        var built = builder.Build();
        if (Interlocked.CompareExchange(ref _batches, built, null) is { } other)
        {
            built.Dispose();
            return other;
        }
        return built;
    }

    /// <summary>The lot's sale terms, read once per lot; null when there is no such lot.</summary>
    public async Task<LotTerms?> TermsAsync(AuctionsDbContext db, Guid lotId, CancellationToken ct)
    {
        if (_terms.TryGetValue(lotId, out var cached))
        {
            return cached;
        }
        var sale = await db.Lots.AsNoTracking().Where(l => l.Id == lotId).Join(db.Sales.AsNoTracking(), l => l.SaleId, s => s.Id, (l, s) => s)
            .SingleOrDefaultAsync(ct);
        if (sale is null)
        {
            return null;
        }
        if (_terms.Count >= MaxCachedLots)
        {
            _terms.Clear();
        }
        var terms = new LotTerms(sale.SoftCloseMinutes * 60_000L, sale.HardStopAt?.ToUnixTimeMilliseconds() ?? long.MaxValue, SaleRules.LadderOf(sale).Arrays);
        return _terms.GetOrAdd(lotId, terms);
    }

    /// <summary>Queues the bid and returns what its batch said of it; judges the queue itself when its turn comes.</summary>
    public async Task<Judged> PlaceAsync(AuctionsDbContext db, Guid lotId, LotTerms terms, QueuedBid bid, TimeProvider clock, TimeSpan outbidThrottle)
    {
        var line = _lines.GetOrAdd(lotId, _ => new Line());
        bool turn;
        lock (line)
        {
            line.Queue.Add(bid);
            turn = !line.Judging;
            line.Judging = true;
        }
        if (!turn && await Task.WhenAny(bid.Answer.Task, bid.Turn.Task) == bid.Answer.Task)
        {
            return await bid.Answer.Task;
        }
        // This request is at the head of the queue: it judges a batch that includes its own bid, then passes the turn on.
        QueuedBid[] batch;
        lock (line)
        {
            batch = [.. line.Queue.Take(MaxBatch)];
            line.Queue.RemoveRange(0, batch.Length);
        }
        var judged = new Judged[batch.Length];
        Array.Fill(judged, Judged.Unjudged);
        try
        {
            judged = await JudgeAsync(db, lotId, terms, batch, clock, outbidThrottle);
        }
        finally
        {
            // Whatever happened, every bid of the batch gets an answer and the queue a next judge, or the lot would stall.
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i].Answer.TrySetResult(judged[i]);
            }
            lock (line)
            {
                if (line.Queue.Count == 0)
                {
                    line.Judging = false;
                }
                else
                {
                    line.Queue[0].Turn.TrySetResult();
                }
            }
        }
        // Watchers get the accepted bids in the order they were judged, after their bidders have their answers.
        foreach (var j in judged.Where(j => j.Outcome == "accepted"))
        {
            await broadcast.BidAcceptedAsync(lotId, j.PriceMinor, j.LeaderPaddle, j.NextMinor, j.EndsAtMs, j.Extended, j.ReserveMet, j.BidCount, j.At);
        }
        return await bid.Answer.Task;
    }

    private async Task<Judged[]> JudgeAsync(AuctionsDbContext db, Guid lotId, LotTerms terms, QueuedBid[] batch, TimeProvider clock, TimeSpan outbidThrottle)
    {
        var judged = new Judged[batch.Length];
        Array.Fill(judged, Judged.Unjudged);
        var now = clock.GetUtcNow();
        try
        {
            // Not the request's token: this batch answers other requests too.
            await using var connection = await Batches(db).OpenConnectionAsync(CancellationToken.None);
            await using var command = new NpgsqlCommand(
                "select * from auctions.place_bids($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)", connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = lotId },
                    new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(b => b.Bidder)] },
                    new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(b => b.ClientBidId)] },
                    new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(b => b.AmountMinor)] },
                    new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(b => b.MaxMinor)] },
                    new NpgsqlParameter<Guid[]> { TypedValue = [.. batch.Select(_ => Guid.CreateVersion7())] },
                    new NpgsqlParameter<long> { TypedValue = now.ToUnixTimeMilliseconds() },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() },
                    new NpgsqlParameter<long> { TypedValue = terms.WindowMs },
                    new NpgsqlParameter<long> { TypedValue = terms.HardStopMs },
                    new NpgsqlParameter<long[]> { TypedValue = terms.Ladder.Froms },
                    new NpgsqlParameter<int[]> { TypedValue = terms.Ladder.Starts },
                    new NpgsqlParameter<int[]> { TypedValue = terms.Ladder.Lengths },
                    new NpgsqlParameter<long[]> { TypedValue = terms.Ladder.Steps },
                    new NpgsqlParameter<long> { TypedValue = (long)outbidThrottle.TotalMilliseconds },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            while (await reader.ReadAsync(CancellationToken.None))
            {
                var index = reader.GetInt32(0) - 1;
                var outcome = reader.GetString(2);
                long Long(int column) => reader.IsDBNull(column) ? 0 : reader.GetInt64(column);
                bool Flag(int column) => !reader.IsDBNull(column) && reader.GetBoolean(column);
                judged[index] = new Judged(outcome, Long(1), Long(3), Long(4), Long(5), Flag(6), reader.IsDBNull(7) ? null : reader.GetInt64(7), Long(8),
                    Long(9), Flag(10), Flag(11), reader.IsDBNull(12) ? 0 : reader.GetInt32(12), Flag(13), now);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            // The whole batch rolled back (or its commit is unknown): each bid goes down the single-bid path, whose
            // clientBidId check answers a bid that did commit with that bid.
            LogBatchFailed(log, lotId, batch.Length, ex);
            Array.Fill(judged, Judged.Unjudged);
        }
        return judged;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Judging a batch of {Count} bids on lot {LotId} failed; each goes down the single-bid path")]
    private static partial void LogBatchFailed(ILogger logger, Guid lotId, int count, Exception exception);
}
