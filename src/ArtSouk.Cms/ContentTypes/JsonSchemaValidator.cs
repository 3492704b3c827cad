using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ArtSouk.Cms.ContentTypes;

/// <summary>
/// Evaluates the JSON Schema (2020-12) keywords <c>content-types/schema.json</c> uses. The registry we build
/// from has no usable JSON Schema package, so this covers a declared subset and refuses any other keyword
/// rather than silently ignoring it.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> Supported =
    [
        "$schema", "$id", "$defs", "$ref", "title", "description", "type", "enum", "const", "properties", "required",
        "additionalProperties", "items", "minItems", "maxItems", "uniqueItems", "pattern", "minLength", "maxLength",
        "minimum", "maximum", "allOf", "if", "then", "format",
    ];

    private readonly JsonElement _root;

    public JsonSchemaValidator(JsonElement root)
    {
        _root = root;
        CheckKeywords(root, "#");
    }

    /// <summary>Returns (instance path, problem) pairs; empty when the instance is valid.</summary>
    public List<(string Path, string Problem)> Validate(JsonElement instance)
    {
        var errors = new List<(string, string)>();
        Evaluate(_root, instance, "", errors);
        return errors;
    }

    private static void CheckKeywords(JsonElement schema, string at)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        foreach (var property in schema.EnumerateObject())
        {
            if (!Supported.Contains(property.Name))
            {
                throw new NotSupportedException($"schema keyword '{property.Name}' at {at} is not supported by the content type validator");
            }
            switch (property.Name)
            {
                case "properties" or "$defs":
                    foreach (var child in property.Value.EnumerateObject())
                    {
                        CheckKeywords(child.Value, $"{at}/{property.Name}/{child.Name}");
                    }
                    break;
                case "allOf":
                    foreach (var child in property.Value.EnumerateArray())
                    {
                        CheckKeywords(child, $"{at}/allOf");
                    }
                    break;
                case "items" or "additionalProperties" or "if" or "then":
                    CheckKeywords(property.Value, $"{at}/{property.Name}");
                    break;
            }
        }
    }

    private bool Evaluate(JsonElement schema, JsonElement instance, string path, List<(string, string)> errors)
    {
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add((path, "is not allowed here"));
            return false;
        }
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return true;
        }
        var before = errors.Count;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Evaluate(Resolve(reference.GetString()!), instance, path, errors);
        }
        if (schema.TryGetProperty("type", out var type) && !HasType(instance, type.GetString()!))
        {
            errors.Add((path, $"must be of type {type.GetString()}, found {Describe(instance)}"));
            return false;
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, instance))
        {
            errors.Add((path, $"must be {constant.GetRawText()}"));
        }
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => JsonElement.DeepEquals(o, instance)))
        {
            errors.Add((path, $"{Describe(instance)} is not one of {string.Join(", ", options.EnumerateArray().Select(o => o.GetRawText()))}"));
        }
        switch (instance.ValueKind)
        {
            case JsonValueKind.Object:
                EvaluateObject(schema, instance, path, errors);
                break;
            case JsonValueKind.Array:
                EvaluateArray(schema, instance, path, errors);
                break;
            case JsonValueKind.String:
                EvaluateString(schema, instance.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                EvaluateNumber(schema, instance.GetDecimal(), path, errors);
                break;
        }
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            foreach (var sub in allOf.EnumerateArray())
            {
                Evaluate(sub, instance, path, errors);
            }
        }
        if (schema.TryGetProperty("if", out var condition) && schema.TryGetProperty("then", out var then)
            && Evaluate(condition, instance, path, []))
        {
            Evaluate(then, instance, path, errors);
        }
        return errors.Count == before;
    }

    private void EvaluateObject(JsonElement schema, JsonElement instance, string path, List<(string, string)> errors)
    {
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!instance.TryGetProperty(name, out _))
                {
                    errors.Add((path, $"is missing the required property '{name}'"));
                }
            }
        }
        schema.TryGetProperty("properties", out var properties);
        schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in instance.EnumerateObject())
        {
            var childPath = $"{path}/{property.Name}";
            if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(property.Name, out var propertySchema))
            {
                Evaluate(propertySchema, property.Value, childPath, errors);
            }
            else if (additional.ValueKind == JsonValueKind.False)
            {
                errors.Add((childPath, $"'{property.Name}' is not a known property"));
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                Evaluate(additional, property.Value, childPath, errors);
            }
        }
    }

    private void EvaluateArray(JsonElement schema, JsonElement instance, string path, List<(string, string)> errors)
    {
        var length = instance.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var minItems) && length < minItems.GetInt32())
        {
            errors.Add((path, $"must have at least {minItems.GetInt32()} item(s)"));
        }
        if (schema.TryGetProperty("maxItems", out var maxItems) && length > maxItems.GetInt32())
        {
            errors.Add((path, $"must have at most {maxItems.GetInt32()} item(s)"));
        }
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.GetBoolean())
        {
            var items = instance.EnumerateArray().ToList();
            for (var i = 0; i < items.Count; i++)
            {
                for (var j = i + 1; j < items.Count; j++)
                {
                    if (JsonElement.DeepEquals(items[i], items[j]))
                    {
                        errors.Add(($"{path}/{j}", $"repeats {items[j].GetRawText()}"));
                    }
                }
            }
        }
        if (schema.TryGetProperty("items", out var itemSchema))
        {
            var index = 0;
            foreach (var item in instance.EnumerateArray())
            {
                Evaluate(itemSchema, item, $"{path}/{index++}", errors);
            }
        }
    }

    private static void EvaluateString(JsonElement schema, string value, string path, List<(string, string)> errors)
    {
        var length = new StringInfo(value).LengthInTextElements;
        if (schema.TryGetProperty("minLength", out var minLength) && length < minLength.GetInt32())
        {
            errors.Add((path, $"must be at least {minLength.GetInt32()} character(s)"));
        }
        if (schema.TryGetProperty("maxLength", out var maxLength) && length > maxLength.GetInt32())
        {
            errors.Add((path, $"must be at most {maxLength.GetInt32()} character(s)"));
        }
        if (schema.TryGetProperty("pattern", out var pattern)
            && !Regex.IsMatch(value, pattern.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add((path, $"\"{value}\" does not match the pattern {pattern.GetString()}"));
        }
        if (schema.TryGetProperty("format", out var format) && format.GetString() == "regex")
        {
            try
            {
                _ = new Regex(value, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                errors.Add((path, $"is not a valid regular expression: {ex.Message}"));
            }
        }
    }

    private static void EvaluateNumber(JsonElement schema, decimal value, string path, List<(string, string)> errors)
    {
        if (schema.TryGetProperty("minimum", out var minimum) && value < minimum.GetDecimal())
        {
            errors.Add((path, $"must be at least {minimum.GetDecimal()}"));
        }
        if (schema.TryGetProperty("maximum", out var maximum) && value > maximum.GetDecimal())
        {
            errors.Add((path, $"must be at most {maximum.GetDecimal()}"));
        }
    }

    private JsonElement Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"only local $ref values are supported, not '{reference}'");
        }
        var node = _root;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = node.GetProperty(segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        }
        return node;
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        "integer" => instance.ValueKind == JsonValueKind.Number && instance.TryGetInt64(out _),
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => instance.ValueKind == JsonValueKind.Null,
        _ => throw new NotSupportedException($"unknown JSON Schema type '{type}'"),
    };

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.String => $"\"{instance.GetString()}\"",
        JsonValueKind.Number => instance.GetRawText(),
        JsonValueKind.True or JsonValueKind.False => instance.GetRawText(),
        JsonValueKind.Null => "null",
        var kind => kind.ToString().ToLowerInvariant(),
    };
}
