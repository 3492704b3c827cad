using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Stripe;

namespace ArtSouk.Commerce.Payments;

/// <summary>A payment provider's event, recorded under a unique key in the transaction of the change it caused.</summary>
internal sealed class PaymentEvent
{
    public required string EventId { get; init; }
    public required string Provider { get; init; }
    public required string Type { get; init; }
    public Guid? OrderId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed record WebhookReceipt(bool Received, bool Duplicate, string? OrderState);

/// <summary>
/// <c>POST /api/v1/payments/stripe/webhook</c>. The signature is checked (300 s tolerance) before anything is read; the
/// event only says which PaymentIntent changed, and its current state is read back from Stripe, so events arriving late,
/// twice or out of order cannot move an order the wrong way. The event id is stored under a unique key in the same
/// transaction as the order's change: a replay finds it and changes nothing.
/// </summary>
internal static class StripeWebhook
{
    public const long ToleranceSeconds = 300;
    private const int MaxBody = 256 * 1024;

    public static void MapStripeWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/payments/stripe/webhook", ReceiveAsync).AllowAnonymous().WithTags("Commerce")
            .WithSummary("Stripe's payment notifications, verified by Stripe-Signature; each event takes effect once")
            .Accepts<object>("application/json");
    }

    private static async Task<Results<Ok<WebhookReceipt>, BadRequestProblem>> ReceiveAsync(
        HttpContext http, CommerceDbContext db, IPaymentProvider payments, OrderTransitions transitions, Invoices.InvoiceIssuer invoices,
        IOptions<CommerceOptions> options, TimeProvider clock, [FromServices] IEnumerable<IDepositNotices> deposits, CancellationToken ct)
    {
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        if (http.Request.ContentLength > MaxBody)
        {
            return Refused(http, Say("الإشعار أكبر من المسموح", "The notification is too large"));
        }
        using var reader = new StreamReader(http.Request.Body);
        var json = await reader.ReadToEndAsync(ct);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, http.Request.Headers["Stripe-Signature"].ToString(), options.Value.Stripe.WebhookSecret,
                ToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException)
        {
            return Refused(http, Say("توقيع Stripe-Signature مفقود أو غير صالح أو قديم", "Stripe-Signature is missing, not valid, or too old"));
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return Refused(http, Say("تعذّرت قراءة الإشعار", "The notification could not be read"));
        }
        if (await db.PaymentEvents.AsNoTracking().AnyAsync(e => e.EventId == stripeEvent.Id, ct))
        {
            return TypedResults.Ok(new WebhookReceipt(true, true, null));
        }
        var now = clock.GetUtcNow();
        var record = new PaymentEvent { EventId = stripeEvent.Id, Provider = "stripe", Type = stripeEvent.Type, ReceivedAt = now };
        if (stripeEvent.Data?.Object is not PaymentIntent notified)
        {
            return await RecordOnlyAsync(db, record, null, ct);
        }
        var current = await payments.ReadAsync(notified.Id, ct);
        var order = await db.Orders.SingleOrDefaultAsync(o => o.PaymentIntentId == current.Id, ct)
            ?? (current.OrderId is { } id ? await db.Orders.SingleOrDefaultAsync(o => o.Id == id, ct) : null);
        if (order is null)
        {
            // Not an order's payment: perhaps a deposit, whose module settles it (idempotently) before the event is recorded,
            // so a failure there leaves the event unrecorded and Stripe's retry tries again.
            var charge = new DepositCharge(current.Id, null, current.Status, current.Amount);
            foreach (var deposit in deposits)
            {
                await deposit.PaymentChangedAsync(charge, ct);
            }
            return await RecordOnlyAsync(db, record, null, ct);
        }
        var withOrder = new PaymentEvent { EventId = record.EventId, Provider = record.Provider, Type = record.Type, ReceivedAt = now, OrderId = order.Id };
        var actor = AuditActor.System("stripe-webhook");
        try
        {
            if (current.Succeeded && order.State == OrderStates.PendingPayment && current.Amount == order.TotalMinor)
            {
                order.PaymentIntentId ??= current.Id;
                var problem = await transitions.MarkPaidAsync(order, current.Id, actor, ct, _ =>
                {
                    db.PaymentEvents.Add(withOrder);
                    return Task.CompletedTask;
                });
                if (problem is null)
                {
                    await invoices.EnsureAsync(order, ct);
                    return TypedResults.Ok(new WebhookReceipt(true, false, order.State));
                }
                // Paid, but the held work went to someone else meanwhile: the order stays pending for an administrator to refund.
                db.ChangeTracker.Clear();
            }
            return await RecordOnlyAsync(db, withOrder, order.State, ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // The same event, delivered twice at once: the other delivery made the change.
            return TypedResults.Ok(new WebhookReceipt(true, true, null));
        }
    }

    private static async Task<Results<Ok<WebhookReceipt>, BadRequestProblem>> RecordOnlyAsync(CommerceDbContext db, PaymentEvent record, string? state, CancellationToken ct)
    {
        db.PaymentEvents.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new WebhookReceipt(true, false, state));
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return TypedResults.Ok(new WebhookReceipt(true, true, state));
        }
    }

    private static BadRequestProblem Refused(HttpContext http, string detail) => new(CommerceProblems.BadSignature, detail);
}
