using System.Text.Json;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Cms.Media;

/// <summary>
/// Reads an asset's texts (alt, caption, credit) from an upload form or an edit body, collecting errors keyed by field
/// (<c>alt.ar</c>, <c>altAr</c>, <c>focalPoint.x</c>) in the request's language.
/// </summary>
internal sealed class MediaTextInput(HttpContext http)
{
    public const int MaxAlt = 500;
    public const int MaxCaption = 1000;
    public const int MaxCredit = 300;

    private readonly bool _arabic = Locales.FromRequest(http.Request) == Locales.Arabic;

    public ValidationErrors Errors { get; } = new();

    /// <summary>Form fields <c>{name}Ar</c> and <c>{name}En</c>; empty or absent means no text.</summary>
    public MediaText Read(IFormCollection form, string name, int max) =>
        new(Text(form[name + "Ar"].ToString(), name + "Ar", max), Text(form[name + "En"].ToString(), name + "En", max));

    /// <summary>
    /// <c>{ar, en}</c> from an edit: an absent member keeps <paramref name="current"/>, <c>null</c> clears it, a locale
    /// absent from the object keeps that locale, a locale set to null or "" clears it.
    /// </summary>
    public MediaText Read(JsonElement value, string name, int max, MediaText current)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
                return current;
            case JsonValueKind.Null:
                return MediaText.Empty;
            case JsonValueKind.Object:
                var ar = current.Ar;
                var en = current.En;
                foreach (var locale in value.EnumerateObject())
                {
                    var path = $"{name}.{locale.Name}";
                    if (!Locales.IsSupported(locale.Name))
                    {
                        Fail(path, $"«{locale.Name}» ليست لغة؛ استخدم ar وen", $"'{locale.Name}' is not a locale; use ar and en");
                        continue;
                    }
                    string? text;
                    if (locale.Value.ValueKind == JsonValueKind.Null)
                    {
                        text = null;
                    }
                    else if (locale.Value.ValueKind == JsonValueKind.String)
                    {
                        text = Text(locale.Value.GetString()!, path, max);
                    }
                    else
                    {
                        Fail(path, "يجب أن يكون نصًا أو null", "must be a string or null");
                        continue;
                    }
                    if (locale.Name == Locales.Arabic)
                    {
                        ar = text;
                    }
                    else
                    {
                        en = text;
                    }
                }
                return new MediaText(ar, en);
            default:
                Fail(name, "يجب أن يكون كائنًا {ar, en} أو null", "must be an object {ar, en} or null");
                return current;
        }
    }

    /// <summary><c>{x, y}</c> in 0..1; null clears; absent keeps <paramref name="current"/>.</summary>
    public FocalPoint? ReadFocalPoint(JsonElement value, FocalPoint? current)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
                return current;
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                var x = Coordinate(value, "x");
                var y = Coordinate(value, "y");
                foreach (var other in value.EnumerateObject().Where(p => p.Name is not ("x" or "y")))
                {
                    Fail($"focalPoint.{other.Name}", "ليس من خصائص النقطة المحورية؛ استخدم x وy", "is not a property of a focal point; use x and y");
                }
                return x is { } fx && y is { } fy ? new FocalPoint(fx, fy) : current;
            default:
                Fail("focalPoint", "يجب أن تكون كائنًا {x, y} أو null", "must be an object {x, y} or null");
                return current;
        }
    }

    public void Fail(string path, string arabic, string english) => Errors.Add(path, _arabic ? arabic : english);

    private double? Coordinate(JsonElement point, string name)
    {
        if (point.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && d is >= 0 and <= 1)
        {
            return d;
        }
        Fail($"focalPoint.{name}", "مطلوب، عدد من 0 إلى 1", "is required, a number from 0 to 1");
        return null;
    }

    private string? Text(string raw, string path, int max)
    {
        // Plain text: trimmed, and control characters (other than line breaks in a caption) have no place in it.
        var text = new string(raw.Where(c => !char.IsControl(c) || c is '\n').ToArray()).Trim();
        if (text.Length > max)
        {
            Fail(path, $"يجب ألا يزيد على {max} حرف", $"must be at most {max} characters");
            return null;
        }
        return text.Length == 0 ? null : text;
    }
}
