using ArtSouk.Cms.Audit;
using ArtSouk.Kernel.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Management;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Problems;

namespace ArtSouk.Cms.Media;

/// <summary>
/// <c>DELETE /api/v1/manage/media/{id}</c>: an asset no draft or live entry shows goes, with its renditions; one in use is
/// a 409 naming the entries, so a published page never loses its image.
/// </summary>
internal static class DeleteMedia
{
    public static async Task<Results<NoContent, ForbiddenProblem, NotFoundProblem, ConflictProblem>> HandleAsync(
        Guid id, HttpContext http, CmsDbContext db, SqlDialect dialect, ContentTypeRegistry types, MediaLibrary library, AuditTrail audit, TimeProvider clock, OutboxSignal outbox, CancellationToken ct)
    {
        if (!EditorialRights.Of(http.User).MayCurateMedia)
        {
            return EditorialRights.MediaRefusal(http);
        }
        var asset = await db.Media.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (asset is null)
        {
            return MediaApi.NoMedia(http, id);
        }
        var uses = await MediaUsage.FindAsync(db, dialect, types, id, Locales.FromRequest(http.Request), ct);
        if (uses.Count > 0)
        {
            var named = uses.Select(u => $"{u.Type} «{u.Title ?? u.Slug}» ({u.Id}: {string.Join(", ", u.Fields)})").ToArray();
            return new ConflictProblem(MediaProblems.InUse,
                Locales.Say(http.Request, $"الصورة مستخدمة في {uses.Count} من المحتوى: {string.Join("؛ ", named)}. أزلها منها أولًا.",
                    $"The image is used by {uses.Count} entries: {string.Join("; ", named)}. Remove it from them first."),
                new Dictionary<string, string[]> { ["entries"] = named });
        }
        db.Media.Remove(asset);
        audit.Record(AuditActions.MediaDelete, "media", id.ToString(), [new AuditChange("fileName", null, asset.FileName, null)]);
        MediaEvents.Raise(db, clock, MediaEvents.Deleted, asset);
        await db.SaveChangesAsync(ct);
        outbox.Notify();
        library.DeleteFiles(id);
        return TypedResults.NoContent();
    }
}
