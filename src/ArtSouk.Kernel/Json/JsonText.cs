using System.Text.Encodings.Web;
using System.Text.Json;

namespace ArtSouk.Kernel.Json;

/// <summary>
/// JSON as stored and served: Arabic stays readable UTF-8 instead of \u escapes (a third of the size).
/// Responses are application/json, never inlined into HTML, so HTML-sensitive characters need no escaping.
/// </summary>
public static class JsonText
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = Encoder };

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder };
}
