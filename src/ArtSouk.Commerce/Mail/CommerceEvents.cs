using System.Text.Json;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Outbox;

namespace ArtSouk.Commerce.Mail;

/// <summary>
/// Events commerce writes to its outbox in the transaction of the change they describe; <see cref="CommerceMail"/>
/// turns them into e-mails once committed, so a rolled-back checkout never mails anyone.
/// </summary>
internal static class CommerceEvents
{
    public const string OrderCreated = "commerce.order.created";
    public const string OrderPaid = "commerce.order.paid";
    public const string OrderFulfilled = "commerce.order.fulfilled";
    public const string OrderRefunded = "commerce.order.refunded";
    public const string OrderPartiallyRefunded = "commerce.order.partially_refunded";
    public const string OfferMade = "commerce.offer.made";
    public const string OfferCountered = "commerce.offer.countered";
    public const string OfferAccepted = "commerce.offer.accepted";
    public const string OfferDeclined = "commerce.offer.declined";
    public const string InquiryAsked = "commerce.inquiry.asked";
    public const string WaitingListOffered = "commerce.waitlist.offered";

    /// <summary>What buyers see of an entry's listing (price, availability, stock) changed; search re-indexes the entry.</summary>
    public const string ListingChanged = "commerce.listing.changed";

    public static IReadOnlySet<string> Mailed { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrderCreated, OrderPaid, OrderFulfilled, OrderRefunded, OrderPartiallyRefunded,
        OfferMade, OfferCountered, OfferAccepted, OfferDeclined, InquiryAsked, WaitingListOffered,
    };

    /// <summary>Adds the event to the unit of work; it is written by the caller's SaveChanges, or not at all.</summary>
    public static void Raise(CommerceDbContext db, string type, Guid subject, DateTimeOffset now, long? amountMinor = null) =>
        db.Outbox.Add(new OutboxMessage
        {
            Type = type,
            Key = subject.ToString(),
            Payload = JsonSerializer.Serialize(new EventPayload(subject, amountMinor), JsonText.Options),
            OccurredAt = now,
        });
}

/// <summary>What the event is about (an order, an offer, an inquiry) and, for a refund, how much went back.</summary>
internal sealed record EventPayload(Guid Id, long? AmountMinor);
