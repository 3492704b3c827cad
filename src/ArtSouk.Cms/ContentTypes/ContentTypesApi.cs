using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Cms.ContentTypes;

internal sealed record ContentTypePage(IReadOnlyList<ContentType> Items, string? Next);

internal static class ContentTypesApi
{
    /// <summary>The content model, so headless clients and the manager can build forms and filters from it.</summary>
    public static void MapContentTypesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/content-types").WithTags("Content types");
        group.MapGet("/", List).WithSummary("Content types with fields and bilingual labels, as a page like every other list");
        group.MapGet("/{name}", Find).WithSummary("One content type");
    }

    private static Results<Ok<ContentTypePage>, BadRequestProblem> List(int? limit, string? cursor, HttpRequest request, ContentTypeRegistry types)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 50, maxSize: 100, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(100, Locales.FromRequest(request)));
        }
        var rows = types.All.Skip(page.Skip).Take(page.Take).ToList();
        return TypedResults.Ok(new ContentTypePage(rows.Take(page.Size).ToList(), page.NextAfter(rows.Count)));
    }

    private static Results<Ok<ContentType>, NotFoundProblem> Find(string name, HttpRequest request, ContentTypeRegistry types) =>
        types.Find(name) is { } type
            ? TypedResults.Ok(type)
            : new NotFoundProblem(ProblemCode.NotFound, Locales.FromRequest(request) == Locales.English ? $"'{name}' is not a content type." : $"«{name}» ليس نوع محتوى");
}
