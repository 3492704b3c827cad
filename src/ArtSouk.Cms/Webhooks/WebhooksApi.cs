using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Webhooks;

internal sealed record CreateWebhookRequest(string? Name, string? Url, string[]? Events, string[]? Types);

internal sealed record WebhookView(Guid Id, string Name, string Url, IReadOnlyList<string> Events, IReadOnlyList<string> Types, DateTimeOffset CreatedAt, string? Secret = null)
{
    public static WebhookView Of(Webhook w, bool withSecret = false) =>
        new(w.Id, w.Name, w.Url, w.Events.Split(','), w.Types.Split(','), w.CreatedAt, withSecret ? w.Secret : null);
}

internal sealed record WebhookAttemptView(Guid Id, Guid DeliveryId, string Event, int? StatusCode, bool Succeeded, int DurationMs, string? Error,
    DateTimeOffset AttemptedAt, bool Replay)
{
    public static WebhookAttemptView Of(WebhookAttempt a) =>
        new(a.Id, a.MessageId, a.EventType, a.StatusCode, a.Succeeded, a.DurationMs, a.Error, a.AttemptedAt, a.Replay);
}

internal sealed record WebhookAttemptPage(IReadOnlyList<WebhookAttemptView> Items, string? Next);

internal static class WebhooksApi
{
    /// <summary>Entry events and media events: what a webhook may subscribe to.</summary>
    public static IReadOnlyList<string> Subscribable { get; } = [.. ContentEvents.All, .. Media.MediaEvents.All];

    public static void MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/webhooks").RequireAuthorization(Policies.Administer).WithTags("Webhooks");
        group.MapPost("/", CreateAsync).WithSummary("Subscribe a URL to content events; the signing secret is shown only in this response");
        group.MapGet("/", ListAsync).WithSummary("Webhooks, without their secrets");
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Remove a webhook");
        group.MapGet("/{id:guid}/deliveries", DeliveriesAsync)
            .WithSummary("The webhook's delivery log, newest first: each attempt's event, delivery id, HTTP status, duration and error");
        group.MapPost("/{id:guid}/deliveries/{attemptId:guid}/redeliver", RedeliverAsync)
            .WithSummary("Send the event of one logged attempt to this webhook again, now, with the same delivery id; answers the new attempt");
    }

    private static async Task<Results<Created<WebhookView>, BadRequestProblem>> CreateAsync(
        CreateWebhookRequest request, HttpContext http, CmsDbContext db, ContentTypeRegistry types, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        string Say(string arabic, string english) => Locales.Say(http.Request, arabic, english);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add("name", Say("يلزم اسم من 1 إلى 100 حرف", "a name of 1 to 100 characters is required"));
        }
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || request.Url!.Length > 500)
        {
            errors.Add("url", Say("يلزم رابط http(s) كامل لا يزيد على 500 حرف", "an absolute http(s) URL of at most 500 characters is required"));
        }
        var events = request.Events is { Length: > 0 } e ? e.Distinct().ToArray() : ["*"];
        if (events.Any(x => x != "*" && !Subscribable.Contains(x)))
        {
            var choices = string.Join(", ", Subscribable);
            errors.Add("events", Say($"الأحداث هي * أو أيٌّ من: {choices}", $"events are * or any of {choices}"));
        }
        var contentTypes = request.Types is { Length: > 0 } t ? t.Distinct().ToArray() : ["*"];
        if (contentTypes.Any(x => x != "*" && types.Find(x) is null))
        {
            var choices = string.Join(", ", types.All.Select(x => x.Name));
            errors.Add("types", Say($"الأنواع هي * أو أيٌّ من: {choices}", $"types are * or any of {choices}"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        var webhook = new Webhook
        {
            Name = request.Name!.Trim(), Url = request.Url!, Secret = Webhook.NewSecret(),
            Events = string.Join(',', events), Types = string.Join(',', contentTypes), CreatedAt = clock.GetUtcNow(),
        };
        db.Add(webhook);
        audit.Record(AuditActions.WebhookCreate, "webhook", webhook.Id.ToString(),
            [new AuditChange("name", null, null, webhook.Name), new AuditChange("url", null, null, webhook.Url),
             new AuditChange("events", null, null, webhook.Events), new AuditChange("types", null, null, webhook.Types)]);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/manage/webhooks/{webhook.Id}", WebhookView.Of(webhook, withSecret: true));
    }

    private static async Task<Ok<WebhookView[]>> ListAsync(CmsDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Webhook>().AsNoTracking().OrderBy(w => w.CreatedAt).ToListAsync(ct)).Select(w => WebhookView.Of(w)).ToArray());

    private static async Task<Results<NoContent, NotFoundProblem>> DeleteAsync(Guid id, HttpContext http, CmsDbContext db, AuditTrail audit, CancellationToken ct)
    {
        var webhook = await db.Set<Webhook>().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (webhook is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد خطاف ويب بالمعرّف {id}", $"No webhook {id}."));
        }
        db.Remove(webhook);
        audit.Record(AuditActions.WebhookDelete, "webhook", id.ToString(),
            [new AuditChange("name", null, webhook.Name, null), new AuditChange("url", null, webhook.Url, null)]);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<WebhookAttemptPage>, NotFoundProblem, BadRequestProblem>> DeliveriesAsync(
        Guid id, int? limit, string? cursor, HttpContext http, CmsDbContext db, CancellationToken ct)
    {
        if (!await db.Set<Webhook>().AnyAsync(w => w.Id == id, ct))
        {
            return NoSuchWebhook(http, id);
        }
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(http.Request)));
        }
        var rows = await db.Set<WebhookAttempt>().AsNoTracking().Where(a => a.WebhookId == id)
            .OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        return TypedResults.Ok(new WebhookAttemptPage(rows.Take(page.Size).Select(WebhookAttemptView.Of).ToList(), page.NextAfter(rows.Count)));
    }

    private static async Task<Results<Ok<WebhookAttemptView>, NotFoundProblem, ConflictProblem>> RedeliverAsync(
        Guid id, Guid attemptId, HttpContext http, CmsDbContext db, WebhookSender sender, CancellationToken ct)
    {
        var webhook = await db.Set<Webhook>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct);
        if (webhook is null)
        {
            return NoSuchWebhook(http, id);
        }
        var logged = await db.Set<WebhookAttempt>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == attemptId && a.WebhookId == id, ct);
        if (logged is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا توجد محاولة تسليم بالمعرّف {attemptId} لهذا الخطاف", $"No delivery {attemptId} of this webhook."));
        }
        var message = await db.Outbox.AsNoTracking().SingleOrDefaultAsync(m => m.Id == logged.MessageId, ct);
        if (message is null)
        {
            return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request,
                "لم يعد هذا الحدث محفوظًا في صندوق الصادر، فلا يمكن إعادة إرساله", "This event is no longer kept in the outbox, so it cannot be sent again."));
        }
        // Sent now, not queued: the operator pressed Replay to see whether the receiver takes it.
        var attempt = await sender.SendAsync(webhook, message, replay: true, ct);
        if (attempt.Succeeded && !await db.Set<WebhookDelivery>().AnyAsync(d => d.MessageId == message.Id && d.WebhookId == id, ct))
        {
            // A later outbox retry of this message then skips the webhook that now has it.
            db.Set<WebhookDelivery>().Add(new WebhookDelivery { MessageId = message.Id, WebhookId = id, Status = attempt.StatusCode!.Value, DeliveredAt = attempt.AttemptedAt });
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WebhookAttemptView.Of(attempt));
    }

    private static NotFoundProblem NoSuchWebhook(HttpContext http, Guid id) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد خطاف ويب بالمعرّف {id}", $"No webhook {id}."));
}
