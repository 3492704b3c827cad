using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Media;

internal sealed record MediaView(Guid Id, string Url, string FileName, string ContentType, int Width, int Height, long Length, string Alt, DateTimeOffset CreatedAt)
{
    public static MediaView Of(MediaAsset a) => new(a.Id, a.Url, a.FileName, a.ContentType, a.Width, a.Height, a.Length, a.Alt, a.CreatedAt);
}

internal static class MediaApi
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static void MapMediaApi(this IEndpointRouteBuilder app)
    {
        var manage = app.MapGroup("/api/v1/manage/media").RequireAuthorization(Policies.ManageContent).WithTags("Manage media");
        manage.MapPost("/", UploadAsync).DisableAntiforgery().WithSummary("Upload an image (multipart: file, altAr, altEn)");
        manage.MapGet("/", ListAsync).WithSummary("The media library, newest first");

        app.MapGet("/media/{id:guid}/{fileName}", Serve).ExcludeFromDescription();
    }

    private static async Task<Results<Created<MediaView>, BadRequestProblem, PayloadTooLargeProblem, UnsupportedMediaTypeProblem>> UploadAsync(
        HttpContext http, MediaLibrary library, CmsDbContext db, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return new BadRequestProblem(ProblemCode.MalformedBody, "Send multipart/form-data with a 'file' part.");
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // A multipart body without a boundary, or cut short before its closing boundary, is bad input, not a server error.
            return new BadRequestProblem(ProblemCode.MalformedBody, ex.Message);
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, "The 'file' part is missing or empty.",
                new Dictionary<string, string[]> { ["file"] = ["required"] });
        }
        if (file.Length > MediaLibrary.MaxBytes)
        {
            return new PayloadTooLargeProblem(ProblemCode.PayloadTooLarge, $"Images up to {MediaLibrary.MaxBytes / 1024 / 1024} MB are accepted.");
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        try
        {
            var asset = await library.AddAsync(file.FileName, buffer.ToArray(), form["altAr"].ToString(), form["altEn"].ToString(), ct);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created(asset.Url, MediaView.Of(asset));
        }
        catch (UnsupportedMediaException ex)
        {
            return new UnsupportedMediaTypeProblem(ProblemCode.UnsupportedMedia, ex.Message);
        }
    }

    private static async Task<Ok<MediaView[]>> ListAsync(CmsDbContext db, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? 50, 1, 200);
        var assets = await db.Media.AsNoTracking().OrderByDescending(m => m.Id).Take(take).ToListAsync(ct);
        return TypedResults.Ok(assets.Select(MediaView.Of).ToArray());
    }

    private static IResult Serve(Guid id, string fileName, MediaLibrary library, HttpContext http)
    {
        var path = library.PathOf(id, fileName);
        if (!File.Exists(path))
        {
            return TypedResults.NotFound();
        }
        // Media files never change under their id, so caches may keep them for good.
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var contentType = ContentTypes.TryGetContentType(path, out var known) ? known : "application/octet-stream";
        return TypedResults.PhysicalFile(path, contentType, enableRangeProcessing: true);
    }
}
