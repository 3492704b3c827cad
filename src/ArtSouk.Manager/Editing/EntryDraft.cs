using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Kernel.Localization;
using ArtSouk.Manager.Api;

namespace ArtSouk.Manager.Editing;

/// <summary>
/// The editor's working copy of an entry: field values as the API writes them (localized ones keyed by locale) and
/// the slugs, compared with what was last loaded or saved to know whether anything is unsaved.
/// </summary>
public sealed class EntryDraft
{
    private string _savedFields;
    private string _savedSlug;

    public EntryDraft(JsonObject fields, JsonObject slug)
    {
        Fields = (JsonObject)fields.DeepClone();
        Slug = (JsonObject)slug.DeepClone();
        _savedFields = Canonical(Fields);
        _savedSlug = Canonical(Slug);
    }

    public static EntryDraft Empty() => new([], []);

    public static EntryDraft Of(EntryModel entry) => new(entry.Fields, entry.Slug);

    public JsonObject Fields { get; private set; }

    public JsonObject Slug { get; private set; }

    public bool Dirty => FieldsChanged || SlugChanged;

    public bool FieldsChanged => Canonical(Fields) != _savedFields;

    public bool SlugChanged => Canonical(Slug) != _savedSlug;

    public JsonNode? Get(FieldModel field, string? locale) =>
        field.Localized ? (Fields[field.Name] as JsonObject)?[locale ?? Locales.Default] : Fields[field.Name];

    public void Set(FieldModel field, string? locale, JsonNode? value)
    {
        var clean = IsEmpty(value) ? null : value;
        if (clean?.Parent is not null)
        {
            clean = clean.DeepClone();
        }
        if (!field.Localized)
        {
            Fields[field.Name] = clean;
            return;
        }
        if (Fields[field.Name] is not JsonObject localized)
        {
            localized = [];
            Fields[field.Name] = localized;
        }
        localized[locale ?? Locales.Default] = clean;
    }

    public string? SlugIn(string locale) => Slug[locale] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public void SetSlug(string locale, string? value) => Slug[locale] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The <c>fields</c> of a write: every field, an emptied value sent as null so the API clears it.</summary>
    public JsonObject FieldsToWrite() => (JsonObject)Fields.DeepClone();

    /// <summary>The slugs of a write: only the locales given a slug; an empty one is left for the API to make from the title.</summary>
    public JsonObject SlugToWrite()
    {
        var slug = new JsonObject();
        foreach (var (locale, value) in Slug)
        {
            if (!IsEmpty(value))
            {
                slug[locale] = value!.DeepClone();
            }
        }
        return slug;
    }

    /// <summary>After a save or a reload: the API's view becomes the new baseline.</summary>
    public void Reset(EntryModel entry)
    {
        Fields = (JsonObject)entry.Fields.DeepClone();
        Slug = (JsonObject)entry.Slug.DeepClone();
        _savedFields = Canonical(Fields);
        _savedSlug = Canonical(Slug);
    }

    public static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => string.IsNullOrWhiteSpace(v.GetValue<string>()) || v.GetValue<string>() is "<p></p>" or "<br>" or "<p><br></p>",
        JsonArray a => a.Count == 0,
        _ => false,
    };

    /// <summary>Values compared without the nulls an emptied field leaves behind, so clearing and retyping is not a change.</summary>
    private static string Canonical(JsonObject value) => Strip(value)?.ToJsonString() ?? "{}";

    private static JsonNode? Strip(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => !IsEmpty(p.Value)).Select(p => KeyValuePair.Create(p.Key, Strip(p.Value))).Where(p => p.Value is not null)
            .OrderBy(p => p.Key, StringComparer.Ordinal)) is { Count: > 0 } s ? s : null,
        null => null,
        _ when IsEmpty(node) => null,
        _ => node.DeepClone(),
    };
}
