using System.Security.Claims;
using ArtSouk.Auctions.Live;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Notices;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ArtSouk.Auctions.Bidding;

internal sealed record PlaceBidRequest(decimal? Amount, decimal? MaxAmount, string? ClientBidId);

/// <summary>The answer to a bid, to its bidder only (it carries their own maximum).</summary>
internal sealed record BidView(long Id, Guid LotId, long Paddle, decimal Amount, decimal MaxAmount, bool Leading, decimal CurrentBid,
    decimal NextValidAmount, DateTimeOffset EndsAt, DateTimeOffset PlacedAt, string ClientBidId);

/// <summary>
/// <c>POST /api/v1/lots/{id}/bids</c>. One read (lot, sale, registration, retry) judges the bid; a refusal ends there.
/// A bid that read says is acceptable is applied: on PostgreSQL by <c>auctions.place_bid</c>, which locks the lot's row
/// and judges again against the row as it is then, in one autocommit call; on SQLite by one conditional UPDATE (same
/// version, still open, end not passed) in the transaction that inserts the bid, a bid that lost the race being judged
/// again against the new state. So two hosts on one database never accept conflicting bids.
/// </summary>
internal static class PlaceBid
{
    private const int MaxAttempts = 100;

    public static void MapPlaceBid(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/lots/{id:guid}/bids", PlaceAsync).RequireAuthorization().WithTags("Auctions")
            .WithSummary("Bid (amount, optional maximum for proxy bidding, clientBidId for safe retries): 201, or 409 with nextValidAmount");
    }

    private static async Task<Results<Created<BidView>, Ok<BidView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, BidRefusedProblem>> PlaceAsync(
        Guid id, PlaceBidRequest request, HttpContext http, AuctionsDbContext db, LotBroadcast broadcast, TimeProvider clock,
        IOptions<AuctionsOptions> options, OutboxSignal outbox, BidQueue queue, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var bidder))
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Say("المزايدة لأصحاب الحسابات؛ لا بمفاتيح الواجهة", "Bidding needs a person's account, not an API key"));
        }
        var errors = new ValidationErrors();
        var amount = default(Money);
        var max = default(Money);
        if (request.Amount is not { } a || !Money.TryFromDecimal(a, Money.Sar, out amount) || amount.Minor == 0)
        {
            errors.Add("amount", Say("مبلغ موجب بالريال بخانتين عشريتين على الأكثر", "a positive SAR amount with at most two decimals"));
        }
        if (request.MaxAmount is { } m && (!Money.TryFromDecimal(m, Money.Sar, out max) || max.Minor < amount.Minor))
        {
            errors.Add("maxAmount", Say("الحد الأقصى لا يقل عن مبلغ المزايدة", "maxAmount is not below amount"));
        }
        if (string.IsNullOrWhiteSpace(request.ClientBidId) || request.ClientBidId.Length > 100)
        {
            errors.Add("clientBidId", Say("يلزم معرّف للمزايدة من العميل (حتى 100 حرف) لإعادة المحاولة بأمان", "clientBidId (up to 100 characters) is required, so a retry is safe"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        var clientBidId = request.ClientBidId!;
        if (db is PostgresAuctionsDbContext && await queue.TermsAsync(db, id, ct) is { } lotTerms)
        {
            // PostgreSQL: the lot's queue judges this bid with the others queued on the lot, in one round trip for all.
            var bidMax = request.MaxAmount is null ? amount.Minor : max.Minor;
            var judged = await queue.PlaceAsync(db, id, lotTerms, new QueuedBid(bidder, clientBidId, amount.Minor, bidMax), clock, options.Value.OutbidThrottle);
            switch (judged.Outcome)
            {
                case "accepted":
                    if (judged.Outbid)
                    {
                        outbox.Notify();
                    }
                    return TypedResults.Created($"/api/v1/lots/{id}/bids", new BidView(judged.BidId, id, judged.Paddle, LotView.Sar(judged.EffectiveMinor),
                        LotView.Sar(bidMax), judged.Leading, LotView.Sar(judged.PriceMinor), LotView.Sar(judged.NextMinor),
                        DateTimeOffset.FromUnixTimeMilliseconds(judged.EndsAtMs), judged.At, clientBidId));
                case "too-low" or "already-leading":
                    return Refused(http, judged.Outcome == "already-leading" ? Refusal.AlreadyLeading : Refusal.BelowNextValid, judged.NextMinor);
                case "not-open" or "closed":
                    return NotOpen(http, judged.Outcome == "not-open", judged.NextMinor);
                default:
                    // Not registered yet (registering is the single path's work), a retry, or a failed batch: answered below.
                    break;
            }
        }
        // One round trip reads what judging needs: the lot, its sale, the bidder's registration, and whether this
        // clientBidId was already accepted (a retry). A refused bid costs this read and nothing else.
        var read = await (
            from l in db.Lots.AsNoTracking()
            where l.Id == id
            join s in db.Sales.AsNoTracking() on l.SaleId equals s.Id
            from r in db.Registrations.AsNoTracking().Where(r => r.SaleId == l.SaleId && r.BidderId == bidder).DefaultIfEmpty()
            select new
            {
                Lot = l, Sale = s, Registration = r,
                Retry = db.Bids.Any(b => b.LotId == l.Id && b.BidderId == bidder && b.ClientBidId == clientBidId),
            }).SingleOrDefaultAsync(ct);
        if (read is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Say($"لا توجد قطعة {id}", $"No lot {id}."));
        }
        var lot = read.Lot;
        if (read.Retry && await FirstAnswerAsync(db, lot, bidder, clientBidId, ct) is { } first)
        {
            return TypedResults.Ok(first);
        }
        var sale = read.Sale;
        var standing = await Registrations.StandingAsync(db, sale, bidder, read.Registration, clock.GetUtcNow(), ct);
        if (standing.Paddle is not { } paddle)
        {
            return standing.Refusal == AuctionsProblems.DepositRequired
                ? new ForbiddenProblem(AuctionsProblems.DepositRequired, Say(
                    $"يتطلب هذا المزاد تأمينًا قدره {new Money(sale.DepositMinor, Money.Sar)} ريال قبل المزايدة: سجّل وادفع التأمين، ثم انتظر تأكيد الدفع",
                    $"This sale requires a {new Money(sale.DepositMinor, Money.Sar)} SAR deposit before bidding: register (POST /api/v1/auctions/{sale.Id}/registrations), pay it, and wait for the payment to be confirmed"))
                : new ForbiddenProblem(AuctionsProblems.RegistrationRequired, Say("سجّل للمزايدة في هذا المزاد وانتظر موافقة الإدارة",
                    "Register to bid in this sale (POST /api/v1/auctions/{id}/registrations) and wait for approval"));
        }
        var terms = SaleRules.TermsOf(sale, lot);
        var maxMinor = request.MaxAmount is null ? amount.Minor : max.Minor;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (attempt > 0)
            {
                // What beat this attempt may have been the same request, retried by the client: then that is the answer.
                var again = await db.Lots.AsNoTracking().Where(l => l.Id == id)
                    .Select(l => new { Lot = l, Retry = db.Bids.Any(b => b.LotId == l.Id && b.BidderId == bidder && b.ClientBidId == clientBidId) })
                    .SingleAsync(ct);
                if (again.Retry && await FirstAnswerAsync(db, again.Lot, bidder, clientBidId, ct) is { } retried)
                {
                    return TypedResults.Ok(retried);
                }
                lot = again.Lot;
            }
            var now = clock.GetUtcNow();
            var nowMs = now.ToUnixTimeMilliseconds();
            if (lot.State != LotStates.Open || nowMs >= lot.EndsAtMs || nowMs < lot.OpensAtMs)
            {
                return NotOpen(http, nowMs < lot.OpensAtMs, terms.NextValid(lot.Book));
            }
            var outcome = ProxyAuction.Place(lot.Book, terms, bidder, amount.Minor, maxMinor);
            if (!outcome.Accepted)
            {
                // Judged on a committed state, read in one statement with the retry check: a refusal changes nothing,
                // so it is a true answer as of that state and needs no lock (most bids in a storm end here).
                return Refused(http, outcome.Refusal, outcome.NextValidMinor);
            }
            if (db is PostgresAuctionsDbContext)
            {
                return await PlaceInDatabaseAsync(db, http, lot, sale, terms, bidder, paddle, clientBidId, amount.Minor, maxMinor, broadcast, clock, options.Value, outbox, ct);
            }
            var previous = lot.Book;
            var after = outcome.Book;
            var endsAt = SoftClose.EndAfterBid(lot.EndsAtMs, nowMs, sale);
            var leaderPaddle = after.Leader == bidder ? paddle : lot.LeaderPaddle;
            var version = lot.Version;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = await db.Lots
                .Where(l => l.Id == id && l.Version == version && l.State == LotStates.Open && l.EndsAtMs > nowMs)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Version, version + 1)
                    .SetProperty(l => l.PriceMinor, after.PriceMinor)
                    .SetProperty(l => l.LeaderId, after.Leader)
                    .SetProperty(l => l.LeaderPaddle, leaderPaddle)
                    .SetProperty(l => l.LeaderMaxMinor, after.LeaderMaxMinor)
                    .SetProperty(l => l.RunnerUpMaxMinor, after.RunnerUpMaxMinor)
                    .SetProperty(l => l.BidCount, l => l.BidCount + 1)
                    .SetProperty(l => l.EndsAtMs, endsAt), ct);
            if (moved == 0)
            {
                await transaction.RollbackAsync(ct);
                continue;
            }
            var bid = new Bid
            {
                LotId = id, BidderId = bidder, Paddle = paddle, ClientBidId = clientBidId, Kind = BidKinds.Bid,
                AmountMinor = outcome.EffectiveMinor, MaxMinor = maxMinor, PriceAfterMinor = after.PriceMinor, Leading = outcome.Leading, PlacedAt = now,
            };
            db.Bids.Add(bid);
            // The price moved on the leader's behalf (their proxy answered, or the reserve was reached): history shows that raise too.
            if (after.Leader is { } leader && after.PriceMinor != outcome.EffectiveMinor && after.PriceMinor != previous.PriceMinor)
            {
                db.Bids.Add(new Bid
                {
                    LotId = id, BidderId = leader, Paddle = leaderPaddle ?? 0, Kind = BidKinds.Proxy, AmountMinor = after.PriceMinor,
                    MaxMinor = after.LeaderMaxMinor, PriceAfterMinor = after.PriceMinor, Leading = true, PlacedAt = now,
                });
            }
            // The leader lost the lead: their notice is written with the bid, so it exists exactly when the bid does.
            var outbid = previous.Leader is { } was && after.Leader != was ? was : (Guid?)null;
            if (outbid is { } displaced)
            {
                await BidderNotices.OutbidAsync(db, id, displaced, after.PriceMinor, now, options.Value.OutbidThrottle, ct);
            }
            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // The same clientBidId raced in twice: the copy that committed first is the bid; this one answers with it.
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                if (await FirstAnswerAsync(db, lot, bidder, clientBidId, ct) is { } raced)
                {
                    return TypedResults.Ok(raced);
                }
                continue;
            }
            if (outbid is not null)
            {
                outbox.Notify();
            }
            var view = new BidView(bid.Id, id, paddle, LotView.Sar(bid.AmountMinor), LotView.Sar(maxMinor), outcome.Leading, LotView.Sar(after.PriceMinor),
                LotView.Sar(outcome.NextValidMinor), DateTimeOffset.FromUnixTimeMilliseconds(endsAt), now, clientBidId);
            await broadcast.BidAcceptedAsync(id, after.PriceMinor, leaderPaddle, outcome.NextValidMinor, endsAt, endsAt != lot.EndsAtMs, terms.ReserveMet(after), lot.BidCount + 1, now);
            return TypedResults.Created($"/api/v1/lots/{id}/bids", view);
        }
        return Busy(http, terms.NextValid(lot.Book));
    }

    /// <summary>
    /// PostgreSQL: the whole accept path is one call of <c>auctions.place_bid</c> (autocommit), which locks the lot's row,
    /// judges the bid against the row as it is then (the rule of <see cref="ProxyAuction.Place"/>), moves it, inserts the
    /// bid, the proxy raise and the throttled outbid notice. Concurrent bids queue on the row's lock inside the database,
    /// so each is judged against the state it is applied to; none is judged on a stale read and retried.
    /// </summary>
    private static async Task<Results<Created<BidView>, Ok<BidView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem, BidRefusedProblem>> PlaceInDatabaseAsync(
        AuctionsDbContext db, HttpContext http, Lot lot, Sale sale, Terms terms, Guid bidder, long paddle, string clientBidId, long amountMinor, long maxMinor,
        LotBroadcast broadcast, TimeProvider clock, AuctionsOptions options, OutboxSignal outbox, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var ladder = terms.Ladder.Arrays;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        string result;
        long bidId = 0, effective = 0, price = 0, next = 0, endsAt = 0;
        long? leaderPaddle = null;
        bool leading = false, extended = false, reserveMet = false, outbid = false;
        var bidCount = 0;
        try
        {
            await using var command = new NpgsqlCommand(
                "select * from auctions.place_bid($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)", connection)
            {
                Parameters =
                {
                    new NpgsqlParameter<Guid> { TypedValue = lot.Id },
                    new NpgsqlParameter<Guid> { TypedValue = bidder },
                    new NpgsqlParameter<long> { TypedValue = paddle },
                    new NpgsqlParameter<string> { TypedValue = clientBidId },
                    new NpgsqlParameter<long> { TypedValue = amountMinor },
                    new NpgsqlParameter<long> { TypedValue = maxMinor },
                    new NpgsqlParameter<long> { TypedValue = nowMs },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() },
                    new NpgsqlParameter<long> { TypedValue = sale.SoftCloseMinutes * 60_000L },
                    new NpgsqlParameter<long> { TypedValue = sale.HardStopAt?.ToUnixTimeMilliseconds() ?? long.MaxValue },
                    new NpgsqlParameter<long[]> { TypedValue = ladder.Froms },
                    new NpgsqlParameter<int[]> { TypedValue = ladder.Starts },
                    new NpgsqlParameter<int[]> { TypedValue = ladder.Lengths },
                    new NpgsqlParameter<long[]> { TypedValue = ladder.Steps },
                    new NpgsqlParameter<long> { TypedValue = (long)options.OutbidThrottle.TotalMilliseconds },
                    new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() },
                },
            };
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            result = reader.GetString(0);
            if (!reader.IsDBNull(6))
            {
                next = reader.GetInt64(6);
            }
            if (result == "accepted")
            {
                bidId = reader.GetInt64(1);
                effective = reader.GetInt64(2);
                price = reader.GetInt64(3);
                leading = reader.GetBoolean(4);
                leaderPaddle = reader.IsDBNull(5) ? null : reader.GetInt64(5);
                endsAt = reader.GetInt64(7);
                extended = reader.GetBoolean(8);
                reserveMet = reader.GetBoolean(9);
                bidCount = reader.GetInt32(10);
                outbid = reader.GetBoolean(11);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        switch (result)
        {
            case "accepted":
                break;
            case "retry":
                return await FirstAnswerAsync(db, lot, bidder, clientBidId, ct) is { } first
                    ? TypedResults.Ok(first)
                    : Busy(http, terms.NextValid(lot.Book));
            case "not-found":
                return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا توجد قطعة {lot.Id}", $"No lot {lot.Id}."));
            case "not-open" or "closed":
                return NotOpen(http, result == "not-open", next);
            default:
                return Refused(http, result == "already-leading" ? Refusal.AlreadyLeading : Refusal.BelowNextValid, next);
        }
        if (outbid)
        {
            outbox.Notify();
        }
        var view = new BidView(bidId, lot.Id, paddle, LotView.Sar(effective), LotView.Sar(maxMinor), leading, LotView.Sar(price), LotView.Sar(next),
            DateTimeOffset.FromUnixTimeMilliseconds(endsAt), now, clientBidId);
        await broadcast.BidAcceptedAsync(lot.Id, price, leaderPaddle, next, endsAt, extended, reserveMet, bidCount, now);
        return TypedResults.Created($"/api/v1/lots/{lot.Id}/bids", view);
    }

    /// <summary>A bid that could not be applied for the other bids on the lot, and may simply be sent again.</summary>
    private static BidRefusedProblem Busy(HttpContext http, long nextMinor) =>
        Refused(http, ProblemCode.Conflict, nextMinor, "المزايدة على هذه القطعة كثيفة الآن؛ أعد المحاولة", "This lot is very busy right now; try again");

    private static BidRefusedProblem NotOpen(HttpContext http, bool notYet, long nextMinor) =>
        Refused(http, notYet ? AuctionsProblems.LotNotOpen : AuctionsProblems.LotClosed, nextMinor,
            notYet ? "لم تبدأ المزايدة على هذه القطعة بعد" : "أُغلقت المزايدة على هذه القطعة",
            notYet ? "Bidding on this lot has not started yet" : "Bidding on this lot has closed");

    private static BidRefusedProblem Refused(HttpContext http, Refusal refusal, long nextMinor)
    {
        var next = new Money(nextMinor, Money.Sar);
        return refusal == Refusal.AlreadyLeading
            ? Refused(http, AuctionsProblems.AlreadyLeading, nextMinor,
                $"مزايدتك هي الأعلى؛ ارفع حدّك الأقصى فوق ما حددته. المبلغ التالي المقبول لغيرك {next} ريال",
                $"You already lead; raise your maximum above the one you set. The next valid amount for others is {next} SAR")
            : Refused(http, AuctionsProblems.BidTooLow, nextMinor,
                $"المزايدة أقل من المبلغ التالي المقبول: {next} ريال", $"The bid is below the next valid amount: {next} SAR");
    }

    private static async Task<BidView?> FirstAnswerAsync(AuctionsDbContext db, Lot lot, Guid bidder, string clientBidId, CancellationToken ct)
    {
        var bid = await db.Bids.AsNoTracking().SingleOrDefaultAsync(b => b.LotId == lot.Id && b.BidderId == bidder && b.ClientBidId == clientBidId, ct);
        if (bid is null)
        {
            return null;
        }
        var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == lot.SaleId, ct);
        var terms = SaleRules.TermsOf(sale, lot);
        var next = terms.Ladder.Above(bid.PriceAfterMinor);
        return new BidView(bid.Id, lot.Id, bid.Paddle, LotView.Sar(bid.AmountMinor), LotView.Sar(bid.MaxMinor), bid.Leading, LotView.Sar(bid.PriceAfterMinor),
            LotView.Sar(next), DateTimeOffset.FromUnixTimeMilliseconds(lot.EndsAtMs), bid.PlacedAt, clientBidId);
    }

    private static BidRefusedProblem Refused(HttpContext http, ProblemCode code, long nextMinor, string arabic, string english) =>
        new(code, Locales.Say(http.Request, arabic, english + $" (next valid amount {new Money(nextMinor, Money.Sar)} SAR)"), LotView.Sar(nextMinor));
}

/// <summary>Soft close: an accepted bid in the last N minutes moves the lot's end to N minutes after it, never past the hard stop.</summary>
internal static class SoftClose
{
    public static long EndAfterBid(long endsAtMs, long nowMs, Sale sale)
    {
        ArgumentNullException.ThrowIfNull(sale);
        var window = sale.SoftCloseMinutes * 60_000L;
        if (window == 0 || endsAtMs - nowMs > window)
        {
            return endsAtMs;
        }
        var extended = nowMs + window;
        if (sale.HardStopAt is { } stop)
        {
            extended = Math.Min(extended, stop.ToUnixTimeMilliseconds());
        }
        return Math.Max(endsAtMs, extended);
    }
}
