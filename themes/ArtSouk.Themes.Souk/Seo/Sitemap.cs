using System.Globalization;
using System.Text;
using System.Xml;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;
using ArtSouk.Themes.Souk.Content;

namespace ArtSouk.Themes.Souk;

/// <summary>One URL of the sitemap, with the same page in each language (<c>xhtml:link</c> alternates).</summary>
internal sealed record SitemapUrl(string Path, DateTimeOffset? LastModified, IReadOnlyDictionary<string, string> Alternates);

/// <summary>
/// <c>/sitemap.xml</c>: every live entry in both languages plus the home and list pages. Past 50,000 URLs (the protocol's
/// limit per file) it becomes a sitemap index of <c>/sitemaps/{n}.xml</c> files.
/// </summary>
internal static class Sitemap
{
    public const int MaxUrls = 50_000;

    public static async Task<List<SitemapUrl>> UrlsAsync(ContentReader reader, ContentTypeRegistry types, CancellationToken ct)
    {
        var urls = new List<SitemapUrl>();
        foreach (var locale in Locales.All)
        {
            urls.Add(new SitemapUrl($"/{locale}/", null, Locales.All.ToDictionary(l => l, l => $"/{l}/")));
            foreach (var type in types.All.Where(t => t.Route.Length > 0))
            {
                urls.Add(new SitemapUrl($"/{locale}/{type.Route}", null, Locales.All.ToDictionary(l => l, l => $"/{l}/{type.Route}")));
            }
        }
        foreach (var type in types.All)
        {
            foreach (var locale in Locales.All)
            {
                string? cursor = null;
                do
                {
                    var page = await reader.ListAsync(new ContentQuery(type.Name, locale, false, [], [new FieldSort("updatedAt", true)], ContentReader.MaxLimit, cursor), ct);
                    foreach (var item in page.Items)
                    {
                        var entry = new SiteEntry(item, type);
                        urls.Add(new SitemapUrl(entry.Path, item.UpdatedAt, entry.Translations));
                    }
                    cursor = page.Next;
                }
                while (cursor is not null);
            }
        }
        return urls;
    }

    /// <summary>The sitemap itself, or the index when <paramref name="urls"/> passes <see cref="MaxUrls"/>.</summary>
    public static byte[] Root(IReadOnlyList<SitemapUrl> urls, string origin) =>
        urls.Count <= MaxUrls ? UrlSet(urls, origin) : Index((urls.Count + MaxUrls - 1) / MaxUrls, origin, urls.Max(u => u.LastModified));

    /// <summary>Part <paramref name="n"/> (from 1) of a split sitemap; null past the last part.</summary>
    public static byte[]? Part(IReadOnlyList<SitemapUrl> urls, int n, string origin) =>
        urls.Count <= MaxUrls || n < 1 || (n - 1L) * MaxUrls >= urls.Count ? null : UrlSet(urls.Skip((n - 1) * MaxUrls).Take(MaxUrls).ToList(), origin);

    private static byte[] Index(int parts, string origin, DateTimeOffset? lastModified) => Write(xml =>
    {
        xml.WriteStartElement("sitemapindex", "http://www.sitemaps.org/schemas/sitemap/0.9");
        for (var i = 1; i <= parts; i++)
        {
            xml.WriteStartElement("sitemap");
            xml.WriteElementString("loc", $"{origin}/sitemaps/{i.ToString(CultureInfo.InvariantCulture)}.xml");
            if (lastModified is { } at)
            {
                xml.WriteElementString("lastmod", Day(at));
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static byte[] UrlSet(IReadOnlyList<SitemapUrl> urls, string origin) => Write(xml =>
    {
        var today = Day(DateTimeOffset.UtcNow);
        xml.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
        xml.WriteAttributeString("xmlns", "xhtml", null, "http://www.w3.org/1999/xhtml");
        foreach (var url in urls)
        {
            xml.WriteStartElement("url");
            xml.WriteElementString("loc", origin + SitePaths.Encode(url.Path));
            xml.WriteElementString("lastmod", url.LastModified is { } at ? Day(at) : today);
            foreach (var (locale, path) in url.Alternates)
            {
                xml.WriteStartElement("xhtml", "link", "http://www.w3.org/1999/xhtml");
                xml.WriteAttributeString("rel", "alternate");
                xml.WriteAttributeString("hreflang", locale);
                xml.WriteAttributeString("href", origin + SitePaths.Encode(path));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false }))
        {
            xml.WriteStartDocument();
            body(xml);
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    public static byte[] Robots(string origin) => Encoding.UTF8.GetBytes(
        "User-agent: *\nAllow: /\nDisallow: /preview/\nDisallow: /manager/\nDisallow: /api/\n\nSitemap: " + origin + "/sitemap.xml\n");
}
