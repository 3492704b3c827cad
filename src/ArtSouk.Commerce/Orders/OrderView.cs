using ArtSouk.Commerce.Listings;
using ArtSouk.Kernel.Money;

namespace ArtSouk.Commerce.Orders;

internal sealed record OrderLineView(Guid EntryId, Guid? TicketTypeId, int Quantity, PriceView UnitPrice, PriceView Total);

/// <summary>An order as its buyer (and administrators) read it; <see cref="Payment"/> carries what a card checkout needs.</summary>
internal sealed record OrderView(
    Guid Id, string State, string PaymentMethod, PriceView Total, PriceView Refunded, IReadOnlyList<OrderLineView> Lines,
    DateTimeOffset CreatedAt, DateTimeOffset ReservedUntil, DateTimeOffset? PaidAt, string? PaymentReference, CardPaymentView? Payment)
{
    public static OrderView Of(Order o, CardPaymentView? payment = null) => new(
        o.Id, o.State, o.PaymentMethod, PriceView.Of(new Money(o.TotalMinor, o.Currency)), PriceView.Of(new Money(o.RefundedMinor, o.Currency)),
        o.Lines.Select(l => new OrderLineView(l.EntryId, l.TicketTypeId, l.Quantity, PriceView.Of(new Money(l.UnitMinor, o.Currency)),
            PriceView.Of(new Money(l.UnitMinor * l.Quantity, o.Currency)))).ToList(),
        o.CreatedAt, o.ReservedUntil, o.PaidAt, o.PaymentReference,
        payment ?? (o.PaymentIntentId is { } id ? new CardPaymentView("stripe", id, null) : null));
}

/// <summary>The PaymentIntent to confirm in the browser (Stripe.js) with its client secret, shown to the buyer at checkout.</summary>
internal sealed record CardPaymentView(string Provider, string PaymentIntentId, string? ClientSecret);
