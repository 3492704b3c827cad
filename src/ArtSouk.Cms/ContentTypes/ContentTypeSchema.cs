using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;

namespace ArtSouk.Cms.ContentTypes;

/// <summary>
/// <c>content-types/schema.json</c>, built once with JsonSchema.Net, and the wording of its failures: each problem
/// once, at the instance path it is about, in the short phrasing start-up messages use.
/// </summary>
internal sealed class ContentTypeSchema
{
    // Keywords whose failure is always explained by a failing subschema below them, which is reported instead.
    private static readonly HashSet<string> Wrappers =
    [
        "$ref", "$dynamicRef", "allOf", "properties", "patternProperties", "additionalProperties", "items", "prefixItems",
        "then", "else", "dependentSchemas",
    ];

    private readonly JsonSchema _schema;
    private readonly EvaluationOptions _options;

    static ContentTypeSchema()
    {
        // JsonSchema.Net words errors in prose (in the server's culture) and leaves out what our messages quote, such
        // as an enum's options. Its hook for other wording is these process-wide templates; as JSON, Token reads them back.
        ErrorMessages.Enum = """{"values":[[values]]}""";
        ErrorMessages.Const = """{"value":[[value]]}""";
        ErrorMessages.Type = """{"expected":[[expected]]}""";
        ErrorMessages.Required = """{"missing":[[missing]]}""";
        ErrorMessages.Pattern = """{"pattern":[[pattern]]}""";
        ErrorMessages.Format = """{"format":[[format]]}""";
        ErrorMessages.FormatWithDetail = """{"format":[[format]],"detail":[[detail]]}""";
        ErrorMessages.MinLength = ErrorMessages.MaxLength = ErrorMessages.MinItems = ErrorMessages.MaxItems =
            ErrorMessages.Minimum = ErrorMessages.Maximum = """{"limit":[[limit]]}""";
    }

    public ContentTypeSchema(string schemaText)
    {
        // A registry of its own: the schema's $id may be built again (another folder, another test) in this process.
        _schema = JsonSchema.FromText(schemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var formats = new FormatRegistry();
        formats.Register(new PredicateFormat("regex", IsDotNetRegex));
        _options = new EvaluationOptions
        {
            OutputFormat = OutputFormat.Hierarchical,
            // 2020-12 makes format an annotation only; a pattern that cannot compile must stop start-up, not the first save.
            RequireFormatValidation = true,
            FormatRegistry = formats,
            Culture = CultureInfo.InvariantCulture,
        };
    }

    /// <summary>Returns (instance path, problem) pairs; empty when the instance is valid.</summary>
    public List<(string Path, string Problem)> Validate(JsonElement instance)
    {
        var problems = new List<(string, string)>();
        Collect(_schema.Evaluate(instance, _options), instance, problems);
        return problems.Distinct().ToList();
    }

    private static void Collect(EvaluationResults node, JsonElement instance, List<(string, string)> problems)
    {
        // Below a valid node, failures are branches not taken (an `if` that did not match), not problems.
        if (node.IsValid)
        {
            return;
        }
        var path = node.InstanceLocation.ToString();
        var value = node.InstanceLocation.Evaluate(instance) ?? default;
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            if (!Wrappers.Contains(keyword))
            {
                problems.AddRange(Word(keyword, message, path, value, node.EvaluationPath.ToString()));
            }
        }
        foreach (var child in node.Details ?? [])
        {
            Collect(child, instance, problems);
        }
    }

    private static IEnumerable<(string, string)> Word(string keyword, string message, string path, JsonElement value, string evaluationPath)
    {
        switch (keyword)
        {
            // The false schema has no keyword; under additionalProperties it means a property the type does not declare.
            case "" when evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal):
                yield return (path, $"'{path[(path.LastIndexOf('/') + 1)..].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)}' is not a known property");
                break;
            case "":
                yield return (path, "is not allowed here");
                break;
            case "required" when Token(message, "missing") is { ValueKind: JsonValueKind.Array } missing:
                foreach (var name in missing.EnumerateArray())
                {
                    yield return (path, $"'{name.GetString()}' is required");
                }
                break;
            case "type" when Token(message, "expected") is { } expected:
                var types = expected.ValueKind == JsonValueKind.Array ? expected.EnumerateArray().Select(t => t.GetString()) : [expected.GetString()];
                yield return (path, $"must be of type {string.Join(" or ", types)}, found {Describe(value)}");
                break;
            case "enum" when Token(message, "values") is { ValueKind: JsonValueKind.Array } options:
                yield return (path, $"{Describe(value)} is not one of {string.Join(", ", options.EnumerateArray().Select(o => o.GetRawText()))}");
                break;
            // JsonSchema.Net hands const over as the value's JSON text inside a string.
            case "const" when Token(message, "value") is { } constant:
                yield return (path, $"must be {(constant.ValueKind == JsonValueKind.String ? constant.GetString() : constant.GetRawText())}");
                break;
            case "uniqueItems" when value.ValueKind == JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                for (var j = 1; j < items.Count; j++)
                {
                    if (items.Take(j).Any(earlier => JsonElement.DeepEquals(earlier, items[j])))
                    {
                        yield return ($"{path}/{j}", $"repeats {items[j].GetRawText()}");
                    }
                }
                break;
            case "pattern" when Token(message, "pattern") is { } pattern:
                yield return (path, $"{Describe(value)} does not match the pattern {pattern.GetString()}");
                break;
            case "format" when Token(message, "format") is { } format:
                var detail = Token(message, "detail")?.GetString();
                yield return (path, $"is not a valid {format.GetString()}" + (detail is null ? "" : $": {detail}"));
                break;
            // Our own formats (regex) word the whole problem themselves.
            case "format":
                yield return (path, message);
                break;
            case "minItems" or "maxItems" or "minLength" or "maxLength" or "minimum" or "maximum" when Token(message, "limit") is { } limit:
                yield return (path, keyword switch
                {
                    "minItems" => $"must have at least {limit.GetRawText()} item(s)",
                    "maxItems" => $"must have at most {limit.GetRawText()} item(s)",
                    "minLength" => $"must be at least {limit.GetRawText()} character(s)",
                    "maxLength" => $"must be at most {limit.GetRawText()} character(s)",
                    "minimum" => $"must be at least {limit.GetRawText()}",
                    _ => $"must be at most {limit.GetRawText()}",
                });
                break;
            // A keyword the schema does not use yet: the library's own words are better than none.
            default:
                yield return (path, $"{keyword}: {message}");
                break;
        }
    }

    /// <summary>Reads a token back from a message worded by the templates above; null for any other message.</summary>
    private static JsonElement? Token(string message, string name)
    {
        if (!message.StartsWith('{'))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(message);
            return document.RootElement.TryGetProperty(name, out var token) && token.ValueKind != JsonValueKind.Null ? token.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Field patterns run through .NET's Regex when entries are saved, so that engine decides rather than ECMA-262.
    private static bool IsDotNetRegex(JsonElement element, out string? problem)
    {
        problem = null;
        if (element.ValueKind != JsonValueKind.String)
        {
            return true;
        }
        try
        {
            _ = new Regex(element.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException ex)
        {
            problem = $"is not a valid regular expression: {ex.Message}";
            return false;
        }
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
