using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Ganss.Xss;

namespace ArtSouk.Cms.Entries;

/// <summary>
/// Checks an editor's field values against the content type and merges them into the stored fields:
/// a field that is present replaces the stored value (per locale for localized fields); <c>null</c> clears it.
/// Rich text is sanitized here, on the way in.
/// </summary>
internal sealed class FieldInput(ContentType type, string messageLocale)
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private readonly ValidationErrors _errors = new();

    public ValidationErrors Errors => _errors;

    /// <summary>Entry ids the values point at, with the types each may be.</summary>
    public List<(string Path, Guid Id, IReadOnlyList<string> Types)> References { get; } = [];

    /// <summary>Media ids the values point at.</summary>
    public List<(string Path, Guid Id)> MediaIds { get; } = [];

    public JsonObject Merge(JsonObject stored, JsonObject? input)
    {
        var result = (JsonObject)stored.DeepClone();
        if (input is null)
        {
            return result;
        }
        // Values built in process (the generator) hold CLR types, such as an int, where a request holds JSON numbers;
        // read back as JSON, every caller gets the same validation.
        input = JsonNode.Parse(input.ToJsonString())!.AsObject();
        foreach (var (name, value) in input)
        {
            var path = $"fields.{name}";
            var field = type.Field(name);
            if (field is null)
            {
                Fail(path, "الحقل غير معروف في هذا النوع", $"'{name}' is not a field of {type.Name}");
                continue;
            }
            if (!field.Localized)
            {
                SetOrRemove(result, name, value is null ? null : Value(field, value, path));
                continue;
            }
            if (value is null)
            {
                result.Remove(name);
                continue;
            }
            if (value is not JsonObject perLocale)
            {
                Fail(path, "يجب أن تكون القيمة كائنًا بمفاتيح اللغات ar و en", "must be an object keyed by locale, e.g. {\"ar\": \"...\", \"en\": \"...\"}");
                continue;
            }
            var merged = result[name] as JsonObject ?? [];
            result.Remove(name);
            foreach (var (locale, localeValue) in perLocale)
            {
                if (!Locales.IsSupported(locale))
                {
                    Fail($"{path}.{locale}", "لغة غير مدعومة", $"'{locale}' is not a supported locale (ar, en)");
                    continue;
                }
                SetOrRemove(merged, locale, localeValue is null ? null : Value(field, localeValue, $"{path}.{locale}"));
            }
            if (merged.Count > 0)
            {
                result[name] = merged;
            }
        }
        return result;
    }

    private static void SetOrRemove(JsonObject target, string key, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = value;
        }
    }

    /// <summary>Validates one (single-locale) value; returns the normalized value, or null for "empty".</summary>
    private JsonNode? Value(FieldDefinition field, JsonNode value, string path)
    {
        if (field.Many)
        {
            if (value is not JsonArray array)
            {
                Fail(path, "يجب أن تكون القيمة قائمة", "must be an array");
                return null;
            }
            var items = new JsonArray();
            var index = 0;
            foreach (var item in array)
            {
                var normalized = item is null ? null : Single(field, item, $"{path}[{index}]");
                index++;
                if (normalized is not null && !items.Any(i => JsonNode.DeepEquals(i, normalized)))
                {
                    items.Add(normalized);
                }
            }
            var v = field.Validation;
            if (v.MinItems is { } min && items.Count < min)
            {
                Fail(path, $"يجب اختيار {min} عناصر على الأقل", $"must have at least {min} item(s)");
            }
            if (v.MaxItems is { } max && items.Count > max)
            {
                Fail(path, $"لا يمكن اختيار أكثر من {max} عناصر", $"must have at most {max} item(s)");
            }
            return items.Count == 0 ? null : items;
        }
        return Single(field, value, path);
    }

    private JsonNode? Single(FieldDefinition field, JsonNode value, string path)
    {
        var kind = value.GetValueKind();
        switch (field.Kind)
        {
            case FieldKind.Text:
                return kind == JsonValueKind.String ? Text(field, value.GetValue<string>().Trim(), path) : WrongType(path, "نصًا", "a string");
            case FieldKind.RichText:
                if (kind != JsonValueKind.String)
                {
                    return WrongType(path, "نصًا منسقًا (HTML)", "an HTML string");
                }
                var html = Sanitizer.Sanitize(value.GetValue<string>()).Trim();
                return PlainLength(html) == 0 ? null : Text(field, html, path, measure: PlainLength(html));
            case FieldKind.Integer:
                if (kind != JsonValueKind.Number || !value.AsValue().TryGetValue<decimal>(out var whole) || whole != decimal.Truncate(whole)
                    || whole is < long.MinValue or > long.MaxValue)
                {
                    return WrongType(path, "عددًا صحيحًا", "a whole number");
                }
                return Range(field, whole, path) ? JsonValue.Create((long)whole) : null;
            case FieldKind.Decimal:
                if (kind != JsonValueKind.Number || !value.AsValue().TryGetValue<decimal>(out var number))
                {
                    return WrongType(path, "رقمًا ضمن النطاق المسموح", "a number within range");
                }
                return Range(field, number, path) ? JsonValue.Create(number) : null;
            case FieldKind.Boolean:
                return kind is JsonValueKind.True or JsonValueKind.False ? JsonValue.Create(kind == JsonValueKind.True) : WrongType(path, "صح أو خطأ", "true or false");
            case FieldKind.Date:
                if (kind == JsonValueKind.String && FieldFormats.TryParseDate(value.GetValue<string>(), out var date))
                {
                    return JsonValue.Create(date);
                }
                return WrongType(path, "تاريخًا بصيغة YYYY-MM-DD", "a date as YYYY-MM-DD");
            case FieldKind.DateTime:
                if (kind == JsonValueKind.String && FieldFormats.TryParseDateTime(value.GetValue<string>(), out var moment))
                {
                    return JsonValue.Create(FieldFormats.DateTime(moment));
                }
                return WrongType(path, "تاريخًا ووقتًا بصيغة ISO 8601", "an ISO 8601 date and time");
            case FieldKind.Enum:
                if (kind == JsonValueKind.String && field.Options.Any(o => o.Value == value.GetValue<string>()))
                {
                    return JsonValue.Create(value.GetValue<string>());
                }
                var allowed = string.Join(", ", field.Options.Select(o => o.Value));
                Fail(path, $"القيمة غير مسموحة؛ القيم المتاحة: {allowed}", $"must be one of: {allowed}");
                return null;
            case FieldKind.Media:
                return Id(value, path, out var mediaId) ? Track(MediaIds, path, mediaId) : null;
            case FieldKind.Reference:
                if (!Id(value, path, out var entryId))
                {
                    return null;
                }
                References.Add((path, entryId, field.To));
                return JsonValue.Create(entryId.ToString());
            case FieldKind.Location:
                return Location(value, path);
            case FieldKind.Blocks:
                return Blocks(field, value, path);
            default:
                throw new InvalidOperationException($"unhandled field kind {field.Kind}");
        }
    }

    private static JsonValue Track(List<(string, Guid)> list, string path, Guid id)
    {
        list.Add((path, id));
        return JsonValue.Create(id.ToString());
    }

    private JsonValue? Text(FieldDefinition field, string text, string path, int? measure = null)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var length = measure ?? new StringInfo(text).LengthInTextElements;
        var v = field.Validation;
        if (v.MinLength is { } min && length < min)
        {
            Fail(path, $"يجب ألا يقل عن {min} أحرف", $"must be at least {min} characters");
        }
        if (v.MaxLength is { } max && length > max)
        {
            Fail(path, $"يجب ألا يزيد على {max} حرفًا (الحالي {length})", $"must be at most {max} characters (now {length})");
        }
        if (v.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            Fail(path, $"الصيغة غير صحيحة (النمط المطلوب {pattern})", $"does not match the required pattern {pattern}");
        }
        return JsonValue.Create(text);
    }

    private bool Range(FieldDefinition field, decimal number, string path)
    {
        var v = field.Validation;
        if (v.Min is { } min && number < min)
        {
            Fail(path, $"يجب ألا يقل عن {min}", $"must be at least {min}");
            return false;
        }
        if (v.Max is { } max && number > max)
        {
            Fail(path, $"يجب ألا يزيد على {max}", $"must be at most {max}");
            return false;
        }
        return true;
    }

    private bool Id(JsonNode value, string path, out Guid id)
    {
        if (value.GetValueKind() == JsonValueKind.String && Guid.TryParse(value.GetValue<string>(), out id))
        {
            return true;
        }
        id = Guid.Empty;
        Fail(path, "يجب أن يكون معرّفًا صالحًا", "must be an id (a UUID string)");
        return false;
    }

    private JsonObject? Location(JsonNode value, string path)
    {
        if (value is JsonObject o && o["lat"] is JsonValue latValue && o["lng"] is JsonValue lngValue
            && latValue.GetValueKind() == JsonValueKind.Number && lngValue.GetValueKind() == JsonValueKind.Number
            && latValue.TryGetValue<double>(out var lat) && lngValue.TryGetValue<double>(out var lng))
        {
            if (lat is >= -90 and <= 90 && lng is >= -180 and <= 180 && o.Count == 2)
            {
                return new JsonObject { ["lat"] = lat, ["lng"] = lng };
            }
        }
        Fail(path, "يجب أن يكون موقعًا {\"lat\": .., \"lng\": ..} بإحداثيات صحيحة", "must be {\"lat\": number, \"lng\": number} within valid coordinates");
        return null;
    }

    private JsonArray? Blocks(FieldDefinition field, JsonNode value, string path)
    {
        if (value is not JsonArray blocks)
        {
            return WrongArray(path);
        }
        var result = new JsonArray();
        for (var i = 0; i < blocks.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (blocks[i] is not JsonObject block || block["type"]?.GetValueKind() != JsonValueKind.String)
            {
                Fail(at, "كل كتلة يجب أن تكون كائنًا له نوع type", "each block must be an object with a \"type\"");
                continue;
            }
            var kind = block["type"]!.GetValue<string>();
            if (!field.Blocks.Contains(kind))
            {
                Fail($"{at}.type", $"نوع الكتلة غير مسموح هنا؛ المسموح: {string.Join(", ", field.Blocks)}", $"\"{kind}\" is not allowed here; allowed: {string.Join(", ", field.Blocks)}");
                continue;
            }
            var normalized = Block(kind, block, at);
            if (normalized is not null)
            {
                result.Add(normalized);
            }
        }
        return result.Count == 0 ? null : result;
    }

    private JsonObject? Block(string kind, JsonObject block, string at)
    {
        var allowedKeys = kind switch
        {
            BlockKinds.Heading => ["type", "text", "level"],
            BlockKinds.Paragraph => ["type", "html"],
            BlockKinds.Image => ["type", "media", "caption"],
            BlockKinds.Gallery => ["type", "media", "caption"],
            BlockKinds.Quote => ["type", "text", "cite"],
            BlockKinds.Embed => ["type", "url", "title"],
            BlockKinds.EntryList => new[] { "type", "title", "entries" },
            _ => throw new InvalidOperationException(kind),
        };
        foreach (var key in block.Select(p => p.Key).Where(k => !allowedKeys.Contains(k)))
        {
            Fail($"{at}.{key}", "خاصية غير معروفة في هذه الكتلة", $"'{key}' is not a property of a {kind} block");
        }
        var result = new JsonObject { ["type"] = kind };
        switch (kind)
        {
            case BlockKinds.Heading:
                result["text"] = RequiredString(block, "text", at, 200);
                var level = 2;
                if (block["level"] is JsonValue levelValue && (levelValue.GetValueKind() != JsonValueKind.Number || !levelValue.TryGetValue(out level))
                    || level is < 2 or > 4)
                {
                    Fail($"{at}.level", "مستوى العنوان من 2 إلى 4", "heading level must be 2, 3 or 4");
                }
                result["level"] = level;
                break;
            case BlockKinds.Paragraph:
                var html = Sanitizer.Sanitize(RequiredString(block, "html", at, 20000) ?? "");
                result["html"] = html;
                break;
            case BlockKinds.Image:
                result["media"] = block["media"] is { } m && Id(m, $"{at}.media", out var imageId) ? Track(MediaIds, $"{at}.media", imageId) : null;
                CopyOptional(block, result, "caption", at, 300);
                break;
            case BlockKinds.Gallery:
                var media = new JsonArray();
                if (block["media"] is JsonArray ids && ids.Count > 0)
                {
                    for (var j = 0; j < ids.Count; j++)
                    {
                        if (ids[j] is { } node && Id(node, $"{at}.media[{j}]", out var galleryId))
                        {
                            media.Add(Track(MediaIds, $"{at}.media[{j}]", galleryId));
                        }
                    }
                }
                else
                {
                    Fail($"{at}.media", "يجب اختيار صورة واحدة على الأقل", "must list at least one media id");
                }
                result["media"] = media;
                CopyOptional(block, result, "caption", at, 300);
                break;
            case BlockKinds.Quote:
                result["text"] = RequiredString(block, "text", at, 1000);
                CopyOptional(block, result, "cite", at, 200);
                break;
            case BlockKinds.Embed:
                var url = RequiredString(block, "url", at, 500);
                if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
                {
                    Fail($"{at}.url", "يجب أن يكون رابطًا آمنًا يبدأ بـ https://", "must be an https:// URL");
                }
                result["url"] = url;
                CopyOptional(block, result, "title", at, 200);
                break;
            case BlockKinds.EntryList:
                CopyOptional(block, result, "title", at, 200);
                var entries = new JsonArray();
                if (block["entries"] is JsonArray list)
                {
                    for (var j = 0; j < list.Count; j++)
                    {
                        if (list[j] is { } node && Id(node, $"{at}.entries[{j}]", out var id))
                        {
                            References.Add(($"{at}.entries[{j}]", id, []));
                            entries.Add(id.ToString());
                        }
                    }
                }
                else
                {
                    Fail($"{at}.entries", "يجب أن تكون قائمة بمعرّفات المحتوى", "must be an array of entry ids");
                }
                result["entries"] = entries;
                break;
        }
        return result;
    }

    private string? RequiredString(JsonObject block, string key, string at, int max)
    {
        if (block[key]?.GetValueKind() == JsonValueKind.String && block[key]!.GetValue<string>().Trim() is { Length: > 0 } text)
        {
            if (text.Length > max)
            {
                Fail($"{at}.{key}", $"يجب ألا يزيد على {max} حرفًا", $"must be at most {max} characters");
            }
            return text;
        }
        Fail($"{at}.{key}", "مطلوب", "is required");
        return null;
    }

    private void CopyOptional(JsonObject block, JsonObject result, string key, string at, int max)
    {
        if (block[key] is null)
        {
            return;
        }
        if (block[key]!.GetValueKind() != JsonValueKind.String)
        {
            Fail($"{at}.{key}", "يجب أن يكون نصًا", "must be a string");
            return;
        }
        var text = block[key]!.GetValue<string>().Trim();
        if (text.Length > max)
        {
            Fail($"{at}.{key}", $"يجب ألا يزيد على {max} حرفًا", $"must be at most {max} characters");
        }
        if (text.Length > 0)
        {
            result[key] = text;
        }
    }

    private static int PlainLength(string html) => Regex.Replace(html, "<[^>]*>", "", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim().Length;

    private JsonNode? WrongType(string path, string ar, string en)
    {
        Fail(path, $"يجب أن تكون القيمة {ar}", $"must be {en}");
        return null;
    }

    private JsonArray? WrongArray(string path)
    {
        Fail(path, "يجب أن تكون قائمة من الكتل", "must be an array of blocks");
        return null;
    }

    private void Fail(string path, string ar, string en) => _errors.Add(path, messageLocale == Locales.English ? en : ar);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "span", "bdi" })
        {
            sanitizer.AllowedTags.Add(tag);
        }
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("href");
        sanitizer.AllowedAttributes.Add("dir");
        sanitizer.AllowedAttributes.Add("lang");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedCssProperties.Clear();
        // Editors' links lead off the site: the new page gets no handle on ours, and no ranking from us.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.HasAttribute("href"))
            {
                link.SetAttribute("rel", "noopener noreferrer nofollow");
            }
        };
        return sanitizer;
    }
}

/// <summary>Canonical text forms of typed values, so stored JSON sorts and compares the same everywhere.</summary>
/// <summary>The one way dates and times are read (from editors' writes and from Delivery filters) and written.</summary>
internal static class FieldFormats
{
    /// <summary>A <c>date</c> field: <c>YYYY-MM-DD</c>, nothing else.</summary>
    public static bool TryParseDate(string? raw, out string date)
    {
        var ok = DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed);
        date = ok ? parsed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        return ok;
    }

    /// <summary>A <c>datetime</c> field or an instant filter: ISO 8601, UTC when no offset is given.</summary>
    public static bool TryParseDateTime(string? raw, out DateTimeOffset moment) =>
        DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment);

    public static string DateTime(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
