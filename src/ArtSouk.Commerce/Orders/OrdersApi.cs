using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Orders;

internal sealed record MarkPaidRequest(string? Reference);

internal sealed record RefundRequest(decimal? Amount);

/// <summary>The buyer's orders (their own only: anyone else's is a 404) and the administrators' transitions.</summary>
internal static class OrdersApi
{
    public static void MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/v1/orders").RequireAuthorization().WithTags("Commerce");
        mine.MapGet("/", ListAsync).WithSummary("The caller's orders, newest first");
        mine.MapGet("/{id:guid}", GetAsync).WithSummary("One of the caller's orders");
        mine.MapPost("/{id:guid}/cancel", CancelOwnAsync).WithSummary("Cancel one's own order while it waits for payment; the stock is released");

        // Curators run the order desk beside administrators: they confirm transfers, ship, cancel and refund.
        var manage = app.MapGroup("/api/v1/manage/orders").RequireAuthorization(p => p.RequireRole(Roles.Administrator, Roles.Curator)).WithTags("Commerce");
        manage.MapManageOrders();
        manage.MapPost("/{id:guid}/mark-paid", MarkPaidAsync).WithSummary("Confirm a bank transfer by its reference: the order is paid and a unique work sold");
        manage.MapPost("/{id:guid}/fulfil", (Guid id, HttpContext http, CommerceDbContext db, OrderTransitions t, CancellationToken ct) => MoveAsync(id, OrderStates.Fulfilled, http, db, t, ct))
            .WithSummary("The work was shipped or handed over");
        manage.MapPost("/{id:guid}/complete", (Guid id, HttpContext http, CommerceDbContext db, OrderTransitions t, CancellationToken ct) => MoveAsync(id, OrderStates.Completed, http, db, t, ct))
            .WithSummary("The buyer has the work");
        manage.MapPost("/{id:guid}/cancel", CancelAsync).WithSummary("Cancel an order waiting for payment");
        manage.MapPost("/{id:guid}/refund", RefundAsync).WithSummary("Refund all (no amount) or part of a paid order");
    }

    private static async Task<Results<Ok<OrderView[]>, ForbiddenProblem>> ListAsync(HttpContext http, CommerceDbContext db, CancellationToken ct)
    {
        if (Cart.Buyer(http) is not { } buyer)
        {
            return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request, "الطلبات لأصحاب الحسابات", "Orders belong to a person's account"));
        }
        var orders = await db.Orders.AsNoTracking().Where(o => o.BuyerId == buyer).OrderByDescending(o => o.CreatedAt).Take(200).ToListAsync(ct);
        return TypedResults.Ok(orders.Select(o => OrderView.Of(o)).ToArray());
    }

    private static async Task<Results<Ok<OrderView>, NotFoundProblem>> GetAsync(Guid id, HttpContext http, CommerceDbContext db, CancellationToken ct) =>
        await OwnAsync(id, http, db, ct) is { } order ? TypedResults.Ok(OrderView.Of(order)) : NoOrder(http, id);

    private static async Task<Results<Ok<OrderView>, NotFoundProblem, ConflictProblem>> CancelOwnAsync(
        Guid id, HttpContext http, CommerceDbContext db, OrderTransitions transitions, CancellationToken ct)
    {
        if (await OwnAsync(id, http, db, ct, tracked: true) is not { } order)
        {
            return NoOrder(http, id);
        }
        var problem = await transitions.CancelAsync(order, AuditActor.From(http.User), "buyer", ct);
        return problem is null ? TypedResults.Ok(OrderView.Of(order)) : Illegal(http, problem, order);
    }

    private static async Task<Results<Ok<OrderView>, BadRequestProblem, NotFoundProblem, ConflictProblem>> MarkPaidAsync(
        Guid id, MarkPaidRequest request, HttpContext http, CommerceDbContext db, OrderTransitions transitions, Invoices.InvoiceIssuer invoices, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reference) || request.Reference.Length > 100)
        {
            var message = Locales.Say(http.Request, "يلزم مرجع التحويل (حتى 100 حرف)", "the transfer's reference (up to 100 characters) is required");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["reference"] = [message] });
        }
        if (await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } order)
        {
            return NoOrder(http, id);
        }
        var problem = await transitions.MarkPaidAsync(order, request.Reference.Trim(), AuditActor.From(http.User), ct);
        if (problem is not null)
        {
            return Illegal(http, problem, order);
        }
        await invoices.EnsureAsync(order, ct);
        return TypedResults.Ok(OrderView.Of(order));
    }

    private static async Task<Results<Ok<OrderView>, NotFoundProblem, ConflictProblem>> MoveAsync(
        Guid id, string to, HttpContext http, CommerceDbContext db, OrderTransitions transitions, CancellationToken ct)
    {
        if (await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } order)
        {
            return NoOrder(http, id);
        }
        var problem = await transitions.MoveAsync(order, to, AuditActor.From(http.User), ct);
        return problem is null ? TypedResults.Ok(OrderView.Of(order)) : Illegal(http, problem, order, to);
    }

    private static async Task<Results<Ok<OrderView>, NotFoundProblem, ConflictProblem>> CancelAsync(
        Guid id, HttpContext http, CommerceDbContext db, OrderTransitions transitions, CancellationToken ct)
    {
        if (await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } order)
        {
            return NoOrder(http, id);
        }
        var problem = await transitions.CancelAsync(order, AuditActor.From(http.User), "administrator", ct);
        return problem is null ? TypedResults.Ok(OrderView.Of(order)) : Illegal(http, problem, order, OrderStates.Cancelled);
    }

    private static async Task<Results<Ok<OrderView>, BadRequestProblem, NotFoundProblem, ConflictProblem>> RefundAsync(
        Guid id, RefundRequest? request, HttpContext http, CommerceDbContext db, OrderTransitions transitions, Payments.IPaymentProvider payments, CancellationToken ct)
    {
        long? amount = null;
        if (request?.Amount is { } value)
        {
            if (!Money.TryFromDecimal(value, Money.Sar, out var money) || money.Minor == 0)
            {
                var message = Locales.Say(http.Request, "مبلغ الاسترداد موجب بخانتين عشريتين على الأكثر", "the refund amount is positive with at most two decimals");
                return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["amount"] = [message] });
            }
            amount = money.Minor;
        }
        if (await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct) is not { } order)
        {
            return NoOrder(http, id);
        }
        var problem = await transitions.RefundAsync(order, amount, AuditActor.From(http.User), ct, payments);
        if (problem == CommerceProblems.RefundFailed)
        {
            return new ConflictProblem(problem, Locales.Say(http.Request, "رفض مزوّد الدفع الاسترداد؛ لم يتغير الطلب", "The payment provider refused the refund; the order is unchanged"));
        }
        return problem is null ? TypedResults.Ok(OrderView.Of(order)) : Illegal(http, problem, order, OrderStates.Refunded);
    }

    /// <summary>The caller's own order; another person's is reported as missing, not forbidden, so ids reveal nothing.</summary>
    public static async Task<Order?> OwnAsync(Guid id, HttpContext http, CommerceDbContext db, CancellationToken ct, bool tracked = false)
    {
        if (Cart.Buyer(http) is not { } buyer)
        {
            return null;
        }
        var orders = tracked ? db.Orders : db.Orders.AsNoTracking();
        return await orders.SingleOrDefaultAsync(o => o.Id == id && o.BuyerId == buyer, ct);
    }

    public static NotFoundProblem NoOrder(HttpContext http, Guid id) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد طلب {id}", $"No order {id}."));

    private static ConflictProblem Illegal(HttpContext http, ProblemCode problem, Order order, string? to = null) => problem == CommerceProblems.IllegalTransition
        ? new ConflictProblem(problem, Locales.Say(http.Request, $"الطلب في حالة {order.State}؛ لا يمكن نقله إلى {to ?? OrderStates.Paid}",
            $"The order is {order.State}; it cannot become {to ?? OrderStates.Paid}"))
        : new ConflictProblem(problem, Locales.Say(http.Request, "انتهت مهلة الحجز وبيع العمل لمشترٍ آخر", "The hold expired and the work went to another buyer"));
}
