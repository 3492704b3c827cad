using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Cms.ContentTypes;

internal static class ContentTypesApi
{
    /// <summary>The content model, so headless clients and the manager can build forms and filters from it.</summary>
    public static void MapContentTypesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/content-types").WithTags("Content types");
        group.MapGet("/", (ContentTypeRegistry types) => TypedResults.Ok(types.All)).WithSummary("All content types with fields and bilingual labels");
        group.MapGet("/{name}", Results<Ok<ContentType>, NotFoundProblem> (string name, ContentTypeRegistry types) =>
            types.Find(name) is { } type ? TypedResults.Ok(type) : new NotFoundProblem(ProblemCode.NotFound, $"'{name}' is not a content type."))
            .WithSummary("One content type");
    }
}
