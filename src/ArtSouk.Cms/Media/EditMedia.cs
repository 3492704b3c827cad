using System.Text.Json.Nodes;
using ArtSouk.Cms.Audit;
using ArtSouk.Kernel.Audit;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Management;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Media;

/// <summary>
/// The body of <c>PUT /api/v1/manage/media/{id}</c>: <c>{ alt: {ar, en}, caption: {ar, en}, credit: {ar, en}, focalPoint: {x, y} }</c>.
/// Members are kept as JSON so an absent one (leave it) differs from <c>null</c> (clear it).
/// </summary>
internal sealed record MediaEditRequest(JsonElement Alt, JsonElement Caption, JsonElement Credit, JsonElement FocalPoint)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>
/// Edits an asset's texts and focal point, and rewrites the media objects of every read-model row that shows it, so the
/// Delivery API serves the new alt text on the very next request without a new version of each entry.
/// </summary>
internal static class EditMedia
{
    public static async Task<Results<Ok<MediaView>, BadRequestProblem, ForbiddenProblem, NotFoundProblem>> HandleAsync(
        Guid id, MediaEditRequest request, HttpContext http, CmsDbContext db, SqlDialect dialect,
        IEnumerable<IContentChangeObserver> observers, AuditTrail audit, TimeProvider clock, OutboxSignal outbox, CancellationToken ct)
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
        var input = new MediaTextInput(http);
        foreach (var unknown in request.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            input.Fail(unknown, "ليست من خصائص الوسائط؛ الخصائص: alt وcaption وcredit وfocalPoint",
                "is not a property of media; properties: alt, caption, credit, focalPoint");
        }
        var alt = input.Read(request.Alt, "alt", MediaTextInput.MaxAlt, asset.AltText);
        var caption = input.Read(request.Caption, "caption", MediaTextInput.MaxCaption, asset.CaptionText);
        var credit = input.Read(request.Credit, "credit", MediaTextInput.MaxCredit, asset.CreditText);
        var focal = input.ReadFocalPoint(request.FocalPoint, MediaView.FocalOf(asset));
        if (!input.Errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, input.Errors.ToString(), input.Errors.ToDictionary());
        }
        var before = new[] { ("alt", (string?)asset.Alt), ("caption", asset.Caption), ("credit", asset.Credit), ("focalPoint", FocalJson(asset)) };
        asset.Alt = alt.ToJson() ?? "{}";
        asset.Caption = caption.ToJson();
        asset.Credit = credit.ToJson();
        (asset.FocalX, asset.FocalY) = (focal?.X, focal?.Y);
        asset.UpdateSearchText();
        var after = new[] { asset.Alt, asset.Caption, asset.Credit, FocalJson(asset) };
        var changes = before.Select((b, i) => (b.Item1, Before: b.Item2, After: after[i])).Where(c => c.Before != c.After)
            .Select(c => new AuditChange(c.Item1, null, c.Before is null ? null : JsonNode.Parse(c.Before), c.After is null ? null : JsonNode.Parse(c.After)))
            .ToList();
        if (changes.Count > 0)
        {
            audit.Record(AuditActions.MediaUpdate, "media", id.ToString(), changes);
            MediaEvents.Raise(db, clock, MediaEvents.Updated, asset, changes.Select(c => c.Field).ToList());
        }

        var rows = await MediaUsage.RowsAsync(db, dialect, id, ct);
        DeliveredMedia.Rewrite(rows, asset);
        await db.SaveChangesAsync(ct);
        outbox.Notify();
        await DeliveredMedia.AnnounceAsync(rows, observers);
        return TypedResults.Ok(MediaView.Of(asset));
    }

    private static string? FocalJson(MediaAsset asset) =>
        asset.FocalX is { } x && asset.FocalY is { } y
            ? new JsonObject { ["x"] = x, ["y"] = y }.ToJsonString()
            : null;
}
