using System.Globalization;
using System.Text.Json.Nodes;

namespace ArtSouk.Manager.Api;

/// <summary>An amount as the commerce API writes it: decimal SAR.</summary>
public sealed record PriceModel(decimal Amount, string Currency)
{
    /// <summary><c>12,500.00 ر.س</c> in Arabic, <c>SAR 12,500.00</c> in English; Western digits, as the manager's other figures.</summary>
    public string Show(string locale) => Format(Amount, Currency, locale);

    public static string Format(decimal amount, string currency, string locale)
    {
        var number = amount.ToString("N2", CultureInfo.InvariantCulture);
        return locale == "en" ? $"{currency} {number}" : currency == "SAR" ? $"{number} ر.س" : $"{number} {currency}";
    }
}

public sealed record BuyerModel(Guid Id, string? Email, string? Name);

public sealed record OrderLineSummaryModel(Guid EntryId, string? Title, int Quantity);

/// <summary>A line of <c>GET /api/v1/manage/orders</c>.</summary>
public sealed record OrderSummaryModel(Guid Id, string State, string PaymentMethod, PriceModel Total, PriceModel Refunded, BuyerModel Buyer,
    IReadOnlyList<OrderLineSummaryModel> Lines, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, string? PaymentReference);

public sealed record OrderLineModel(Guid EntryId, string? EntryType, string? Title, int Quantity, PriceModel UnitPrice, PriceModel Total);

public sealed record OrderEventModel(DateTimeOffset At, string Action, string? By, string? From, string? To, JsonNode? Changes);

public sealed record PaymentRecordModel(string Provider, string Type, DateTimeOffset At, string? Reference);

/// <summary><c>GET /api/v1/manage/orders/{id}</c>: <see cref="Actions"/> are the transitions the state allows now.</summary>
public sealed record OrderModel(
    Guid Id, string State, string PaymentMethod, PriceModel Total, PriceModel Refunded, PriceModel Refundable, BuyerModel Buyer, string Locale,
    IReadOnlyList<OrderLineModel> Lines, DateTimeOffset CreatedAt, DateTimeOffset ReservedUntil, DateTimeOffset? PaidAt, DateTimeOffset? UpdatedAt,
    string? PaymentReference, string? PaymentIntentId, long? InvoiceNumber, IReadOnlyList<PaymentRecordModel> Payments,
    IReadOnlyList<OrderEventModel> History, IReadOnlyList<string> Actions);

public sealed record SaleLineModel(Guid OrderId, Guid EntryId, string? Title, int Quantity, string State, DateTimeOffset PaidAt, PriceModel Gross, PriceModel Refunded);

public sealed record PayoutModel(Guid? SellerId, string? Seller, int Lines, PriceModel Gross, PriceModel Refunded, PriceModel Net, PriceModel Commission, PriceModel Payout);

public sealed record PayoutReportModel(DateTimeOffset From, DateTimeOffset To, decimal CommissionPercent, IReadOnlyList<PayoutModel> Sellers, PayoutModel Total);

public sealed record SalesModel(PayoutModel Summary, IReadOnlyList<SaleLineModel> Lines);

/// <summary><c>GET /api/v1/manage/listings/{entryId}</c>: what buyers see plus the counters behind it.</summary>
public sealed record ListingModel(Guid EntryId, string EntryType, PriceModel Price, string Availability, int Stock, int Sold, int Reserved, DateTimeOffset UpdatedAt);

public sealed record OfferModel(Guid Id, Guid EntryId, string State, PriceModel Amount, PriceModel? Counter, string PaymentMethod, string? Message,
    DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, Guid? OrderId)
{
    public bool Open => State is "pending" or "countered";
}

public sealed record InquiryModel(Guid Id, Guid EntryId, string Message, DateTimeOffset CreatedAt);

/// <summary>The order desk's prerendered page, kept for the interactive render of the same query.</summary>
public sealed record OrdersSnapshot(string Key, Page<OrderSummaryModel> Page);

/// <summary>The users screen's prerendered page.</summary>
public sealed record UsersSnapshot(string Key, IReadOnlyList<UserModel> Users, string? Next);

/// <summary>An offer in the seller's inbox, with the work it is about.</summary>
public sealed record InboxOfferModel(OfferModel Offer, string? EntryType, string? EntryTitle);

public sealed record InboxQuestionModel(InquiryModel Question, string? EntryType, string? EntryTitle);
