using System.Globalization;
using System.Text.Json;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Themes.Souk.Content;

/// <summary>A rendition of a media asset: one candidate of a <c>srcset</c>.</summary>
public sealed record Rendition(string Url, int Width, int Height);

/// <summary>A media object as a Delivery item carries it, in the page's locale.</summary>
public sealed record SiteMedia(string Url, int Width, int Height, string Alt, string? Caption, IReadOnlyList<Rendition> Renditions)
{
    /// <summary>The renditions and the original, narrowest first, without duplicate widths.</summary>
    public IEnumerable<Rendition> Candidates => Renditions.Append(new Rendition(Url, Width, Height))
        .Where(r => r.Width > 0).DistinctBy(r => r.Width).OrderBy(r => r.Width);

    public static SiteMedia? Of(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        var renditions = new List<Rendition>();
        if (e.TryGetProperty("renditions", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var r in list.EnumerateArray())
            {
                if (r.TryGetProperty("url", out var ru) && ru.ValueKind == JsonValueKind.String)
                {
                    renditions.Add(new Rendition(ru.GetString()!, Int(r, "width"), Int(r, "height")));
                }
            }
        }
        return new SiteMedia(url.GetString()!, Int(e, "width"), Int(e, "height"), Str(e, "alt") ?? "", Str(e, "caption"), renditions);
    }

    private static int Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.TryGetInt32(out var i) ? i : 0;

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>
/// One Delivery item as the site reads it: typed accessors over the item's JSON fields, which fields were shown through
/// the other locale's value, and the entry's path in each locale.
/// </summary>
public sealed class SiteEntry
{
    private readonly JsonElement _fields;
    private readonly HashSet<string> _fallbacks;

    public SiteEntry(ContentItem item, ContentType type)
    {
        Item = item;
        Type = type;
        _fields = JsonSerializer.Deserialize<JsonElement>(item.FieldsJson);
        _fallbacks = JsonSerializer.Deserialize<HashSet<string>>(item.FallbacksJson) ?? [];
        Translations = JsonSerializer.Deserialize<Dictionary<string, string>>(item.TranslationsJson) ?? [];
    }

    public ContentItem Item { get; }

    /// <summary>The work's price and availability when commerce lists it (set by the router before rendering).</summary>
    public SiteListing? Listing { get; internal set; }

    /// <summary>An event's or workshop's ticket types, when commerce sells it by type.</summary>
    public IReadOnlyList<SiteTicket> Tickets { get; internal set; } = [];

    public ContentType Type { get; }

    public Guid Id => Item.Id;

    public string Locale => Item.Locale;

    public IReadOnlyDictionary<string, string> Translations { get; }

    public string Path => Translations.GetValueOrDefault(Locale) ?? Type.SitePath(Locale, Item.Slug);

    public string Title => Text(Type.TitleField) ?? Item.Slug;

    /// <summary>The locale a field's value is really in: the other one when it was shown through fallback.</summary>
    public string LangOf(string field) => _fallbacks.Contains(field) ? Locales.Other(Locale) : Locale;

    /// <summary>A <c>lang</c> attribute value for a field shown through fallback, else null (no attribute).</summary>
    public string? FallbackLang(string field) => _fallbacks.Contains(field) ? Locales.Other(Locale) : null;

    public string? FallbackDir(string field) => _fallbacks.Contains(field) ? (Locales.Other(Locale) == Locales.Arabic ? "rtl" : "ltr") : null;

    public bool IsFallback(string field) => _fallbacks.Contains(field);

    public string? Text(string field) =>
        _fields.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    public int? Whole(string field) => _fields.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    public bool Bool(string field) => _fields.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.True;

    public DateTimeOffset? Instant(string field) =>
        Text(field) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    public SiteMedia? Media(string field) => _fields.TryGetProperty(field, out var v) ? v.ValueKind == JsonValueKind.Array
        ? v.EnumerateArray().Select(SiteMedia.Of).FirstOrDefault(m => m is not null) : SiteMedia.Of(v) : null;

    public IReadOnlyList<SiteMedia> MediaList(string field) => _fields.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
        ? v.EnumerateArray().Select(SiteMedia.Of).OfType<SiteMedia>().ToList()
        : Media(field) is { } one ? [one] : [];

    public Guid? Ref(string field) => Text(field) is { } s && Guid.TryParse(s, out var id) ? id : null;

    public IReadOnlyList<Guid> Refs(string field) => _fields.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
        ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => Guid.TryParse(x.GetString(), out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList()
        : Ref(field) is { } one ? [one] : [];

    public IReadOnlyList<string> Strings(string field) => _fields.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Array
        ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
        : Text(field) is { } one ? [one] : [];

    /// <summary>The label of an enum value in the page's language.</summary>
    public string? OptionLabel(string field, string? value) =>
        value is null ? null : Type.Field(field)?.Options.FirstOrDefault(o => o.Value == value)?.Label.In(Locale) ?? value;

    public JsonElement Raw(string field) => _fields.TryGetProperty(field, out var v) ? v : default;

    /// <summary>The first image that stands for the entry on a card.</summary>
    public SiteMedia? Picture => Type.Name switch
    {
        "artwork" => Media("images"),
        "artist" => Media("portrait"),
        "gallery" => Media("logo"),
        _ => Media("cover"),
    };
}
