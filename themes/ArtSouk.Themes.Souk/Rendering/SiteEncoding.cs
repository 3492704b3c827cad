using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ArtSouk.Themes.Souk.Rendering;

/// <summary>How the site writes editors' text into HTML and JSON-LD.</summary>
internal static class SiteEncoding
{
    /// <summary>
    /// Every script passes through as UTF-8 text, while <c>=</c> and <c>:</c> are written as references as well as the
    /// characters HTML and JSON always escape. Encoding alone already makes a name like
    /// <c>&lt;img src=x onerror=alert(1)&gt;</c> inert in our pages; escaping these two as well means no page carries
    /// an attribute assignment or a <c>javascript:</c> URL that a scraper or feed reader could paste back into its
    /// own HTML unencoded. Browsers and JSON parsers decode the references, so URLs and times read the same.
    /// </summary>
    public static TextEncoderSettings Settings
    {
        get
        {
            var settings = new TextEncoderSettings(UnicodeRanges.All);
            settings.ForbidCharacters('=', ':');
            return settings;
        }
    }

    /// <summary>The encoder for JSON-LD blocks: also escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so no text closes the script element.</summary>
    public static readonly JavaScriptEncoder Json = JavaScriptEncoder.Create(Settings);
}
