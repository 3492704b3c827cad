using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Management;
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

namespace ArtSouk.Cms.Dashboard;

/// <summary>An entry as a dashboard line: enough to show it and link to its editor.</summary>
internal sealed record DashboardEntry(
    Guid Id, string Type, string? Title, int Version, DateTimeOffset UpdatedAt, DateTimeOffset? PublishAt, DateTimeOffset? UnpublishAt,
    int? ScheduledVersion, ScheduleFailureView? ScheduleFailure, ReviewView? Review);

/// <summary>Per locale, the required fields still empty and the fields whose other-locale value changed since.</summary>
internal sealed record TranslationGap(Guid Id, string Type, string? Title, IReadOnlyDictionary<string, LocaleGap> Locales);

internal sealed record LocaleGap(IReadOnlyList<string> Missing, IReadOnlyList<string> Outdated);

internal sealed record DashboardView(
    IReadOnlyList<DashboardEntry> MyDrafts,
    IReadOnlyList<DashboardEntry> InReview,
    IReadOnlyList<DashboardEntry> Scheduled,
    IReadOnlyList<DashboardEntry> ScheduleFailures,
    IReadOnlyList<TranslationGap> Translations,
    IReadOnlyList<AuditItem> RecentActivity);

/// <summary>
/// <c>GET /api/v1/manage/dashboard</c>: what an editor acts on first, within what they may touch: their drafts, saves
/// waiting for review, schedules (and those that failed), translations missing or outdated, recent activity.
/// </summary>
internal static class DashboardApi
{
    /// <summary>How many recently changed entries are checked for translation gaps: the dashboard shows current work, not an inventory.</summary>
    private const int TranslationWindow = 200;

    public static void MapDashboardApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/manage/dashboard").RequireAuthorization(Policies.ManageContent).WithTags("Dashboard")
            .MapGet("/", GetAsync).WithSummary("My drafts, waiting for review, scheduled and failed schedules, translation gaps, recent activity (up to limit each)");

    private static async Task<Results<Ok<DashboardView>, BadRequestProblem>> GetAsync(
        int? limit, HttpContext http, ContentTypeRegistry types, CmsDbContext db, IEnumerable<IAuditStore> audit, CancellationToken ct)
    {
        var size = limit ?? 10;
        if (size is < 1 or > 50)
        {
            return new BadRequestProblem(ProblemCode.BadQuery, Locales.Say(http.Request, "يجب أن يكون limit من 1 إلى 50", "limit must be 1..50"));
        }
        var rights = EditorialRights.Of(http.User);
        var locale = Locales.FromRequest(http.Request);
        var visible = new List<Guid>();
        var allTypes = true;
        var typeNames = types.All.Select(t => t.Name).Where(rights.MayAccessType).ToList();
        if (rights.IsOwner && !rights.IsFullEditor && !rights.IsMarketing)
        {
            // An owner's world is a handful of entries: resolve them once.
            allTypes = false;
            foreach (var type in typeNames)
            {
                visible.AddRange(await (await rights.VisibleAsync(db, type, db.Entries.AsNoTracking().Where(e => e.Type == type), ct)).Select(e => e.Id).ToListAsync(ct));
            }
        }
        var entries = db.Entries.AsNoTracking().Where(e => e.DeletedAt == null && typeNames.Contains(e.Type) && (allTypes || visible.Contains(e.Id)));
        var me = AuditActor.From(http.User).UserId;

        var myDrafts = await LinesAsync(db, types, locale,
            entries.Where(e => e.UpdatedBy == me && !db.Publications.Any(p => p.EntryId == e.Id)).OrderByDescending(e => e.UpdatedAt).Take(size), ct);
        var inReview = await LinesAsync(db, types, locale,
            entries.Where(e => e.ReviewState == ReviewStates.InReview).OrderBy(e => e.ReviewAt).Take(size), ct);
        var scheduled = await LinesAsync(db, types, locale,
            entries.Where(e => e.PublishAt != null || e.UnpublishAt != null).OrderBy(e => e.PublishAt ?? e.UnpublishAt).Take(size), ct);
        var failures = await LinesAsync(db, types, locale,
            entries.Where(e => e.ScheduleFailedAt != null).OrderByDescending(e => e.ScheduleFailedAt).Take(size), ct);

        var recent = await entries.OrderByDescending(e => e.UpdatedAt).Take(TranslationWindow)
            .Join(db.Versions, e => new { e.Id, e.Version }, v => new { Id = v.EntryId, Version = v.Number }, (e, v) => new { e.Id, e.Type, v.Fields, v.Edits })
            .ToListAsync(ct);
        var translations = new List<TranslationGap>();
        foreach (var row in recent)
        {
            if (types.Find(row.Type) is not { } type)
            {
                continue;
            }
            var fields = JsonNode.Parse(row.Fields)!.AsObject();
            var edits = JsonNode.Parse(row.Edits)!.AsObject();
            var gaps = Locales.All.ToDictionary(l => l, l => new LocaleGap(TranslationStatus.Missing(type, fields, l), TranslationStatus.Outdated(type, fields, edits, l)));
            if (gaps.Values.Any(g => g.Missing.Count > 0 || g.Outdated.Count > 0))
            {
                translations.Add(new TranslationGap(row.Id, row.Type, Title(type, fields, locale), gaps));
                if (translations.Count == size)
                {
                    break;
                }
            }
        }

        // Administrators see everything; curators what happened to entries; everyone else what they did themselves.
        var query = http.User.IsInRole(Roles.Administrator) ? new AuditQuery(null, null, null, null, null, null, size)
            : http.User.IsInRole(Roles.Curator) ? new AuditQuery(null, null, AuditApi.EntryActions, null, null, null, size)
            : new AuditQuery(null, me ?? "-", null, null, null, null, size);
        var activity = new List<AuditEntry>();
        foreach (var store in audit)
        {
            activity.AddRange((await store.ListAsync(query, ct)).Select(r => new AuditEntry(r, store.ModuleName)));
        }
        var recentActivity = activity.OrderByDescending(a => a.Record.At).ThenByDescending(a => a.Record.Id).Take(size)
            .Select(a => new AuditItem($"{a.Module}:{a.Record.Id}", a.Module, a.Record.At, a.Record.UserId, a.Record.UserName, a.Record.Action,
                a.Record.EntityType, a.Record.EntityId, a.Record.Changes is null ? null : JsonNode.Parse(a.Record.Changes)))
            .ToList();

        return TypedResults.Ok(new DashboardView(myDrafts, inReview, scheduled, failures, translations, recentActivity));
    }

    private static async Task<List<DashboardEntry>> LinesAsync(CmsDbContext db, ContentTypeRegistry types, string locale, IQueryable<Entry> query, CancellationToken ct)
    {
        var rows = await query
            .Join(db.Versions, e => new { e.Id, e.Version }, v => new { Id = v.EntryId, Version = v.Number }, (e, v) => new { Entry = e, v.Fields })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var e = r.Entry;
            return new DashboardEntry(e.Id, e.Type, types.Find(e.Type) is { } type ? Title(type, JsonNode.Parse(r.Fields)!.AsObject(), locale) : null,
                e.Version, e.UpdatedAt, e.PublishAt, e.UnpublishAt, e.PublishAt is null ? null : e.ScheduledVersion ?? e.Version,
                e.ScheduleFailedAt is { } at ? new ScheduleFailureView(at, e.ScheduleFailure ?? "") : null,
                e.ReviewState is { } state ? new ReviewView(state, e.ReviewComment, e.ReviewBy, e.ReviewAt, e.ReviewVersion ?? e.Version) : null);
        }).ToList();
    }

    private static string? Title(ContentType type, JsonObject fields, string locale) => fields[type.TitleField] switch
    {
        JsonObject perLocale => (perLocale[locale] ?? perLocale[Locales.Other(locale)])?.ToString(),
        JsonValue value => value.ToString(),
        _ => null,
    };
}
