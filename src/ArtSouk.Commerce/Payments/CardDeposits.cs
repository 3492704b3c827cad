using Stripe;

namespace ArtSouk.Commerce.Payments;

/// <summary>A deposit's card payment as the provider holds it now.</summary>
public sealed record DepositCharge(string PaymentIntentId, string? ClientSecret, string Status, long AmountMinor)
{
    public bool Succeeded => Status == "succeeded";
}

/// <summary>The provider could not be reached or refused the request; nothing was decided, so the caller tries again later.</summary>
public sealed class DepositPaymentException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Told by the Stripe webhook when a PaymentIntent that belongs to no order changed (a deposit); implemented by the
/// module that asked for the deposit. Called with the intent's state read back from Stripe, at least once per change:
/// implementations make the change by a conditional update, so a second call changes nothing.
/// </summary>
public interface IDepositNotices
{
    Task PaymentChangedAsync(DepositCharge charge, CancellationToken ct);
}

/// <summary>
/// Deposits paid by card (registration to bid in a sale). Charged at once (automatic capture), never authorized and
/// held: mada cards cannot hold funds. Given back by a refund whose idempotency key the caller derives from what the
/// deposit was for, so a refund asked twice is made once.
/// </summary>
public sealed class CardDeposits
{
    private readonly IStripeClient _client;

    internal CardDeposits(IStripeClient client) => _client = client;

    /// <summary>One intent per <paramref name="reference"/>: asked again (a retry, a crash before its id was stored), Stripe returns the first.</summary>
    public static string IdempotencyKey(string reference) => $"artsouk-deposit-{reference}-payment-intent";

    /// <summary>Creates (or finds) the intent the payer confirms with its client secret.</summary>
    public Task<DepositCharge> ChargeAsync(string reference, long amountMinor, string currency, CancellationToken ct) => CallAsync(async () =>
    {
        var intent = await new PaymentIntentService(_client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = amountMinor,
            Currency = currency.ToLowerInvariant(),
            CaptureMethod = "automatic",
            Metadata = new Dictionary<string, string> { ["deposit"] = reference },
        }, new RequestOptions { IdempotencyKey = IdempotencyKey(reference) }, ct);
        return Of(intent);
    });

    public Task<DepositCharge> ReadAsync(string paymentIntentId, CancellationToken ct) =>
        CallAsync(async () => Of(await new PaymentIntentService(_client).GetAsync(paymentIntentId, cancellationToken: ct)));

    /// <summary>Gives the deposit back; the refund's id. The same <paramref name="idempotencyKey"/> never refunds twice.</summary>
    public Task<string> RefundAsync(string paymentIntentId, long amountMinor, string idempotencyKey, CancellationToken ct) => CallAsync(async () =>
        (await new RefundService(_client).CreateAsync(new RefundCreateOptions { PaymentIntent = paymentIntentId, Amount = amountMinor },
            new RequestOptions { IdempotencyKey = idempotencyKey }, ct)).Id);

    private static DepositCharge Of(PaymentIntent intent) => new(intent.Id, intent.ClientSecret, intent.Status, intent.Amount);

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException ex)
        {
            throw new DepositPaymentException(ex.Message, ex);
        }
    }
}
