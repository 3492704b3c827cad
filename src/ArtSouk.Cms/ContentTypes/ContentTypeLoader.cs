using System.Text.Json;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Cms.ContentTypes;

/// <summary>A content type file that cannot be used; start-up stops with this message.</summary>
public sealed class InvalidContentTypeException(string message) : Exception(message);

/// <summary>
/// Reads <c>content-types/*.json</c>, validates each file against <c>schema.json</c> and the rules a schema
/// cannot express (references to real types, a localized title field), and builds the registry.
/// Problems name the file, the field and what is wrong, all at once.
/// </summary>
public static class ContentTypeLoader
{
    public const string SchemaFile = "schema.json";

    public static ContentTypeRegistry Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidContentTypeException($"content types folder '{folder}' does not exist");
        }
        var schemaPath = Path.Combine(folder, SchemaFile);
        if (!File.Exists(schemaPath))
        {
            throw new InvalidContentTypeException($"{schemaPath}: the JSON Schema for content types is missing");
        }
        ContentTypeSchema schema;
        try
        {
            schema = new ContentTypeSchema(File.ReadAllText(schemaPath));
        }
        catch (Exception ex) when (ex is JsonException or Json.Schema.JsonSchemaException or Json.Schema.RefResolutionException)
        {
            throw new InvalidContentTypeException($"{schemaPath}: not a usable JSON Schema: {ex.Message}");
        }

        var problems = new List<string>();
        var parsed = new List<(string File, JsonDocument Document)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Where(f => Path.GetFileName(f) != SchemaFile).Order(StringComparer.Ordinal))
        {
            var display = $"{Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar))}/{Path.GetFileName(file)}";
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                problems.Add($"{display}: not valid JSON (line {ex.LineNumber + 1}): {ex.Message}");
                continue;
            }
            var errors = schema.Validate(document.RootElement);
            if (errors.Count > 0)
            {
                problems.AddRange(errors.Select(e => $"{display}: {Locate(document.RootElement, e.Path)}: {e.Problem}"));
                document.Dispose();
                continue;
            }
            parsed.Add((display, document));
        }

        var types = new List<ContentType>();
        foreach (var (file, document) in parsed)
        {
            using (document)
            {
                var type = Map(document.RootElement);
                var expected = Path.GetFileNameWithoutExtension(file);
                if (type.Name != expected)
                {
                    problems.Add($"{file}: name: \"{type.Name}\" must match the file name \"{expected}\"");
                }
                types.Add(type);
            }
        }
        // Files that failed validation still name a type, so references to them don't add a second, misleading error.
        var names = Directory.EnumerateFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var type in types)
        {
            problems.AddRange(CheckRules(type, names).Select(p => $"content-types/{type.Name}.json: {p}"));
        }
        if (problems.Count > 0)
        {
            throw new InvalidContentTypeException("Invalid content type definitions:" + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        }
        return new ContentTypeRegistry(types);
    }

    /// <summary>Turns <c>/fields/4/kind</c> into <c>field 'birthYear' (/fields/4/kind)</c>.</summary>
    private static string Locate(JsonElement root, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[0] == "fields" && int.TryParse(segments[1], out var index)
            && root.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array && index < fields.GetArrayLength()
            && fields[index].TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            return $"field '{name.GetString()}' ({path})";
        }
        return path.Length == 0 ? "(root)" : path;
    }

    private static IEnumerable<string> CheckRules(ContentType type, HashSet<string> typeNames)
    {
        var title = type.Field(type.TitleField);
        if (title is null)
        {
            yield return $"titleField: \"{type.TitleField}\" is not one of the type's fields";
        }
        else if (title.Kind != FieldKind.Text || !title.Localized)
        {
            yield return $"titleField: field '{title.Name}' must be a localized text field";
        }
        foreach (var duplicate in type.Fields.GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            yield return $"field '{duplicate.Key}': declared {duplicate.Count()} times";
        }
        foreach (var field in type.Fields)
        {
            foreach (var target in field.To.Where(t => !typeNames.Contains(t)))
            {
                yield return $"field '{field.Name}' (to): \"{target}\" is not a content type";
            }
            if (field.Sortable && !field.IsScalar)
            {
                yield return $"field '{field.Name}' (sortable): a {field.Kind.ToString().ToLowerInvariant()}{(field.Many ? " list" : "")} field cannot be sorted";
            }
            if (field.Many && field.Kind is not (FieldKind.Reference or FieldKind.Media or FieldKind.Enum))
            {
                yield return $"field '{field.Name}' (many): only reference, media and enum fields can hold several values";
            }
            var v = field.Validation;
            if ((v.MinLength ?? v.MaxLength ?? (object?)v.Pattern) is not null && field.Kind is not (FieldKind.Text or FieldKind.RichText))
            {
                yield return $"field '{field.Name}' (validation): length and pattern rules apply to text fields only";
            }
            if ((v.Min ?? v.Max) is not null && field.Kind is not (FieldKind.Integer or FieldKind.Decimal))
            {
                yield return $"field '{field.Name}' (validation): min and max apply to number fields only";
            }
            if ((v.MinItems ?? v.MaxItems) is not null && !field.Many)
            {
                yield return $"field '{field.Name}' (validation): minItems and maxItems apply to fields with many: true";
            }
            if (v is { Min: not null, Max: not null } && v.Min > v.Max || v is { MinLength: not null, MaxLength: not null } && v.MinLength > v.MaxLength)
            {
                yield return $"field '{field.Name}' (validation): the minimum is greater than the maximum";
            }
        }
    }

    private static ContentType Map(JsonElement root) => new(
        root.GetProperty("name").GetString()!,
        Text(root.GetProperty("label")),
        Text(root.GetProperty("plural")),
        root.GetProperty("route").GetString()!,
        root.GetProperty("titleField").GetString()!,
        root.TryGetProperty("requiredLocales", out var required) ? Strings(required) : [Locales.Default],
        root.GetProperty("fields").EnumerateArray().Select(MapField).ToList());

    private static FieldDefinition MapField(JsonElement f)
    {
        var kind = f.GetProperty("kind").GetString() switch
        {
            "richtext" => FieldKind.RichText,
            "datetime" => FieldKind.DateTime,
            var other => Enum.Parse<FieldKind>(other!, ignoreCase: true),
        };
        return new FieldDefinition(
            f.GetProperty("name").GetString()!,
            kind,
            Text(f.GetProperty("label")),
            f.TryGetProperty("help", out var help) ? Text(help) : null,
            Flag(f, "localized"),
            Flag(f, "required"),
            Flag(f, "many"),
            Flag(f, "sortable"),
            f.TryGetProperty("validation", out var v) ? MapValidation(v) : FieldValidation.None,
            f.TryGetProperty("to", out var to) ? Strings(to) : [],
            f.TryGetProperty("options", out var options)
                ? options.EnumerateArray().Select(o => new EnumOption(o.GetProperty("value").GetString()!, Text(o.GetProperty("label")))).ToList()
                : [],
            f.TryGetProperty("blocks", out var blocks) ? Strings(blocks) : []);
    }

    private static FieldValidation MapValidation(JsonElement v) => new(
        Int(v, "minLength"), Int(v, "maxLength"), Dec(v, "min"), Dec(v, "max"),
        v.TryGetProperty("pattern", out var p) ? p.GetString() : null, Int(v, "minItems"), Int(v, "maxItems"));

    private static LocalizedText Text(JsonElement e) => new(e.GetProperty("ar").GetString()!, e.GetProperty("en").GetString()!);
    private static List<string> Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString()!).ToList();
    private static bool Flag(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.GetBoolean();
    private static int? Int(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : null;
    private static decimal? Dec(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetDecimal() : null;
}
