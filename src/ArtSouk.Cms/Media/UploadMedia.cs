using System.Text.Json.Nodes;
using ArtSouk.Cms.Audit;
using ArtSouk.Kernel.Audit;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ArtSouk.Cms.Media;

/// <summary>
/// <c>POST /api/v1/manage/media</c>, multipart: <c>file</c>, and optionally <c>altAr</c>, <c>altEn</c>, <c>captionAr</c>,
/// <c>captionEn</c>, <c>creditAr</c>, <c>creditEn</c>. The image is decoded and its WebP renditions made before it is stored.
/// </summary>
internal static class UploadMedia
{
    public static async Task<Results<Created<MediaView>, BadRequestProblem, PayloadTooLargeProblem, UnsupportedMediaTypeProblem, UnprocessableProblem>> HandleAsync(
        HttpContext http, MediaLibrary library, CmsDbContext db, AuditTrail audit, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return new BadRequestProblem(ProblemCode.MalformedBody,
                Locales.Say(http.Request, "أرسل multipart/form-data فيه جزء باسم 'file'", "Send multipart/form-data with a 'file' part."));
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
            var missing = Locales.Say(http.Request, "الجزء 'file' مفقود أو فارغ", "The 'file' part is missing or empty.");
            return new BadRequestProblem(ProblemCode.ValidationFailed, missing, new Dictionary<string, string[]> { ["file"] = [missing] });
        }
        if (file.Length > MediaLibrary.MaxBytes)
        {
            var megabytes = MediaLibrary.MaxBytes / 1024 / 1024;
            return new PayloadTooLargeProblem(ProblemCode.PayloadTooLarge,
                Locales.Say(http.Request, $"تُقبل الصور حتى {megabytes} ميغابايت", $"Images up to {megabytes} MB are accepted."));
        }
        var texts = new MediaTextInput(http);
        var alt = texts.Read(form, "alt", MediaTextInput.MaxAlt);
        var caption = texts.Read(form, "caption", MediaTextInput.MaxCaption);
        var credit = texts.Read(form, "credit", MediaTextInput.MaxCredit);
        if (!texts.Errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, texts.Errors.ToString(), texts.Errors.ToDictionary());
        }
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, ct);
        }
        try
        {
            var asset = await library.AddAsync(file.FileName, MediaLibrary.Prepare(bytes), alt, caption, credit, ct);
            audit.Record(AuditActions.MediaCreate, "media", asset.Id.ToString(),
                [new AuditChange("fileName", null, null, asset.FileName), new AuditChange("alt", null, null, JsonNode.Parse(asset.Alt))]);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch
            {
                // No row, no files: a failed save must not leave an orphan folder behind.
                library.DeleteFiles(asset.Id);
                throw;
            }
            return TypedResults.Created($"/api/v1/manage/media/{asset.Id}", MediaView.Of(asset));
        }
        catch (MediaRejected rejected)
        {
            return MediaApi.Problem(http, rejected) switch
            {
                UnsupportedMediaTypeProblem p => p,
                UnprocessableProblem p => p,
                var p => throw p.Undeclared(rejected),
            };
        }
    }
}
