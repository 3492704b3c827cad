using System.Globalization;
using System.Text.Json.Nodes;

namespace ArtSouk.Manager.Api;

/// <summary>The commerce API: the order desk, sales and payouts, an entry's listing, offers and questions.</summary>
internal sealed partial class ManagerApi
{
    public Task<ApiOutcome<Page<OrderSummaryModel>>> OrdersAsync(string? state, string? q, string? cursor, int limit = 25, CancellationToken ct = default)
    {
        var query = new List<string> { $"limit={limit}" };
        AddQuery(query, "state", state);
        AddQuery(query, "q", q);
        AddQuery(query, "cursor", cursor);
        return SendAsync<Page<OrderSummaryModel>>(HttpMethod.Get, "api/v1/manage/orders?" + string.Join('&', query), null, ct);
    }

    public Task<ApiOutcome<OrderModel>> OrderAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<OrderModel>(HttpMethod.Get, $"api/v1/manage/orders/{id}", null, ct);

    /// <summary>
    /// One of the order's transitions (<c>mark-paid</c>, <c>fulfil</c>, <c>complete</c>, <c>cancel</c>, <c>refund</c>);
    /// mark-paid carries the transfer's reference, refund an amount (none: all that is left).
    /// </summary>
    public Task<ApiOutcome<JsonNode>> OrderActionAsync(Guid id, string action, string? reference = null, decimal? amount = null, CancellationToken ct = default)
    {
        JsonObject? body = action switch
        {
            "mark-paid" => new JsonObject { ["reference"] = reference?.Trim() },
            "refund" => amount is { } a ? new JsonObject { ["amount"] = a } : new JsonObject(),
            _ => null,
        };
        return SendAsync<JsonNode>(HttpMethod.Post, $"api/v1/manage/orders/{id}/{Uri.EscapeDataString(action)}", body, ct);
    }

    /// <summary>[from, to) as Riyadh days: from's first minute to the first minute after "to".</summary>
    public Task<ApiOutcome<PayoutReportModel>> PayoutsAsync(DateOnly? from, DateOnly? to, CancellationToken ct = default) =>
        SendAsync<PayoutReportModel>(HttpMethod.Get, "api/v1/manage/payouts?" + Period(from, to), null, ct);

    public Task<ApiOutcome<SalesModel>> SalesAsync(Guid? seller, DateOnly? from, DateOnly? to, CancellationToken ct = default) =>
        SendAsync<SalesModel>(HttpMethod.Get, "api/v1/commerce/sales?" + Period(from, to) + (seller is { } s ? $"&seller={s}" : ""), null, ct);

    public Task<ApiOutcome<ListingModel>> ListingAsync(Guid entryId, CancellationToken ct = default) =>
        SendAsync<ListingModel>(HttpMethod.Get, $"api/v1/manage/listings/{entryId}", null, ct);

    public Task<ApiOutcome<ListingModel>> SetListingAsync(Guid entryId, decimal? amount, string availability, int? stock, CancellationToken ct = default) =>
        SendAsync<ListingModel>(HttpMethod.Put, $"api/v1/manage/listings/{entryId}",
            new JsonObject { ["price"] = new JsonObject { ["amount"] = amount, ["currency"] = "SAR" }, ["availability"] = availability, ["stock"] = stock }, ct);

    public Task<ApiOutcome<IReadOnlyList<OfferModel>>> OffersOnAsync(Guid entryId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<OfferModel>>(HttpMethod.Get, $"api/v1/commerce/entries/{entryId}/offers", null, ct);

    public Task<ApiOutcome<IReadOnlyList<InquiryModel>>> InquiriesOnAsync(Guid entryId, CancellationToken ct = default) =>
        SendAsync<IReadOnlyList<InquiryModel>>(HttpMethod.Get, $"api/v1/commerce/entries/{entryId}/inquiries", null, ct);

    /// <summary>The seller's answer to an offer: <c>accept</c>, <c>decline</c>, or <c>counter</c> with another amount.</summary>
    public Task<ApiOutcome<OfferModel>> AnswerOfferAsync(Guid offerId, string answer, decimal? counter = null, CancellationToken ct = default) =>
        SendAsync<OfferModel>(HttpMethod.Post, $"api/v1/commerce/offers/{offerId}/{Uri.EscapeDataString(answer)}",
            answer == "counter" ? new JsonObject { ["amount"] = counter } : null, ct);

    public Task<ApiOutcome<Page<InboxOfferModel>>> OffersReceivedAsync(bool openOnly, string? cursor, CancellationToken ct = default) =>
        SendAsync<Page<InboxOfferModel>>(HttpMethod.Get,
            $"api/v1/commerce/offers/received?limit=25{(openOnly ? "&open=true" : "")}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}", null, ct);

    public Task<ApiOutcome<Page<InboxQuestionModel>>> QuestionsReceivedAsync(string? cursor, CancellationToken ct = default) =>
        SendAsync<Page<InboxQuestionModel>>(HttpMethod.Get,
            "api/v1/commerce/inquiries/received?limit=25" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), null, ct);

    private static string Period(DateOnly? from, DateOnly? to)
    {
        var parts = new List<string>();
        // Riyadh days: from the first minute of "from" to the first minute after "to".
        AddQuery(parts, "from", from is { } f ? Language.RiyadhTime.FromInput(f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00")?.ToString("O", CultureInfo.InvariantCulture) : null);
        AddQuery(parts, "to", to is { } t ? Language.RiyadhTime.FromInput(t.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00")?.ToString("O", CultureInfo.InvariantCulture) : null);
        return string.Join('&', parts);
    }

    private static void AddQuery(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }
}
