using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Results<> takes at most six outcomes; a save has seven (200, 202 and five problems), so two of them share one slot.
using SaveRefusal = Microsoft.AspNetCore.Http.HttpResults.Results<ArtSouk.Kernel.Problems.UnprocessableProblem, ArtSouk.Kernel.Problems.ForbiddenProblem>;

namespace ArtSouk.Cms.Management;

/// <summary>
/// The body of a create or update: <c>{ slug?, fields, publish?, locales?, publishAt?, unpublishAt?, version? }</c>;
/// a schedule sent as <c>null</c> is cleared, one left out stays.
/// </summary>
internal sealed record EntryWriteRequest(
    JsonObject? Slug,
    JsonObject? Fields,
    bool? Publish,
    string[]? Locales,
    Settable<DateTimeOffset?> PublishAt,
    Settable<DateTimeOffset?> UnpublishAt,
    int? Version,
    string? Note)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }

    /// <summary>An owner's save keeps only its fields: publishing and schedules are the curator's, after review.</summary>
    public EntryWrite ToWrite(bool forReview) => forReview
        ? new(Fields, null, ExpectedVersion: Version, Note: Note, ForReview: true)
        : new(Fields, Slug, Publish ?? false, Locales, PublishAt, UnpublishAt, Version, Note);
}

internal sealed record LocalesRequest(string[]? Locales);

internal sealed record PreviewLinkRequest(string? Locale);

internal sealed record EntryPage(IReadOnlyList<EntryView> Items, string? Next);

internal sealed record VersionSummary(int Number, DateTimeOffset CreatedAt, string? Author, string? Note);

internal sealed record FieldChange(string Field, string? Locale, JsonNode? Before, JsonNode? After);

/// <summary>Editors' and integrations' API over entries: <c>/api/v1/manage/content/{type}</c>.</summary>
internal static class ManageContentApi
{
    private static readonly string[] OwnerFields = ["artist", "gallery"];
    private static readonly string[] NotAProperty = ["is not a property of an entry write; fields go under \"fields\""];

    public static void MapManageContentApi(this IEndpointRouteBuilder app)
    {
        // Who may do what beyond opening the API (types, own entries, review) is EditorialRights' call in each handler.
        var group = app.MapGroup("/api/v1/manage/content/{type}")
            .RequireAuthorization(Policies.ManageContent)
            .WithTags("Manage content");

        group.MapGet("/", ListAsync).WithSummary("Entries of a type for editors, newest first: drafts included, with per-locale status");
        group.MapPost("/", CreateAsync).WithSummary("Create an entry (optionally publishing it)");
        group.MapGet("/{id:guid}", GetAsync).WithSummary("An entry with all locales and translation status");
        group.MapPut("/{id:guid}", UpdateAsync).WithSummary("Save a new version; fields present replace stored values per locale");
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Move an entry to the trash (409 while other entries refer to it)");
        group.MapPost("/{id:guid}/publish", PublishAsync).WithSummary("Publish the working draft in some or all locales");
        group.MapPost("/{id:guid}/unpublish", UnpublishAsync).WithSummary("Take the entry offline in some or all locales");
        group.MapGet("/{id:guid}/versions", VersionsAsync).WithSummary("The version history, newest first");
        group.MapPost("/{id:guid}/versions/{number:int}/restore", RestoreAsync).WithSummary("Restore a version as a new version");
        group.MapGet("/{id:guid}/diff", DiffAsync).WithSummary("Per-field differences between two versions");
        group.MapPost("/{id:guid}/preview-link", PreviewLinkAsync).WithSummary("A signed, expiring link to the entry's draft on the public site, in one locale");
        group.MapPost("/{id:guid}/review", Review.ReviewEntry.DecideAsync).WithSummary("Approve (publishes the reviewed version) or reject (with a comment) an owner's save waiting for review");
    }

    /// <summary>
    /// <c>status</c>: draft (live in no locale), published (live in some locale), scheduled (a pending publishAt or
    /// unpublishAt), in_review (an owner's save waiting for a curator), rejected, schedule_failed (a schedule that could not run).
    /// <c>q</c>: words of the title in either locale, matched against the entry's slugs (made from the title).
    /// <c>sort</c>: <c>-created</c> (default), <c>created</c>, <c>-updated</c>, <c>updated</c>.
    /// </summary>
    private static async Task<Results<Ok<EntryPage>, BadRequestProblem, NotFoundProblem, ForbiddenProblem>> ListAsync(
        string type, int? limit, string? cursor, string? status, string? q, string? sort, HttpContext http, ContentTypeRegistry types, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        var rights = EditorialRights.Of(http.User);
        if (!rights.MayAccessType(type))
        {
            return EditorialRights.Refusal(http, type);
        }
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(http.Request)));
        }
        var entries = await rights.VisibleAsync(db, type, db.Entries.AsNoTracking().Where(e => e.Type == type && e.DeletedAt == null), ct);
        var query = status switch
        {
            null => entries,
            "draft" => entries.Where(e => !db.Publications.Any(p => p.EntryId == e.Id)),
            "published" => entries.Where(e => db.Publications.Any(p => p.EntryId == e.Id)),
            "scheduled" => entries.Where(e => e.PublishAt != null || e.UnpublishAt != null),
            ReviewStates.InReview => entries.Where(e => e.ReviewState == ReviewStates.InReview),
            ReviewStates.Rejected => entries.Where(e => e.ReviewState == ReviewStates.Rejected),
            "schedule_failed" => entries.Where(e => e.ScheduleFailedAt != null),
            _ => null,
        };
        if (query is null)
        {
            return new BadRequestProblem(ProblemCode.BadQuery, Locales.Say(http.Request,
                "الحالة status يجب أن تكون draft أو published أو scheduled أو in_review أو rejected أو schedule_failed",
                "status must be draft, published, scheduled, in_review, rejected or schedule_failed"));
        }
        if (ListSearch.Words(q) is { } words)
        {
            foreach (var word in words)
            {
                query = query.Where(e => db.Slugs.Any(s => s.EntryId == e.Id && s.Value.Contains(word)));
            }
        }
        IQueryable<Entry>? ordered = sort switch
        {
            null or "" or "-created" => query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id),
            "created" => query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id),
            "-updated" => query.OrderByDescending(e => e.UpdatedAt).ThenByDescending(e => e.Id),
            "updated" => query.OrderBy(e => e.UpdatedAt).ThenBy(e => e.Id),
            _ => null,
        };
        if (ordered is null)
        {
            return new BadRequestProblem(ProblemCode.BadQuery, Locales.Say(http.Request, "الترتيب sort يجب أن يكون -created أو created أو -updated أو updated", "sort must be -created, created, -updated or updated"));
        }
        var views = await EntryView.LoadManyAsync(db, contentType, ordered.Skip(page.Skip).Take(page.Take), ct);
        return TypedResults.Ok(new EntryPage(views.Take(page.Size).ToList(), page.NextAfter(views.Count)));
    }

    private static async Task<Results<Created<EntryView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem, ForbiddenProblem>> CreateAsync(
        string type, EntryWriteRequest request, HttpContext http, ContentTypeRegistry types, EntryEditor editor, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        var rights = EditorialRights.Of(http.User);
        if (!rights.MayCreate(type, request.Fields))
        {
            return rights.MayAccessType(type) ? EditorialRights.CreateRefusal(http, type) : EditorialRights.Refusal(http, type);
        }
        if (CheckRequest(http, request) is { } invalid)
        {
            return invalid;
        }
        try
        {
            var entry = await editor.CreateAsync(contentType, request.ToWrite(rights.SavesWaitForReview), Author(http), Locales.FromRequest(http.Request), ct);
            var view = await EntryView.LoadAsync(db, contentType, entry.Id, ct);
            return TypedResults.Created($"/api/v1/manage/content/{type}/{entry.Id}", view);
        }
        catch (EditRejected rejected)
        {
            return Problem(http, rejected) switch
            {
                BadRequestProblem p => p,
                ConflictProblem p => p,
                UnprocessableProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    private static async Task<Results<Ok<EntryView>, NotFoundProblem, ForbiddenProblem>> GetAsync(
        string type, Guid id, HttpContext http, ContentTypeRegistry types, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        if (await CheckEntryAsync(http, db, type, id, ct) is { } refused)
        {
            return refused switch
            {
                NotFoundProblem p => p,
                ForbiddenProblem p => p,
                var p => throw p.Undeclared(),
            };
        }
        return TypedResults.Ok(await EntryView.LoadAsync(db, contentType, id, ct));
    }

    /// <summary>
    /// An artist's or gallery's save answers 202 Accepted with <c>review.state = in_review</c>: stored, not live, until a
    /// curator decides; everyone else's answers 200.
    /// </summary>
    private static async Task<Results<Ok<EntryView>, Accepted<EntryView>, BadRequestProblem, NotFoundProblem, ConflictProblem, SaveRefusal>> UpdateAsync(
        string type, Guid id, EntryWriteRequest request, HttpContext http, ContentTypeRegistry types, EntryEditor editor, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        if (await CheckEntryAsync(http, db, type, id, ct) is { } refused)
        {
            return refused switch
            {
                NotFoundProblem p => p,
                ForbiddenProblem p => (SaveRefusal)p,
                var p => throw p.Undeclared(),
            };
        }
        var rights = EditorialRights.Of(http.User);
        if (rights.SavesWaitForReview && type == EditorialRights.OwnedType && !await StaysOwnedAsync(rights, db, id, request.Fields, ct))
        {
            return (SaveRefusal)EditorialRights.EntryRefusal(http, type, id);
        }
        if (CheckRequest(http, request) is { } invalid)
        {
            return invalid;
        }
        try
        {
            await editor.UpdateAsync(contentType, id, request.ToWrite(rights.SavesWaitForReview), Author(http), Locales.FromRequest(http.Request), ct);
            var view = await EntryView.LoadAsync(db, contentType, id, ct);
            if (rights.SavesWaitForReview)
            {
                return TypedResults.Accepted($"/api/v1/manage/content/{type}/{id}", view);
            }
            return TypedResults.Ok(view);
        }
        catch (EditRejected rejected)
        {
            return Problem(http, rejected) switch
            {
                BadRequestProblem p => p,
                NotFoundProblem p => p,
                ConflictProblem p => p,
                UnprocessableProblem p => (SaveRefusal)p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    /// <summary>Moves the entry to the trash; refused (409, naming them) while other entries refer to it.</summary>
    private static async Task<Results<NoContent, NotFoundProblem, ConflictProblem, ForbiddenProblem>> DeleteAsync(
        string type, Guid id, HttpContext http, ContentTypeRegistry types, Trash.EntryTrash trash, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        if (!EditorialRights.Of(http.User).MayPublishType(type))
        {
            return EditorialRights.ActionRefusal(http, type);
        }
        try
        {
            await trash.MoveAsync(contentType, id, Locales.FromRequest(http.Request), ct);
            return TypedResults.NoContent();
        }
        catch (EditRejected rejected)
        {
            return Problem(http, rejected) switch
            {
                NotFoundProblem p => p,
                ConflictProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    private static async Task<Results<Ok<EntryView>, BadRequestProblem, NotFoundProblem, ConflictProblem, UnprocessableProblem, ForbiddenProblem>> PublishAsync(
        string type, Guid id, LocalesRequest? request, HttpContext http, ContentTypeRegistry types, EntryEditor editor, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        if (!EditorialRights.Of(http.User).MayPublishType(type))
        {
            return EditorialRights.ActionRefusal(http, type);
        }
        try
        {
            await editor.PublishAsync(contentType, id, request?.Locales, Locales.FromRequest(http.Request), ct);
            return TypedResults.Ok(await EntryView.LoadAsync(db, contentType, id, ct));
        }
        catch (EditRejected rejected)
        {
            return Problem(http, rejected) switch
            {
                BadRequestProblem p => p,
                NotFoundProblem p => p,
                ConflictProblem p => p,
                UnprocessableProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    private static async Task<Results<Ok<EntryView>, BadRequestProblem, NotFoundProblem, ConflictProblem, ForbiddenProblem>> UnpublishAsync(
        string type, Guid id, LocalesRequest? request, HttpContext http, ContentTypeRegistry types, EntryEditor editor, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        if (!EditorialRights.Of(http.User).MayPublishType(type))
        {
            return EditorialRights.ActionRefusal(http, type);
        }
        try
        {
            await editor.UnpublishAsync(contentType, id, request?.Locales, ct);
            return TypedResults.Ok(await EntryView.LoadAsync(db, contentType, id, ct));
        }
        catch (EditRejected rejected)
        {
            return Problem(http, rejected) switch
            {
                BadRequestProblem p => p,
                NotFoundProblem p => p,
                ConflictProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    private static async Task<Results<Ok<VersionSummary[]>, NotFoundProblem, ForbiddenProblem>> VersionsAsync(
        string type, Guid id, HttpContext http, ContentTypeRegistry types, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is null)
        {
            return UnknownType(http, type);
        }
        if (await CheckEntryAsync(http, db, type, id, ct) is { } refused)
        {
            return refused switch
            {
                NotFoundProblem p => p,
                ForbiddenProblem p => p,
                var p => throw p.Undeclared(),
            };
        }
        var versions = await db.Versions.AsNoTracking().Where(v => v.EntryId == id)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionSummary(v.Number, v.CreatedAt, v.Author, v.Note))
            .ToArrayAsync(ct);
        return TypedResults.Ok(versions);
    }

    private static async Task<Results<Ok<EntryView>, NotFoundProblem, ConflictProblem, ForbiddenProblem>> RestoreAsync(
        string type, Guid id, int number, HttpContext http, ContentTypeRegistry types, EntryEditor editor, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        if (!EditorialRights.Of(http.User).MayPublishType(type))
        {
            return EditorialRights.ActionRefusal(http, type);
        }
        try
        {
            await editor.RestoreAsync(contentType, id, number, Author(http), ct);
            return TypedResults.Ok(await EntryView.LoadAsync(db, contentType, id, ct));
        }
        catch (EditRejected rejected)
        {
            return Problem(http, rejected) switch
            {
                NotFoundProblem p => p,
                ConflictProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    private static async Task<Results<Ok<FieldChange[]>, NotFoundProblem, ForbiddenProblem>> DiffAsync(
        string type, Guid id, int from, int to, HttpContext http, ContentTypeRegistry types, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return UnknownType(http, type);
        }
        if (await CheckEntryAsync(http, db, type, id, ct) is { } refused)
        {
            return refused switch
            {
                NotFoundProblem p => p,
                ForbiddenProblem p => p,
                var p => throw p.Undeclared(),
            };
        }
        var versions = await db.Versions.AsNoTracking().Where(v => v.EntryId == id && (v.Number == from || v.Number == to)).ToListAsync(ct);
        if (versions.SingleOrDefault(v => v.Number == from) is not { } before)
        {
            return NoVersion(http, from);
        }
        if (versions.SingleOrDefault(v => v.Number == to) is not { } after)
        {
            return NoVersion(http, to);
        }
        return TypedResults.Ok(VersionDiff.Compare(contentType, JsonNode.Parse(before.Fields)!.AsObject(), JsonNode.Parse(after.Fields)!.AsObject()).ToArray());
    }

    private static Task<bool> ExistsAsync(CmsDbContext db, string type, Guid id, CancellationToken ct) =>
        db.Entries.AnyAsync(e => e.Id == id && e.Type == type && e.DeletedAt == null, ct);

    /// <summary>404 for an entry that is not there (or in the trash), 403 for one the caller may not touch, else null.</summary>
    private static async Task<ApiProblemResult?> CheckEntryAsync(HttpContext http, CmsDbContext db, string type, Guid id, CancellationToken ct)
    {
        var rights = EditorialRights.Of(http.User);
        if (!rights.MayAccessType(type))
        {
            return EditorialRights.Refusal(http, type);
        }
        if (!await ExistsAsync(db, type, id, ct))
        {
            return NoEntry(http, type, id);
        }
        return await rights.MayEditAsync(db, type, id, ct) ? null : EditorialRights.EntryRefusal(http, type, id);
    }

    /// <summary>An owner may not hand its artwork to another artist or gallery: the write must keep a reference to it.</summary>
    private static async Task<bool> StaysOwnedAsync(EditorialRights rights, CmsDbContext db, Guid id, JsonObject? write, CancellationToken ct)
    {
        if (write is null || !write.ContainsKey("artist") && !write.ContainsKey("gallery"))
        {
            return true;
        }
        var stored = await db.Entries.AsNoTracking().Where(e => e.Id == id)
            .Join(db.Versions, e => new { e.Id, e.Version }, v => new { Id = v.EntryId, Version = v.Number }, (e, v) => v.Fields)
            .SingleAsync(ct);
        var merged = JsonNode.Parse(stored)!.AsObject();
        foreach (var key in OwnerFields.Where(write.ContainsKey))
        {
            merged[key] = write[key]?.DeepClone();
        }
        return rights.Owns(merged);
    }

    /// <summary>Whoever may read the entry here may preview it on the site; the link itself carries no rights beyond that draft.</summary>
    private static async Task<Results<Ok<PreviewLink>, BadRequestProblem, NotFoundProblem, ForbiddenProblem>> PreviewLinkAsync(
        string type, Guid id, PreviewLinkRequest? request, HttpContext http, ContentTypeRegistry types, CmsDbContext db, CancellationToken ct)
    {
        if (types.Find(type) is null)
        {
            return UnknownType(http, type);
        }
        var locale = request?.Locale ?? Locales.Default;
        if (!Locales.IsSupported(locale))
        {
            var message = Locales.Say(http.Request, "اللغة يجب أن تكون ar أو en", "locale must be ar or en");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["locale"] = [message] });
        }
        if (await CheckEntryAsync(http, db, type, id, ct) is { } refused)
        {
            return refused switch
            {
                NotFoundProblem p => p,
                ForbiddenProblem p => p,
                var p => throw p.Undeclared(),
            };
        }
        if (http.RequestServices.GetService<IPreviewLinks>() is not { } links)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, "لا يوجد موقع عام لمعاينة المسودات", "There is no public site to preview drafts on."));
        }
        return TypedResults.Ok(links.Create(type, id, locale));
    }

    internal static NotFoundProblem UnknownType(HttpContext http, string type) =>
        new(ProblemCode.UnknownContentType, Locales.Say(http.Request, $"«{type}» ليس نوع محتوى", $"'{type}' is not a content type."));

    internal static NotFoundProblem NoEntry(HttpContext http, string type, Guid id) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد {type} بالمعرّف {id}", $"No {type} with id {id}."));

    private static NotFoundProblem NoVersion(HttpContext http, int number) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"النسخة {number} غير موجودة", $"Version {number} does not exist."));

    private static BadRequestProblem? CheckRequest(HttpContext http, EntryWriteRequest request)
    {
        if (request.Note is { Length: > 500 })
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, Locales.Say(http.Request, "يجب ألا تزيد الملاحظة على 500 حرف", "note must be at most 500 characters"),
                new Dictionary<string, string[]> { ["note"] = ["must be at most 500 characters"] });
        }
        if (request.Unknown is { Count: > 0 } unknown)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed,
                Locales.Say(http.Request, $"خصائص غير معروفة: {string.Join("، ", unknown.Keys)}", $"Unknown properties: {string.Join(", ", unknown.Keys)}"),
                unknown.Keys.ToDictionary(k => k, _ => NotAProperty));
        }
        return null;
    }

    /// <summary>
    /// The editor refuses an edit by throwing <see cref="EditRejected"/>; this is its problem, which each handler narrows
    /// to the statuses its return type declares.
    /// </summary>
    internal static ApiProblemResult Problem(HttpContext http, EditRejected rejected) =>
        ApiProblemResult.Of(rejected.Code, rejected.DetailIn(Locales.FromRequest(http.Request)), rejected.Errors);


    internal static string? Author(HttpContext http) => http.User.Identity?.Name is { } name && name.Length > 100 ? name[..100] : http.User.Identity?.Name;
}

internal static class VersionDiff
{
    public static IEnumerable<FieldChange> Compare(ContentType type, JsonObject before, JsonObject after)
    {
        foreach (var field in type.Fields)
        {
            if (field.Localized)
            {
                foreach (var locale in Locales.All)
                {
                    var a = (before[field.Name] as JsonObject)?[locale];
                    var b = (after[field.Name] as JsonObject)?[locale];
                    if (!JsonNode.DeepEquals(a, b))
                    {
                        yield return new FieldChange(field.Name, locale, a?.DeepClone(), b?.DeepClone());
                    }
                }
            }
            else if (!JsonNode.DeepEquals(before[field.Name], after[field.Name]))
            {
                yield return new FieldChange(field.Name, null, before[field.Name]?.DeepClone(), after[field.Name]?.DeepClone());
            }
        }
    }
}

/// <summary>A list search turned into slug fragments: slugs are the title, lower-cased, with hyphens for spaces.</summary>
internal static class ListSearch
{
    public static string[]? Words(string? q) =>
        string.IsNullOrWhiteSpace(q)
            ? null
            : q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Slugs.Slug.Normalize).Where(w => w.Length > 0).Take(5).ToArray() is { Length: > 0 } words ? words : [q.Trim()];
}
