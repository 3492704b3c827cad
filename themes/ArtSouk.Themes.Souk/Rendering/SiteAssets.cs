using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Themes.Souk.Rendering;

/// <summary>
/// The stylesheet, script and fonts, shipped inside the assembly and served from the site's own origin under names that
/// carry a hash of their bytes (<c>/_site/site.3fa2c1d9e0.css</c>), so they can be cached for a year as immutable.
/// The stylesheet's font URLs are rewritten to the fingerprinted names before it is hashed itself.
/// </summary>
internal sealed class SiteAssets
{
    public const string Prefix = "/_site/";
    private readonly FrozenDictionary<string, Asset> _byUrlName;
    private readonly FrozenDictionary<string, string> _urlOf;

    public SiteAssets()
    {
        var assembly = typeof(SiteAssets).Assembly;
        var raw = assembly.GetManifestResourceNames().Where(n => n.StartsWith("site/", StringComparison.Ordinal))
            .ToDictionary(n => n["site/".Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            }, StringComparer.Ordinal);
        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        void Add(string name, byte[] bytes)
        {
            var hash = Convert.ToHexString(SHA256.HashData(bytes), 0, 5).ToLowerInvariant();
            var urlName = $"{Path.GetFileNameWithoutExtension(name)}.{hash}{Path.GetExtension(name)}";
            urls[name] = Prefix + urlName;
            assets[urlName] = new Asset(bytes, ContentTypeOf(name));
        }
        foreach (var (name, bytes) in raw.Where(r => !r.Key.EndsWith(".css", StringComparison.Ordinal)))
        {
            Add(name, bytes);
        }
        foreach (var (name, bytes) in raw.Where(r => r.Key.EndsWith(".css", StringComparison.Ordinal)))
        {
            var css = Encoding.UTF8.GetString(bytes);
            foreach (var (font, url) in urls)
            {
                css = css.Replace($"url(fonts/{font})", $"url({url})", StringComparison.Ordinal);
            }
            Add(name, Encoding.UTF8.GetBytes(css));
        }
        _byUrlName = assets.ToFrozenDictionary(StringComparer.Ordinal);
        _urlOf = urls.ToFrozenDictionary(StringComparer.Ordinal);
        Stylesheet = Text("site.css");
    }

    /// <summary>
    /// The site's stylesheet, which every page writes into its head: one less request before the first paint on a slow
    /// phone network. The fonts it names stay fingerprinted files cached for a year; at about 5 KB compressed it costs
    /// each page little.
    /// </summary>
    public string Stylesheet { get; }

    /// <summary>The fingerprinted URL of an asset by its plain name (<c>site.css</c>).</summary>
    public string Url(string name) => _urlOf[name];

    /// <summary>A text asset (the stylesheet, its font URLs fingerprinted) to write into a page.</summary>
    public string Text(string name) => Encoding.UTF8.GetString(_byUrlName[_urlOf[name][Prefix.Length..]].Bytes);

    public IResult Serve(string file, HttpContext http)
    {
        if (!_byUrlName.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".woff2" => "font/woff2",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType);
}
