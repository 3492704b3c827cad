using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Kernel.Json;

namespace ArtSouk.Cms.Media;

internal sealed record RenditionView(string Url, int Width, int Height, string ContentType);

internal sealed record FocalPoint(double X, double Y);

internal sealed record MediaTextView(string? Ar, string? En)
{
    public static MediaTextView Of(MediaText text) => new(text.Ar, text.En);
}

/// <summary>An asset as editors see it: texts in both locales, the focal point, the renditions.</summary>
internal sealed record MediaView(
    Guid Id,
    string Url,
    string FileName,
    string ContentType,
    int Width,
    int Height,
    long Length,
    MediaTextView Alt,
    MediaTextView Caption,
    MediaTextView Credit,
    FocalPoint? FocalPoint,
    IReadOnlyList<RenditionView> Renditions,
    DateTimeOffset CreatedAt)
{
    public static MediaView Of(MediaAsset a) => new(a.Id, a.Url, a.FileName, a.ContentType, a.Width, a.Height, a.Length,
        MediaTextView.Of(a.AltText), MediaTextView.Of(a.CaptionText), MediaTextView.Of(a.CreditText), FocalOf(a), RenditionsOf(a), a.CreatedAt);

    public static FocalPoint? FocalOf(MediaAsset a) => a is { FocalX: { } x, FocalY: { } y } ? new FocalPoint(x, y) : null;

    public static List<RenditionView> RenditionsOf(MediaAsset a) =>
        a.RenditionList().Select(r => new RenditionView(a.UrlOf(r.File), r.Width, r.Height, "image/webp")).ToList();
}

internal sealed record MediaPage(IReadOnlyList<MediaView> Items, string? Next);

/// <summary>
/// The media object Delivery items carry, in one locale: <c>{ id, url, width, height, contentType, alt, caption, credit,
/// focalPoint, renditions: [{ url, width, height, contentType }] }</c>. Texts fall back to the other locale like fields do.
/// </summary>
internal static class DeliveredMedia
{
    public static JsonObject Of(MediaAsset asset, string locale)
    {
        var renditions = new JsonArray();
        foreach (var r in MediaView.RenditionsOf(asset))
        {
            renditions.Add(new JsonObject { ["url"] = r.Url, ["width"] = r.Width, ["height"] = r.Height, ["contentType"] = r.ContentType });
        }
        return new JsonObject
        {
            ["id"] = asset.Id.ToString(),
            ["url"] = asset.Url,
            ["width"] = asset.Width,
            ["height"] = asset.Height,
            ["contentType"] = asset.ContentType,
            ["alt"] = asset.AltText.WithFallback(locale) ?? "",
            ["caption"] = asset.CaptionText.WithFallback(locale),
            ["credit"] = asset.CreditText.WithFallback(locale),
            ["focalPoint"] = MediaView.FocalOf(asset) is { } focal ? new JsonObject { ["x"] = focal.X, ["y"] = focal.Y } : null,
            ["renditions"] = renditions,
        };
    }

    /// <summary>True for a media object this module wrote for <paramref name="id"/> (an id and a url under /media/).</summary>
    public static bool IsFor(JsonObject node, string id) =>
        node["id"] is JsonValue value && value.TryGetValue<string>(out var found) && string.Equals(found, id, StringComparison.OrdinalIgnoreCase)
        && node["url"] is JsonValue url && url.TryGetValue<string>(out var path) && path.StartsWith("/media/", StringComparison.Ordinal);

    /// <summary>Puts a fresh media object for <paramref name="asset"/> in each row that shows it, in the row's locale.</summary>
    public static void Rewrite(IEnumerable<DeliveryItem> rows, MediaAsset asset)
    {
        foreach (var row in rows)
        {
            var fields = JsonNode.Parse(row.Fields)!.AsObject();
            Replace(fields, asset, row.Locale);
            row.Fields = fields.ToJsonString(JsonText.Options);
        }
    }

    /// <summary>After the rewrite commits: the Delivery cache forgets the entries, so the next request reads the new objects.</summary>
    public static async Task AnnounceAsync(IEnumerable<DeliveryItem> rows, IEnumerable<IContentChangeObserver> observers)
    {
        foreach (var entry in rows.GroupBy(r => r.EntryId))
        {
            var change = new ContentChange(entry.Key, entry.First().Type, ContentEvents.Updated, entry.Select(r => r.Locale).Distinct().ToList());
            foreach (var observer in observers)
            {
                await observer.ContentChangedAsync(change, CancellationToken.None);
            }
        }
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
