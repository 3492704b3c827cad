using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Media;

/// <summary>The media library for editors (<c>/api/v1/manage/media</c>) and the files themselves (<c>/media/{id}/{file}</c>).</summary>
internal static class MediaApi
{
    /// <summary>Files never change under their URL: the id is new for every upload and rendition names carry a content hash.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".webp"] = "image/webp",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".gif"] = "image/gif",
    };

    public static void MapMediaApi(this IEndpointRouteBuilder app)
    {
        var manage = app.MapGroup("/api/v1/manage/media").RequireAuthorization(Policies.ManageContent).WithTags("Manage media");
        manage.MapPost("/", UploadMedia.HandleAsync).DisableAntiforgery()
            .WithSummary("Upload an image (multipart: file, altAr, altEn, captionAr, captionEn, creditAr, creditEn); makes its WebP renditions");
        manage.MapGet("/", ListMedia.HandleAsync).WithSummary("The media library, newest first; q matches file name, alt, caption and credit");
        manage.MapGet("/{id:guid}", GetAsync).WithSummary("One asset with its renditions");
        manage.MapPut("/{id:guid}", EditMedia.HandleAsync)
            .WithSummary("Edit alt, caption, credit ({ar, en}) and focalPoint ({x, y} in 0..1): absent leaves a value, null clears it");
        manage.MapDelete("/{id:guid}", DeleteMedia.HandleAsync).WithSummary("Delete an unused asset with its files; an asset content uses is a 409");
        manage.MapGet("/{id:guid}/usage", MediaUsage.HandleAsync).WithSummary("Entries whose draft or live version shows the asset, and in which fields");

        app.MapGet("/media/{id:guid}/{fileName}", Serve).ExcludeFromDescription();
    }

    private static async Task<Results<Ok<MediaView>, NotFoundProblem>> GetAsync(Guid id, HttpContext http, CmsDbContext db, CancellationToken ct) =>
        await db.Media.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) is { } asset
            ? TypedResults.Ok(MediaView.Of(asset))
            : NoMedia(http, id);

    private static IResult Serve(Guid id, string fileName, MediaLibrary library, HttpContext http)
    {
        var path = library.PathOf(id, fileName);
        if (!File.Exists(path))
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.CacheControl = ImmutableCacheControl;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        return TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: true);
    }

    public static NotFoundProblem NoMedia(HttpContext http, Guid id) =>
        new(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد ملف وسائط بالمعرّف {id}", $"No media with id {id}."));


    public static ApiProblemResult Problem(HttpContext http, MediaRejected rejected) =>
        ApiProblemResult.Of(rejected.Code, rejected.DetailIn(Locales.FromRequest(http.Request)), rejected.Errors);
}
