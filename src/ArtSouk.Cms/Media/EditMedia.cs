using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Json;
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
    public static async Task<Results<Ok<MediaView>, BadRequestProblem, NotFoundProblem>> HandleAsync(
        Guid id, MediaEditRequest request, HttpContext http, CmsDbContext db, SqlDialect dialect,
        IEnumerable<IContentChangeObserver> observers, CancellationToken ct)
    {
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
        asset.Alt = alt.ToJson() ?? "{}";
        asset.Caption = caption.ToJson();
        asset.Credit = credit.ToJson();
        (asset.FocalX, asset.FocalY) = (focal?.X, focal?.Y);
        asset.UpdateSearchText();

        var rows = await MediaUsage.RowsAsync(db, dialect, id, ct);
        foreach (var row in rows)
        {
            var fields = JsonNode.Parse(row.Fields)!.AsObject();
            Replace(fields, asset, row.Locale);
            row.Fields = fields.ToJsonString(JsonText.Options);
        }
        await db.SaveChangesAsync(ct);
        foreach (var entry in rows.GroupBy(r => r.EntryId))
        {
            var change = new ContentChange(entry.Key, entry.First().Type, ContentEvents.Updated, entry.Select(r => r.Locale).Distinct().ToList());
            foreach (var observer in observers)
            {
                await observer.ContentChangedAsync(change, CancellationToken.None);
            }
        }
        return TypedResults.Ok(MediaView.Of(asset));
    }

    /// <summary>Puts a fresh media object wherever the row shows the asset (media fields, image and gallery blocks).</summary>
    private static void Replace(JsonNode? node, MediaAsset asset, string locale)
    {
        var id = asset.Id.ToString();
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonObject media && DeliveredMedia.IsFor(media, id))
                    {
                        o[name] = DeliveredMedia.Of(asset, locale);
                    }
                    else
                    {
                        Replace(value, asset, locale);
                    }
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonObject media && DeliveredMedia.IsFor(media, id))
                    {
                        a[i] = DeliveredMedia.Of(asset, locale);
                    }
                    else
                    {
                        Replace(a[i], asset, locale);
                    }
                }
                break;
        }
    }
}
