using System.Text.Json.Nodes;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Kernel.Audit;

public sealed record AuditItem(string Id, string Module, DateTimeOffset At, string? UserId, string? UserName, string Action,
    string EntityType, string EntityId, JsonNode? Changes);

public sealed record AuditPage(IReadOnlyList<AuditItem> Items, string? Next);

/// <summary>
/// The audit log of every module, merged newest first: <c>/api/v1/manage/audit</c>. Administrators read all of it;
/// curators the history of entries, which is theirs to answer for.
/// </summary>
public static class AuditApi
{
    /// <summary>Actions on entries start with this; the only part of the log curators read.</summary>
    public const string EntryActions = "entry.";

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/v1/manage/audit").RequireAuthorization(Policies.ManageContent).WithTags("Audit")
            .MapGet("/", ListAsync)
            .WithSummary("Who changed what and when, newest first: filter by entryId (any entity id), userId, from, to; keyset cursor");
        return app;
    }

    private static async Task<Results<Ok<AuditPage>, BadRequestProblem, ForbiddenProblem>> ListAsync(
        string? entryId, string? userId, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor,
        HttpContext http, IEnumerable<IAuditStore> stores, CancellationToken ct)
    {
        string? prefix = null;
        if (!http.User.IsInRole(Roles.Administrator))
        {
            if (!http.User.IsInRole(Roles.Curator))
            {
                return new ForbiddenProblem(ProblemCode.Forbidden, Locales.Say(http.Request,
                    "سجل التدقيق للمديرين والقيّمين فقط", "The audit log is for administrators and curators"));
            }
            prefix = EntryActions;
        }
        var size = limit ?? 50;
        if (size is < 1 or > 200 || !AuditPosition.TryDecode(cursor, out var after))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, Locales.Say(http.Request,
                "يجب أن يكون limit من 1 إلى 200 وcursor قيمة next من صفحة سابقة", "limit must be 1..200 and cursor the 'next' value of a previous page"));
        }
        var query = new AuditQuery(entryId, userId, prefix, from?.ToUniversalTime(), to?.ToUniversalTime(), after, size + 1);
        var rows = new List<AuditEntry>();
        foreach (var store in stores)
        {
            rows.AddRange((await store.ListAsync(query, ct)).Select(r => new AuditEntry(r, store.ModuleName)));
        }
        var page = rows.OrderByDescending(r => r.Record.At).ThenBy(r => r.Module, StringComparer.Ordinal).ThenByDescending(r => r.Record.Id)
            .Take(size + 1).ToList();
        var next = page.Count > size ? new AuditPosition(page[size - 1].Record.At.UtcTicks, page[size - 1].Module, page[size - 1].Record.Id).Encode() : null;
        var items = page.Take(size).Select(r => new AuditItem($"{r.Module}:{r.Record.Id}", r.Module, r.Record.At, r.Record.UserId, r.Record.UserName,
            r.Record.Action, r.Record.EntityType, r.Record.EntityId, r.Record.Changes is null ? null : JsonNode.Parse(r.Record.Changes))).ToList();
        return TypedResults.Ok(new AuditPage(items, next));
    }
}
