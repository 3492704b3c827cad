using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Media;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Cms.Reading;

/// <summary>
/// Flattens an entry's stored fields to one locale: a localized value empty in that locale falls back to the
/// other locale and is listed in <c>fallbacks</c>; media ids become <see cref="DeliveredMedia"/> objects.
/// </summary>
internal static class Projection
{
    public static (JsonObject Fields, List<string> Fallbacks) Flatten(ContentType type, JsonObject stored, string locale,
        IReadOnlyDictionary<Guid, MediaAsset> media)
    {
        var fields = new JsonObject();
        var fallbacks = new List<string>();
        foreach (var field in type.Fields)
        {
            var value = stored[field.Name];
            if (value is null)
            {
                continue;
            }
            if (field.Localized)
            {
                var perLocale = value.AsObject();
                value = perLocale[locale];
                if (value is null)
                {
                    value = perLocale[Locales.Other(locale)];
                    if (value is null)
                    {
                        continue;
                    }
                    fallbacks.Add(field.Name);
                }
            }
            // A media field whose asset was deleted (an older version restored) is left out, not served as a bare id.
            if (Expand(field, value, locale, media) is { } expanded)
            {
                fields[field.Name] = expanded;
            }
        }
        return (fields, fallbacks);
    }

    /// <summary>Required fields without a value in <paramref name="locale"/> (or, with fallback, in either locale).</summary>
    public static List<string> MissingRequired(ContentType type, JsonObject stored, string locale, bool allowFallback)
    {
        var missing = new List<string>();
        foreach (var field in type.Fields.Where(f => f.Required))
        {
            var value = stored[field.Name];
            var present = field.Localized
                ? value is JsonObject o && (o[locale] is not null || allowFallback && o[Locales.Other(locale)] is not null)
                : value is not null;
            if (!present)
            {
                missing.Add(field.Name);
            }
        }
        return missing;
    }

    private static JsonNode? Expand(FieldDefinition field, JsonNode value, string locale, IReadOnlyDictionary<Guid, MediaAsset> media)
    {
        if (field.Kind == FieldKind.Media)
        {
            return value is JsonArray ids
                ? new JsonArray(ids.Select(id => (JsonNode?)MediaObject(id!, locale, media)).Where(n => n is not null).ToArray())
                : MediaObject(value, locale, media);
        }
        if (field.Kind == FieldKind.Blocks && value is JsonArray blocks)
        {
            var expanded = new JsonArray();
            foreach (var block in blocks.OfType<JsonObject>())
            {
                var copy = (JsonObject)block.DeepClone();
                if (copy["media"] is JsonArray galleryIds)
                {
                    copy["media"] = new JsonArray(galleryIds.Select(id => (JsonNode?)MediaObject(id!, locale, media)).Where(n => n is not null).ToArray());
                }
                else if (copy["media"] is JsonValue imageId)
                {
                    copy["media"] = MediaObject(imageId, locale, media);
                }
                expanded.Add(copy);
            }
            return expanded;
        }
        return value.DeepClone();
    }

    private static JsonObject? MediaObject(JsonNode id, string locale, IReadOnlyDictionary<Guid, MediaAsset> media) =>
        Guid.TryParse(id.GetValue<string>(), out var mediaId) && media.TryGetValue(mediaId, out var asset) ? DeliveredMedia.Of(asset, locale) : null;

    /// <summary>All media ids an entry's stored fields mention, blocks included.</summary>
    public static IEnumerable<Guid> MediaIds(ContentType type, JsonObject stored)
    {
        foreach (var field in type.Fields.Where(f => f.Kind is FieldKind.Media or FieldKind.Blocks))
        {
            var value = stored[field.Name];
            var values = field.Localized && value is JsonObject perLocale ? perLocale.Select(p => p.Value) : [value];
            foreach (var v in values)
            {
                foreach (var id in Ids(field.Kind, v))
                {
                    yield return id;
                }
            }
        }
    }

    private static IEnumerable<Guid> Ids(FieldKind kind, JsonNode? value)
    {
        if (value is null)
        {
            yield break;
        }
        if (kind == FieldKind.Media)
        {
            foreach (var node in value is JsonArray a ? a.ToArray() : new[] { value })
            {
                if (node is JsonValue && Guid.TryParse(node.GetValue<string>(), out var id))
                {
                    yield return id;
                }
            }
            yield break;
        }
        foreach (var block in (value as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var node in block["media"] is JsonArray g ? g.ToArray() : new[] { block["media"] })
            {
                if (node is JsonValue && Guid.TryParse(node.GetValue<string>(), out var id))
                {
                    yield return id;
                }
            }
        }
    }
}
