using System.Text.Json.Nodes;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Kernel.Outbox;

public sealed record OutboxMessageView(
    Guid Id, string Module, string Type, string? Key, string State, DateTimeOffset OccurredAt, int Attempts, string? LastError,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? ProcessedAt, DateTimeOffset? FailedAt, JsonNode? Payload)
{
    public static OutboxMessageView Of(OutboxEntry e) => new(e.Id, e.Module, e.Type, e.Key, e.State, e.OccurredAt, e.Attempts,
        e.LastError, e.NextAttemptAt, e.ProcessedAt, e.FailedAt, JsonNode.Parse(e.Payload));
}

public sealed record OutboxPage(IReadOnlyList<OutboxMessageView> Items, string? Next);

public sealed record RedeliverResponse(Guid Id, string State);

/// <summary>Operators' view of the outboxes of all modules: <c>/api/v1/manage/outbox</c>, administrators only.</summary>
public static class OutboxApi
{
    public static IEndpointRouteBuilder MapOutboxApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/v1/manage/outbox").RequireAuthorization(Policies.Administer).WithTags("Outbox");
        group.MapGet("/", ListAsync)
            .WithSummary("Outbox messages of every module, newest first; state=failed lists those that used up their attempts, with the last error");
        group.MapPost("/{id:guid}/redeliver", RedeliverAsync)
            .WithSummary("Queue a failed (or backing-off) message for delivery now, with a fresh set of attempts; handlers that already have it are skipped");
        return app;
    }

    private static async Task<Results<Ok<OutboxPage>, BadRequestProblem>> ListAsync(
        string? state, int? limit, string? cursor, HttpContext http, IEnumerable<IOutboxStore> stores, CancellationToken ct)
    {
        var english = Locales.FromRequest(http.Request) == Locales.English;
        OutboxState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<OutboxState>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
            {
                return new BadRequestProblem(ProblemCode.BadQuery, english ? "state must be pending, failed or delivered" : "يجب أن تكون state إحدى القيم pending أو failed أو delivered",
                    new Dictionary<string, string[]> { ["state"] = ["pending | failed | delivered"] });
            }
            wanted = parsed;
        }
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(http.Request)));
        }
        // Each module's outbox is its own table: take enough of each to fill this page, then merge by time.
        var rows = new List<OutboxEntry>();
        foreach (var store in stores)
        {
            rows.AddRange(await store.ListAsync(wanted, 0, page.Skip + page.Take, ct));
        }
        var merged = rows.OrderByDescending(r => r.OccurredAt).ThenBy(r => r.Module, StringComparer.Ordinal).Skip(page.Skip).Take(page.Take).ToList();
        return TypedResults.Ok(new OutboxPage(merged.Take(page.Size).Select(OutboxMessageView.Of).ToList(), page.NextAfter(merged.Count)));
    }

    private static async Task<Results<Accepted<RedeliverResponse>, NotFoundProblem, ConflictProblem>> RedeliverAsync(
        Guid id, HttpContext http, IEnumerable<IOutboxStore> stores, CancellationToken ct)
    {
        var english = Locales.FromRequest(http.Request) == Locales.English;
        foreach (var store in stores)
        {
            switch (await store.RedeliverAsync(id, ct))
            {
                case RedeliverOutcome.Queued:
                    return TypedResults.Accepted("/api/v1/manage/outbox?state=pending", new RedeliverResponse(id, "pending"));
                case RedeliverOutcome.AlreadyDelivered:
                    return new ConflictProblem(ProblemCode.Conflict, english ? "This message was already delivered to every handler." : "سُلّمت هذه الرسالة بالفعل إلى جميع المعالجات");
            }
        }
        return new NotFoundProblem(ProblemCode.NotFound, english ? $"No outbox message with id {id}." : $"لا توجد رسالة في صندوق الصادر بالمعرّف {id}");
    }
}
