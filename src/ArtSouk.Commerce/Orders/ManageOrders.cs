using System.Text.Json.Nodes;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Orders;

internal sealed record BuyerView(Guid Id, string? Email, string? Name);

/// <summary>An order as a line of the staff's list: who, how much, how paid, and what it is for.</summary>
internal sealed record OrderSummaryView(Guid Id, string State, string PaymentMethod, PriceView Total, PriceView Refunded, BuyerView Buyer,
    IReadOnlyList<SummaryLineView> Lines, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, string? PaymentReference);

internal sealed record SummaryLineView(Guid EntryId, string? Title, int Quantity);

internal sealed record OrderSummaryPage(IReadOnlyList<OrderSummaryView> Items, string? Next);

internal sealed record ManagedLineView(Guid EntryId, string? EntryType, string? Title, int Quantity, PriceView UnitPrice, PriceView Total);

/// <summary>One step of the order's history from the commerce audit log, oldest first.</summary>
internal sealed record OrderEventView(DateTimeOffset At, string Action, string? By, string? From, string? To, JsonNode? Changes);

internal sealed record PaymentRecordView(string Provider, string Type, DateTimeOffset At, string? Reference);

/// <summary>
/// An order as curators and administrators work on it: lines with their titles, the buyer, payments, its history, and
/// the actions its state allows now (<c>mark-paid</c>, <c>fulfil</c>, <c>complete</c>, <c>cancel</c>, <c>refund</c>).
/// </summary>
internal sealed record ManagedOrderView(
    Guid Id, string State, string PaymentMethod, PriceView Total, PriceView Refunded, PriceView Refundable, BuyerView Buyer, string Locale,
    IReadOnlyList<ManagedLineView> Lines, DateTimeOffset CreatedAt, DateTimeOffset ReservedUntil, DateTimeOffset? PaidAt, DateTimeOffset? UpdatedAt,
    string? PaymentReference, string? PaymentIntentId, long? InvoiceNumber, IReadOnlyList<PaymentRecordView> Payments,
    IReadOnlyList<OrderEventView> History, IReadOnlyList<string> Actions);

/// <summary>
/// The staff's order desk: <c>GET /api/v1/manage/orders</c> (paged, by state, searched by buyer, reference or id) and
/// <c>GET /api/v1/manage/orders/{id}</c>. Curators and administrators; the transitions themselves are in <see cref="OrdersApi"/>.
/// </summary>
internal static class ManageOrders
{
    public static readonly IReadOnlyList<string> States =
        [OrderStates.PendingPayment, OrderStates.Paid, OrderStates.Fulfilled, OrderStates.Completed, OrderStates.Cancelled, OrderStates.Refunded];

    public static void MapManageOrders(this RouteGroupBuilder manage)
    {
        manage.MapGet("/", ListAsync).WithSummary("All orders, newest first, paged ({items, next}); state= one state, q= buyer e-mail or name, reference or order id");
        manage.MapGet("/{id:guid}", GetAsync).WithSummary("One order with its lines, buyer, payments, history and the actions its state allows");
    }

    /// <summary>The transitions <see cref="OrdersApi"/> accepts from the order's state, as their path segments.</summary>
    public static IReadOnlyList<string> ActionsFor(Order order)
    {
        var actions = new List<string>();
        if (OrderStates.May(order.State, OrderStates.Paid) && order.PaymentMethod == PaymentMethods.BankTransfer)
        {
            actions.Add("mark-paid");
        }
        if (OrderStates.May(order.State, OrderStates.Fulfilled))
        {
            actions.Add("fulfil");
        }
        if (OrderStates.May(order.State, OrderStates.Completed))
        {
            actions.Add("complete");
        }
        if (OrderStates.May(order.State, OrderStates.Cancelled))
        {
            actions.Add("cancel");
        }
        if (OrderStates.MayRefund(order.State) && order.TotalMinor > order.RefundedMinor)
        {
            actions.Add("refund");
        }
        return actions;
    }

    private static async Task<Results<Ok<OrderSummaryPage>, BadRequestProblem>> ListAsync(
        string? state, string? q, int? limit, string? cursor, HttpContext http, CommerceDbContext db, UserManager<User> users, ContentReader reader,
        CancellationToken ct)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 200, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(200, Locales.FromRequest(http.Request)));
        }
        if (!string.IsNullOrEmpty(state) && !States.Contains(state))
        {
            var message = Locales.Say(http.Request, $"الحالة أحد: {string.Join("، ", States)}", $"state is one of {string.Join(", ", States)}");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["state"] = [message] });
        }
        var orders = db.Orders.AsNoTracking();
        if (!string.IsNullOrEmpty(state))
        {
            orders = orders.Where(o => o.State == state);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var needle = q.Trim();
            if (Guid.TryParse(needle, out var id))
            {
                orders = orders.Where(o => o.Id == id);
            }
            else
            {
                // Identity keeps e-mails upper-cased in NormalizedEmail, so the e-mail match ignores case on both providers;
                // transfer references are matched as typed or upper-cased (banks print them in capitals).
                var upper = needle.ToUpperInvariant();
                var buyers = await users.Users.AsNoTracking().Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(needle))
                    .OrderBy(u => u.Id).Select(u => u.Id).Take(500).ToListAsync(ct);
                orders = orders.Where(o => buyers.Contains(o.BuyerId) || (o.PaymentReference != null && (o.PaymentReference.Contains(needle) || o.PaymentReference.Contains(upper))));
            }
        }
        var rows = await orders.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        var shown = rows.Take(page.Size).ToList();
        var people = await BuyersAsync(users, shown.Select(o => o.BuyerId), ct);
        var locale = Locales.FromRequest(http.Request);
        var titles = await TitlesAsync(reader, shown.SelectMany(o => o.Lines).Select(l => l.EntryId), locale, ct);
        var items = shown.Select(o => new OrderSummaryView(o.Id, o.State, o.PaymentMethod, Price(o.TotalMinor, o.Currency), Price(o.RefundedMinor, o.Currency),
            people.GetValueOrDefault(o.BuyerId) ?? new BuyerView(o.BuyerId, null, null),
            o.Lines.OrderBy(l => l.Id).Select(l => new SummaryLineView(l.EntryId, titles.GetValueOrDefault(l.EntryId).Title, l.Quantity)).ToList(),
            o.CreatedAt, o.PaidAt, o.PaymentReference)).ToList();
        return TypedResults.Ok(new OrderSummaryPage(items, page.NextAfter(rows.Count)));
    }

    private static async Task<Results<Ok<ManagedOrderView>, NotFoundProblem>> GetAsync(
        Guid id, HttpContext http, CommerceDbContext db, UserManager<User> users, ContentReader reader, CancellationToken ct)
    {
        if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is not { } order)
        {
            return OrdersApi.NoOrder(http, id);
        }
        return TypedResults.Ok(await ViewAsync(order, Locales.FromRequest(http.Request), db, users, reader, ct));
    }

    public static async Task<ManagedOrderView> ViewAsync(Order order, string locale, CommerceDbContext db, UserManager<User> users, ContentReader reader,
        CancellationToken ct)
    {
        var buyer = (await BuyersAsync(users, [order.BuyerId], ct)).GetValueOrDefault(order.BuyerId) ?? new BuyerView(order.BuyerId, null, null);
        var lines = order.Lines.OrderBy(l => l.Id).ToList();
        var titles = await TitlesAsync(reader, lines.Select(l => l.EntryId), locale, ct);
        var key = order.Id.ToString();
        var records = await db.Set<AuditRecord>().AsNoTracking().Where(r => r.EntityType == "order" && r.EntityId == key).ToListAsync(ct);
        var history = records.OrderBy(r => r.At).ThenBy(r => r.Id).Select(r =>
        {
            var changes = r.Changes is null ? null : JsonNode.Parse(r.Changes);
            var state = (changes as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["field"]?.GetValue<string>() == "state");
            return new OrderEventView(r.At, r.Action, r.UserName, state?["before"]?.ToString(), state?["after"]?.ToString(), changes);
        }).ToList();
        var events = await db.PaymentEvents.AsNoTracking().Where(e => e.OrderId == order.Id).ToListAsync(ct);
        var payments = events.OrderBy(e => e.ReceivedAt).Select(e => new PaymentRecordView(e.Provider, e.Type, e.ReceivedAt, e.EventId)).ToList();
        if (order.PaymentMethod == PaymentMethods.BankTransfer && order.PaidAt is { } paidAt)
        {
            payments.Insert(0, new PaymentRecordView("bank-transfer", "transfer.confirmed", paidAt, order.PaymentReference));
        }
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.OrderId == order.Id).Select(i => (long?)i.Number).SingleOrDefaultAsync(ct);
        return new ManagedOrderView(order.Id, order.State, order.PaymentMethod, Price(order.TotalMinor, order.Currency), Price(order.RefundedMinor, order.Currency),
            Price(order.TotalMinor - order.RefundedMinor, order.Currency), buyer, order.Locale,
            lines.Select(l => new ManagedLineView(l.EntryId, titles.GetValueOrDefault(l.EntryId).Type, titles.GetValueOrDefault(l.EntryId).Title, l.Quantity,
                Price(l.UnitMinor, order.Currency), Price(l.UnitMinor * l.Quantity, order.Currency))).ToList(),
            order.CreatedAt, order.ReservedUntil, order.PaidAt, order.UpdatedAt, order.PaymentReference, order.PaymentIntentId, invoice, payments, history,
            ActionsFor(order));
    }

    private static async Task<Dictionary<Guid, BuyerView>> BuyersAsync(UserManager<User> users, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await users.Users.AsNoTracking().Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new BuyerView(u.Id, u.Email, string.IsNullOrEmpty(u.DisplayName) ? null : u.DisplayName), ct);
    }

    /// <summary>Entry types and titles in the reader's language, from the draft channel so unpublished works are named too.</summary>
    private static async Task<Dictionary<Guid, (string? Type, string? Title)>> TitlesAsync(ContentReader reader, IEnumerable<Guid> ids, string locale, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        var items = await reader.GetManyAsync(wanted, locale, preview: true, ct);
        return items.ToDictionary(i => i.Key, i => (Type: (string?)i.Value.Type, Title: Title(i.Value)));
    }

    private static string? Title(ContentItem item)
    {
        if (JsonNode.Parse(item.FieldsJson) is not JsonObject fields)
        {
            return null;
        }
        foreach (var name in new[] { "title", "name" })
        {
            if (fields[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
            {
                return text;
            }
        }
        return null;
    }

    private static PriceView Price(long minor, string currency) => PriceView.Of(new Money(minor, currency));
}
