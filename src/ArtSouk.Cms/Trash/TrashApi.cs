using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Management;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Trash;

internal sealed record TrashedEntry(Guid Id, string Type, string? Title, JsonObject Slug, DateTimeOffset DeletedAt, string? DeletedBy);

internal sealed record TrashPage(IReadOnlyList<TrashedEntry> Items, string? Next);

internal sealed record EmptiedTrash(int Deleted);

/// <summary>
/// <c>/api/v1/manage/trash</c>: editors list and restore what they deleted (per the types they may publish);
/// administrators empty it.
/// </summary>
internal static class TrashApi
{
    public static void MapTrashApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/trash").RequireAuthorization(Policies.ManageContent).WithTags("Trash");
        group.MapGet("/", ListAsync).WithSummary("Deleted entries, most recently deleted first");
        group.MapPost("/{id:guid}/restore", RestoreAsync).WithSummary("Bring an entry back as a draft; its slugs return, or the next free ones when taken");
        group.MapDelete("/", EmptyAsync).WithSummary("Delete everything in the trash for good (administrators)");
        group.MapDelete("/{id:guid}", PurgeAsync).WithSummary("Delete one trashed entry for good (administrators)");
    }

    private static async Task<Results<Ok<TrashPage>, BadRequestProblem, ForbiddenProblem>> ListAsync(
        int? limit, string? cursor, HttpContext http, ContentTypeRegistry types, CmsDbContext db, CancellationToken ct)
    {
        var rights = EditorialRights.Of(http.User);
        var allowed = types.All.Select(t => t.Name).Where(rights.MayPublishType).ToList();
        if (allowed.Count == 0)
        {
            return Refusal(http);
        }
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 25, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(http.Request)));
        }
        var rows = await db.Entries.AsNoTracking().Where(e => e.DeletedAt != null && allowed.Contains(e.Type))
            .OrderByDescending(e => e.DeletedAt).ThenByDescending(e => e.Id).Skip(page.Skip).Take(page.Take)
            .Join(db.Versions, e => new { e.Id, e.Version }, v => new { Id = v.EntryId, Version = v.Number }, (e, v) => new { Entry = e, v.Fields, v.Slugs })
            .ToListAsync(ct);
        var locale = Locales.FromRequest(http.Request);
        var items = rows.Take(page.Size).Select(r =>
        {
            var title = types.Find(r.Entry.Type) is { } type && JsonNode.Parse(r.Fields)?[type.TitleField] is { } value
                ? value is JsonObject perLocale ? (perLocale[locale] ?? perLocale[Locales.Other(locale)])?.ToString() : value.ToString()
                : null;
            return new TrashedEntry(r.Entry.Id, r.Entry.Type, title, JsonNode.Parse(r.Slugs)!.AsObject(), r.Entry.DeletedAt!.Value, r.Entry.DeletedBy);
        }).ToList();
        return TypedResults.Ok(new TrashPage(items, page.NextAfter(rows.Count)));
    }

    private static async Task<Results<Ok<EntryView>, NotFoundProblem, ConflictProblem, ForbiddenProblem>> RestoreAsync(
        Guid id, HttpContext http, ContentTypeRegistry types, EntryTrash trash, CmsDbContext db, CancellationToken ct)
    {
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == id && e.DeletedAt != null, ct);
        if (entry is null || types.Find(entry.Type) is not { } type)
        {
            return NotInTrash(http, id);
        }
        if (!EditorialRights.Of(http.User).MayPublishType(entry.Type))
        {
            return EditorialRights.ActionRefusal(http, entry.Type);
        }
        try
        {
            await trash.RestoreAsync(entry, type, ManageContentApi.Author(http), ct);
            return TypedResults.Ok(await EntryView.LoadAsync(db, type, id, ct));
        }
        catch (EditRejected rejected)
        {
            return ManageContentApi.Problem(http, rejected) switch
            {
                ConflictProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }

    private static async Task<Results<Ok<EmptiedTrash>, ForbiddenProblem>> EmptyAsync(HttpContext http, EntryTrash trash, CancellationToken ct)
    {
        if (!http.User.IsInRole(Roles.Administrator))
        {
            return AdministratorsOnly(http);
        }
        return TypedResults.Ok(new EmptiedTrash(await trash.EmptyAsync(null, ct)));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ForbiddenProblem>> PurgeAsync(Guid id, HttpContext http, EntryTrash trash, CancellationToken ct)
    {
        if (!http.User.IsInRole(Roles.Administrator))
        {
            return AdministratorsOnly(http);
        }
        return await trash.EmptyAsync(id, ct) == 1 ? TypedResults.NoContent() : NotInTrash(http, id);
    }

    private static NotFoundProblem NotInTrash(HttpContext http, Guid id) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد في سلة المحذوفات محتوى بالمعرّف {id}", $"Nothing in the trash has id {id}."));

    private static ForbiddenProblem Refusal(HttpContext http) =>
        new(ProblemCode.Forbidden, Locales.Say(http.Request, "لا تملك صلاحية على سلة المحذوفات", "You may not use the trash"));

    private static ForbiddenProblem AdministratorsOnly(HttpContext http) =>
        new(ProblemCode.Forbidden, Locales.Say(http.Request, "إفراغ سلة المحذوفات للمديرين فقط", "Only administrators empty the trash"));
}
