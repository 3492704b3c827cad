using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
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

internal static class WebhooksApi
{
    public static void MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/webhooks").RequireAuthorization(Policies.Administer).WithTags("Webhooks");
        group.MapPost("/", CreateAsync).WithSummary("Subscribe a URL to content events; the signing secret is shown only in this response");
        group.MapGet("/", ListAsync).WithSummary("Webhooks, without their secrets");
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Remove a webhook");
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
        if (events.Any(x => x != "*" && !ContentEvents.All.Contains(x)))
        {
            var choices = string.Join(", ", ContentEvents.All);
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
}
