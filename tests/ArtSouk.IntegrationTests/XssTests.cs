using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// XSS payloads through every text, rich-text and block field of every type: rich text comes out of the Delivery API
/// with nothing executable in it; plain text comes out exactly as written (it is text, encoded by whoever renders it).
/// </summary>
public sealed class XssTests
{
    public static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<p onclick=\"alert(1)\" onmouseover=alert(1)>x</p>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
        "\"><script>alert(1)</script>",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
    ];

    private static readonly HashSet<string> AllowedTags = ["p", "br", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li", "blockquote", "h2", "h3", "h4", "span", "bdi"];

    [Fact]
    public async Task No_payload_in_any_text_or_rich_text_field_comes_out_of_delivery_executable()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var anonymous = app.CreateClient();
        var types = app.Services.GetRequiredService<ContentTypeRegistry>();
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = "فنان", en = "Artist" } });
        var problems = new List<string>();
        var checkedValues = 0;
        foreach (var payload in Payloads)
        {
            foreach (var type in types.All)
            {
                var (fields, plain) = Fields(type, payload, artist);
                var response = await admin.PostAsJsonAsync($"/api/v1/manage/content/{type.Name}", new { fields, publish = true });
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    problems.Add($"{type.Name} refused {payload}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    continue;
                }
                var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
                foreach (var locale in new[] { "ar", "en" })
                {
                    var item = (await anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/{type.Name}/{id}?locale={locale}"))!;
                    foreach (var field in type.Fields)
                    {
                        foreach (var html in HtmlValues(field, item["fields"]![field.Name]))
                        {
                            checkedValues++;
                            problems.AddRange(Executable(html).Select(p => $"{type.Name}.{field.Name} ({locale}) from {payload}: {p} in {html}"));
                        }
                        if (plain.TryGetValue(field.Name, out var written) && item["fields"]![field.Name]?.GetValue<string>() != written)
                        {
                            problems.Add($"{type.Name}.{field.Name} ({locale}): plain text changed to {item["fields"]![field.Name]}");
                        }
                    }
                }
            }
        }
        Assert.True(checkedValues > Payloads.Length * 5, $"only {checkedValues} rich-text values checked");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Take(30)));
    }

    [Fact]
    public async Task Links_in_rich_text_keep_safe_schemes_and_get_a_rel()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var id = await admin.CreateEntryAsync("artist", new
        {
            name = new { ar = "روابط" },
            bio = new { ar = "<p><a href=\"https://artsouk.sa/x\" target=\"_blank\">موقع</a> <a href=\"mailto:a@artsouk.sa\">بريد</a></p>" },
        });
        var bio = (await app.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=ar"))!["fields"]!["bio"]!.GetValue<string>();
        var links = new HtmlParser().ParseDocument(bio).QuerySelectorAll("a");
        Assert.Equal(["https://artsouk.sa/x", "mailto:a@artsouk.sa"], links.Select(a => a.GetAttribute("href")));
        Assert.All(links, a => Assert.Contains("noopener", a.GetAttribute("rel")));
        Assert.All(links, a => Assert.Null(a.GetAttribute("target")));
    }

    /// <summary>Every text, rich-text and block field of <paramref name="type"/> carrying the payload; plain ones are returned as written.</summary>
    private static (JsonObject Fields, Dictionary<string, string> Plain) Fields(ContentType type, string payload, Guid artist)
    {
        var fields = new JsonObject();
        var plain = new Dictionary<string, string>();
        foreach (var field in type.Fields)
        {
            JsonNode? value = field.Kind switch
            {
                FieldKind.Text when field.Validation.Pattern is not null => null,
                FieldKind.Text when field.Name == type.TitleField => "T " + (payload.Length + 2 <= (field.Validation.MaxLength ?? 1000) ? payload : ""),
                FieldKind.Text when payload.Length <= (field.Validation.MaxLength ?? 1000) => payload,
                FieldKind.RichText => "<p>ok</p>" + payload,
                FieldKind.Blocks => new JsonArray(
                    new JsonObject { ["type"] = "heading", ["text"] = payload, ["level"] = 2 },
                    new JsonObject { ["type"] = "paragraph", ["html"] = "<p>ok</p>" + payload },
                    new JsonObject { ["type"] = "quote", ["text"] = payload, ["cite"] = payload }),
                FieldKind.Reference when field.Required => artist.ToString(),
                FieldKind.Enum when field.Required => field.Options[0].Value,
                FieldKind.DateTime when field.Required => "2027-05-01T18:00:00Z",
                _ => null,
            };
            if (value is null)
            {
                continue;
            }
            if (field.Kind == FieldKind.Text)
            {
                plain[field.Name] = value.GetValue<string>().Trim();
            }
            fields[field.Name] = field.Localized ? new JsonObject { ["ar"] = value.DeepClone(), ["en"] = value.DeepClone() } : value;
        }
        return (fields, plain);
    }

    /// <summary>The HTML strings a Delivery field holds: a rich-text value, and the <c>html</c> of paragraph blocks.</summary>
    private static IEnumerable<string> HtmlValues(FieldDefinition field, JsonNode? value) => field.Kind switch
    {
        FieldKind.RichText when value is JsonValue v => [v.GetValue<string>()],
        FieldKind.Blocks when value is JsonArray blocks => blocks.OfType<JsonObject>()
            .Where(b => b["html"]?.GetValueKind() == JsonValueKind.String).Select(b => b["html"]!.GetValue<string>()),
        _ => [],
    };

    /// <summary>What would run if the HTML were put in a page as it is.</summary>
    private static IEnumerable<string> Executable(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            if (!AllowedTags.Contains(element.LocalName))
            {
                yield return $"<{element.LocalName}>";
            }
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || attribute.Name is "style" or "src" or "srcdoc" or "action" or "formaction")
                {
                    yield return $"{attribute.Name}=";
                }
                if (attribute.Name == "href" && !(attribute.Value.StartsWith("https://", StringComparison.Ordinal)
                    || attribute.Value.StartsWith("http://", StringComparison.Ordinal) || attribute.Value.StartsWith("mailto:", StringComparison.Ordinal)))
                {
                    yield return $"href={attribute.Value}";
                }
            }
        }
    }
}
