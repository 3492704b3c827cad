using ArtSouk.Kernel.Json;
using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Delivery;

namespace ArtSouk.Cms.Delivery;

/// <summary>
/// Writes Delivery API items. Items without projection or expansion are copied from the read model's JSON text
/// as is; only <c>fields=</c> and <c>expand=</c> parse it. Other modules' properties (a listing) come from
/// <see cref="IDeliveryItemExtension"/>s, asked once per page.
/// </summary>
internal sealed class ItemWriter(ContentReader reader, DeliveryRequest request, IEnumerable<IDeliveryItemExtension>? extensions = null)
{
    private readonly Dictionary<Guid, JsonObject> _expanded = [];
    private readonly List<(string Property, IReadOnlyDictionary<Guid, JsonNode> Values)> _extra = [];

    private async Task ExtendAsync(IReadOnlyList<ContentItem> items, CancellationToken ct)
    {
        if (extensions is null || items.Count == 0)
        {
            return;
        }
        var ids = items.Select(i => i.Id).ToList();
        foreach (var extension in extensions)
        {
            var values = await extension.ValuesAsync(ids, ct);
            if (values.Count > 0)
            {
                _extra.Add((extension.PropertyName, values));
            }
        }
    }

    public async Task<byte[]> ListAsync(ContentPage page, CancellationToken ct)
    {
        var fields = await PrepareAsync(page.Items, ct);
        await ExtendAsync(page.Items, ct);
        var buffer = new ArrayBufferWriter<byte>(4096 + page.Items.Count * 1024);
        using (var json = new Utf8JsonWriter(buffer, JsonText.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            for (var i = 0; i < page.Items.Count; i++)
            {
                Write(json, page.Items[i], fields?[i]);
            }
            json.WriteEndArray();
            if (page.Next is null)
            {
                json.WriteNull("next");
            }
            else
            {
                json.WriteString("next", page.Next);
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public async Task<byte[]> ItemAsync(ContentItem item, CancellationToken ct)
    {
        var fields = await PrepareAsync([item], ct);
        await ExtendAsync([item], ct);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, JsonText.WriterOptions))
        {
            Write(json, item, fields?[0]);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses fields only when the request projects or expands them.</summary>
    private async Task<List<JsonObject>?> PrepareAsync(IReadOnlyList<ContentItem> items, CancellationToken ct)
    {
        if (request.Fields is null && request.Expand.Count == 0)
        {
            return null;
        }
        var parsed = items.Select(i => JsonNode.Parse(i.FieldsJson)!.AsObject()).ToList();
        foreach (var path in request.Expand)
        {
            await ExpandAsync(parsed, path, ct);
        }
        if (request.Fields is { } keep)
        {
            foreach (var fields in parsed)
            {
                foreach (var name in fields.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                {
                    fields.Remove(name);
                }
            }
        }
        return parsed;
    }

    /// <summary>Replaces the ids at <paramref name="path"/> with the referenced items (in the same locale and channel).</summary>
    private async Task ExpandAsync(List<JsonObject> level, string[] path, CancellationToken ct)
    {
        var field = path[0];
        var ids = level.SelectMany(f => IdsIn(f[field])).Where(id => !_expanded.ContainsKey(id)).Distinct().ToList();
        var found = await reader.GetManyAsync(ids, request.Locale, request.Preview, ct);
        foreach (var (id, item) in found)
        {
            _expanded[id] = ToObject(item);
        }
        var next = new List<JsonObject>();
        foreach (var fields in level)
        {
            switch (fields[field])
            {
                case JsonArray many:
                    var expanded = new JsonArray();
                    foreach (var id in IdsIn(many))
                    {
                        if (_expanded.TryGetValue(id, out var target))
                        {
                            var copy = (JsonObject)target.DeepClone();
                            expanded.Add(copy);
                            next.Add(copy["fields"]!.AsObject());
                        }
                    }
                    fields[field] = expanded;
                    break;
                case JsonValue single:
                    if (IdsIn(single).FirstOrDefault() is var one && _expanded.TryGetValue(one, out var item))
                    {
                        var copy = (JsonObject)item.DeepClone();
                        fields[field] = copy;
                        next.Add(copy["fields"]!.AsObject());
                    }
                    else
                    {
                        // The target is not live in this locale: say so rather than leave a dangling id.
                        fields[field] = null;
                    }
                    break;
                case JsonObject alreadyExpanded when alreadyExpanded["fields"] is JsonObject inner:
                    next.Add(inner);
                    break;
            }
        }
        if (path.Length > 1 && next.Count > 0)
        {
            await ExpandAsync(next, path[1..], ct);
        }
    }

    private static IEnumerable<Guid> IdsIn(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(IdsIn),
        JsonValue value when value.GetValueKind() == JsonValueKind.String && Guid.TryParse(value.GetValue<string>(), out var id) => [id],
        JsonObject expanded when expanded["id"] is JsonValue id && Guid.TryParse(id.GetValue<string>(), out var g) => [g],
        _ => [],
    };

    private static JsonObject ToObject(ContentItem item) => new()
    {
        ["id"] = item.Id.ToString(),
        ["type"] = item.Type,
        ["slug"] = item.Slug,
        ["locale"] = item.Locale,
        ["fields"] = JsonNode.Parse(item.FieldsJson),
        ["fallbacks"] = JsonNode.Parse(item.FallbacksJson),
        ["translations"] = JsonNode.Parse(item.TranslationsJson),
        ["publishedAt"] = Instant(item.PublishedAt),
        ["updatedAt"] = Instant(item.UpdatedAt),
    };

    private void Write(Utf8JsonWriter json, ContentItem item, JsonObject? fields)
    {
        json.WriteStartObject();
        json.WriteString("id", item.Id);
        json.WriteString("type", item.Type);
        json.WriteString("slug", item.Slug);
        json.WriteString("locale", item.Locale);
        json.WritePropertyName("fields");
        if (fields is null)
        {
            json.WriteRawValue(item.FieldsJson, skipInputValidation: true);
        }
        else
        {
            fields.WriteTo(json);
        }
        json.WritePropertyName("fallbacks");
        json.WriteRawValue(item.FallbacksJson, skipInputValidation: true);
        json.WritePropertyName("translations");
        json.WriteRawValue(item.TranslationsJson, skipInputValidation: true);
        json.WriteString("publishedAt", Instant(item.PublishedAt));
        json.WriteString("updatedAt", Instant(item.UpdatedAt));
        foreach (var (property, values) in _extra)
        {
            if (values.TryGetValue(item.Id, out var value))
            {
                json.WritePropertyName(property);
                value.WriteTo(json);
            }
        }
        json.WriteEndObject();
    }

    private static string Instant(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
