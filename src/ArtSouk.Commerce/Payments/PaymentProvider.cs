using ArtSouk.Commerce.Orders;
using Stripe;

namespace ArtSouk.Commerce.Payments;

/// <summary>The card payment port: start a payment for an order, and read a payment's current state.</summary>
internal interface IPaymentProvider
{
    /// <summary>Creates (or, asked again for the same order, returns) the payment the buyer confirms.</summary>
    Task<CardPaymentView> StartAsync(Order order, CancellationToken ct);

    /// <summary>The payment as the provider holds it now, whatever order its notifications arrived in.</summary>
    Task<CardPaymentState> ReadAsync(string paymentId, CancellationToken ct);

    /// <summary>Withdraws a payment that was never completed, so the buyer cannot pay for a hold that is gone.</summary>
    Task<CardPaymentState> CancelAsync(string paymentId, CancellationToken ct);

    /// <summary>Gives back part or all of a completed payment; the same <paramref name="idempotencyKey"/> never refunds twice.</summary>
    Task<CardRefund> RefundAsync(string paymentId, long amountMinor, string idempotencyKey, CancellationToken ct);
}

internal sealed record CardRefund(string Id, long Amount, string Status);

internal sealed record CardPaymentState(string Id, string Status, long Amount, string Currency, Guid? OrderId)
{
    public bool Succeeded => Status == "succeeded";
    public bool Canceled => Status == "canceled";
}

/// <summary>
/// Stripe PaymentIntents through Stripe.net. Charged at once (automatic capture): mada cards cannot hold funds, so
/// nothing is authorized now and captured later. The idempotency key is derived from the order, so a retried or
/// repeated checkout never creates a second intent for it.
/// </summary>
internal sealed class StripePayments(IStripeClient client) : IPaymentProvider
{
    public static string IdempotencyKey(Guid orderId) => $"artsouk-order-{orderId:N}-payment-intent";

    public async Task<CardPaymentView> StartAsync(Order order, CancellationToken ct)
    {
        var intent = await new PaymentIntentService(client).CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = order.TotalMinor,
            Currency = order.Currency.ToLowerInvariant(),
            CaptureMethod = "automatic",
            Metadata = new Dictionary<string, string> { ["order_id"] = order.Id.ToString() },
        }, new RequestOptions { IdempotencyKey = IdempotencyKey(order.Id) }, ct);
        return new CardPaymentView("stripe", intent.Id, intent.ClientSecret);
    }

    public async Task<CardPaymentState> ReadAsync(string paymentId, CancellationToken ct) =>
        State(await new PaymentIntentService(client).GetAsync(paymentId, cancellationToken: ct));

    public async Task<CardPaymentState> CancelAsync(string paymentId, CancellationToken ct) =>
        State(await new PaymentIntentService(client).CancelAsync(paymentId, new PaymentIntentCancelOptions(),
            new RequestOptions { IdempotencyKey = $"artsouk-payment-{paymentId}-cancel" }, ct));

    public async Task<CardRefund> RefundAsync(string paymentId, long amountMinor, string idempotencyKey, CancellationToken ct)
    {
        var refund = await new RefundService(client).CreateAsync(new RefundCreateOptions { PaymentIntent = paymentId, Amount = amountMinor },
            new RequestOptions { IdempotencyKey = idempotencyKey }, ct);
        return new CardRefund(refund.Id, refund.Amount, refund.Status);
    }

    private static CardPaymentState State(PaymentIntent intent)
    {
        Guid? orderId = intent.Metadata is { } metadata && metadata.TryGetValue("order_id", out var raw) && Guid.TryParse(raw, out var id) ? id : null;
        return new CardPaymentState(intent.Id, intent.Status, intent.Amount, intent.Currency, orderId);
    }
}
