using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Payments;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Money;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Auctions.Sales;

/// <summary>
/// Registration deposits. Charged by card when the bidder registers (one PaymentIntent per registration, its idempotency
/// key derived from sale and bidder); the registration waits until the charge succeeds, learnt from commerce's Stripe
/// webhook or, when that is lost, by asking Stripe after <see cref="AuctionsOptions.DepositGrace"/>. After the sale every
/// deposit goes back by one refund under a key derived from the registration: to a bidder who won nothing once all lots
/// have closed, to a winner once every order they won is paid (refunded rather than applied to the order, so the invoice
/// stays hammer + premium + VAT). A winner whose order is abandoned forfeits the deposit. Each change is a conditional
/// update from the state before it, so a replayed webhook or a second runner changes nothing.
/// </summary>
internal sealed partial class Deposits(
    AuctionsDbContext db, CardDeposits cards, SaleOrders orders, TimeProvider clock, IOptions<AuctionsOptions> options, ILogger<Deposits> log) : IDepositNotices
{
    public const string JobId = "auctions.deposits";

    public static string RefundKey(Registration r) => $"artsouk-deposit-{r.DepositReference}-refund";

    /// <summary>Creates (or finds) the deposit's payment and stores its id; the client secret for the bidder, null when the provider failed.</summary>
    public async Task<string?> ChargeAsync(Registration registration, CancellationToken ct)
    {
        DepositCharge charge;
        try
        {
            charge = await cards.ChargeAsync(registration.DepositReference, registration.DepositMinor, Money.Sar, ct);
        }
        catch (DepositPaymentException ex)
        {
            // The registration stays pending without a payment; registering again, or the next run, asks again under the same key.
            LogFailed(log, registration.Paddle, ex);
            return null;
        }
        if (registration.DepositPaymentId is null)
        {
            await db.Registrations.Where(r => r.Paddle == registration.Paddle && r.DepositPaymentId == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.DepositPaymentId, charge.PaymentIntentId), ct);
        }
        await SettleAsync(registration.Paddle, charge, ct);
        return charge.ClientSecret;
    }

    /// <summary>Commerce's Stripe webhook: a payment that belongs to no order changed; if it is a deposit, it is settled.</summary>
    public async Task PaymentChangedAsync(DepositCharge charge, CancellationToken ct)
    {
        if (await db.Registrations.AsNoTracking().Where(r => r.DepositPaymentId == charge.PaymentIntentId).Select(r => (long?)r.Paddle).SingleOrDefaultAsync(ct) is { } paddle)
        {
            await SettleAsync(paddle, charge, ct);
        }
    }

    /// <summary>A succeeded charge of the full deposit marks it paid, once; a sale without approval then approves the bidder.</summary>
    private async Task SettleAsync(long paddle, DepositCharge charge, CancellationToken ct)
    {
        if (!charge.Succeeded)
        {
            return;
        }
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var paid = await db.Registrations
            .Where(r => r.Paddle == paddle && r.DepositState == DepositStates.Pending && r.DepositMinor == charge.AmountMinor
                && (r.DepositPaymentId == null || r.DepositPaymentId == charge.PaymentIntentId))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DepositState, DepositStates.Paid).SetProperty(r => r.DepositPaymentId, charge.PaymentIntentId)
                .SetProperty(r => r.DepositPaidAt, now), ct);
        if (paid == 0)
        {
            await transaction.RollbackAsync(ct);
            return;
        }
        var registration = await db.Registrations.AsNoTracking().SingleAsync(r => r.Paddle == paddle, ct);
        var approval = await db.Sales.AsNoTracking().Where(s => s.Id == registration.SaleId).Select(s => s.BiddersNeedApproval).SingleAsync(ct);
        var changes = new List<AuditChange> { new("deposit", null, DepositStates.Pending, DepositStates.Paid) };
        if (!approval && registration.State == RegistrationStates.Pending)
        {
            await db.Registrations.Where(r => r.Paddle == paddle && r.State == RegistrationStates.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RegistrationStates.Approved).SetProperty(r => r.DecidedAt, now), ct);
            changes.Add(new AuditChange("state", null, RegistrationStates.Pending, RegistrationStates.Approved));
        }
        db.Add(AuditRecord.Of(AuditActor.System(JobId), now, "registration.deposit-paid", "registration", $"{registration.SaleId}/{paddle}", changes));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Asks about deposits whose webhook has not come, then gives back (or forfeits) those of sales that are over.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now - options.Value.DepositGrace;
        var waiting = await db.Registrations.AsNoTracking().Where(r => r.DepositState == DepositStates.Pending && r.CreatedAt < before)
            .OrderBy(r => r.Paddle).Take(50).ToListAsync(ct);
        foreach (var registration in waiting)
        {
            await ChargeAsync(registration, ct);
        }

        // Sales that are over (every lot closed; one without lots once its end has passed) and still hold paid deposits,
        // oldest first. Chosen in the query: twenty picked among all sales with paid deposits, running ones included and in
        // no order, could be twenty still running, and the deposits of those that were over would never come back.
        var sales = await db.Sales.AsNoTracking()
            .Where(s => db.Registrations.Any(r => r.SaleId == s.Id && r.DepositState == DepositStates.Paid))
            .Where(s => !db.Lots.Any(l => l.SaleId == s.Id && l.State != LotStates.Closed) && (db.Lots.Any(l => l.SaleId == s.Id) || s.EndsAt <= now))
            .OrderBy(s => s.EndsAt).ThenBy(s => s.Id).Select(s => s.Id).Take(20).ToListAsync(ct);
        foreach (var saleId in sales)
        {
            var lots = await db.Lots.AsNoTracking().Where(l => l.SaleId == saleId).Select(l => new { l.Outcome, l.LeaderId, l.OrderId }).ToListAsync(ct);
            var paid = await db.Registrations.AsNoTracking().Where(r => r.SaleId == saleId && r.DepositState == DepositStates.Paid)
                .OrderBy(r => r.Paddle).Take(200).ToListAsync(ct);
            foreach (var registration in paid)
            {
                var won = lots.Where(l => l.Outcome == LotOutcomes.Sold && l.LeaderId == registration.BidderId && l.OrderId != null).Select(l => l.OrderId!.Value).ToList();
                var payments = new List<WonLotPayment>();
                foreach (var order in won)
                {
                    payments.Add(await orders.PaymentOfAsync(order, ct));
                }
                if (payments.Contains(WonLotPayment.Abandoned))
                {
                    await FinishAsync(registration, DepositStates.Forfeited, null, ct);
                }
                else if (payments.All(p => p == WonLotPayment.Paid))
                {
                    await RefundAsync(registration, ct);
                }
            }
        }
    }

    private async Task RefundAsync(Registration registration, CancellationToken ct)
    {
        string refund;
        try
        {
            refund = await cards.RefundAsync(registration.DepositPaymentId!, registration.DepositMinor, RefundKey(registration), ct);
        }
        catch (DepositPaymentException ex)
        {
            LogFailed(log, registration.Paddle, ex);
            return;
        }
        await FinishAsync(registration, DepositStates.Refunded, refund, ct);
    }

    private async Task FinishAsync(Registration registration, string state, string? refundId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var moved = await db.Registrations.Where(r => r.Paddle == registration.Paddle && r.DepositState == DepositStates.Paid)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DepositState, state).SetProperty(r => r.DepositRefundId, refundId).SetProperty(r => r.DepositSettledAt, now), ct);
        if (moved == 0)
        {
            await transaction.RollbackAsync(ct);
            return;
        }
        db.Add(AuditRecord.Of(AuditActor.System(JobId), now, "registration.deposit-" + state, "registration", $"{registration.SaleId}/{registration.Paddle}",
            [new AuditChange("deposit", null, DepositStates.Paid, state), new AuditChange("amount", null, null, new Money(registration.DepositMinor, Money.Sar).ToString())]));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The card provider failed on the deposit of paddle {Paddle}; tried again later")]
    private static partial void LogFailed(ILogger logger, long paddle, Exception exception);
}
