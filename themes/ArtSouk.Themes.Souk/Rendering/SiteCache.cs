using ArtSouk.Kernel.Caching;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Themes.Souk.Rendering;

/// <summary>
/// Rendered public pages ready to send, answered before routing like the Delivery API's cache: anonymous GETs of
/// <c>/ar/...</c>, <c>/en/...</c>, the sitemap and robots.txt, keyed by path and query. Emptied by any committed
/// content change (<see cref="GenerationCache{T}"/>); previews never pass through it.
/// </summary>
internal sealed class SiteCache : IContentCache
{
    private readonly GenerationCache<RenderedPage> _pages = new(128L * 1024 * 1024, TimeSpan.FromMinutes(10));

    public long Ticket() => _pages.Ticket();

    public static bool Cacheable(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Authorization.Count == 0 && IsSitePath(request.Path);

    private static bool IsSitePath(PathString path) =>
        path.StartsWithSegments("/ar", StringComparison.Ordinal) || path.StartsWithSegments("/en", StringComparison.Ordinal)
        || path.Equals("/sitemap.xml", StringComparison.Ordinal) || path.StartsWithSegments("/sitemaps", StringComparison.Ordinal)
        || path.Equals("/robots.txt", StringComparison.Ordinal);

    public Task? TryServe(HttpContext http) =>
        Cacheable(http.Request) && _pages.Find(KeyOf(http.Request)) is { } page ? page.WriteAsync(http) : null;

    public void Store(HttpRequest request, long ticket, RenderedPage page) => _pages.Store(KeyOf(request), ticket, page, page.Body.Length);

    public void Clear() => _pages.Clear();

    private static string KeyOf(HttpRequest request) => string.Concat(request.Path.Value, request.QueryString.Value);
}

/// <summary>A response body with its status and type, as rendered or as served from the cache.</summary>
internal sealed record RenderedPage(int Status, string ContentType, byte[] Body, string? Language = null, string? CacheControl = null)
{
    public const string Html = "text/html; charset=utf-8";

    /// <summary>Where a redirect points, percent-encoded.</summary>
    public string? Location { get; init; }

    /// <summary><c>Content-Disposition</c> for downloads (.ics).</summary>
    public string? Disposition { get; init; }

    public Task WriteAsync(HttpContext http)
    {
        var response = http.Response;
        response.StatusCode = Status;
        response.ContentType = ContentType;
        response.ContentLength = Body.Length;
        response.Headers.CacheControl = CacheControl ?? "public, max-age=0, must-revalidate";
        if (Location is not null)
        {
            response.Headers.Location = Location;
        }
        if (Disposition is not null)
        {
            response.Headers.ContentDisposition = Disposition;
        }
        if (Language is not null)
        {
            response.Headers.ContentLanguage = Language;
            SiteLanguageCookie.Remember(http, Language);
        }
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(Body).AsTask();
    }
}

/// <summary>The language a visitor last read in; <c>/</c> sends them back to it before asking Accept-Language.</summary>
internal static class SiteLanguageCookie
{
    public const string Name = "artsouk-lang";

    public static void Remember(HttpContext http, string locale)
    {
        if (http.Request.Cookies[Name] != locale)
        {
            http.Response.Cookies.Append(Name, locale, new CookieOptions
            {
                Path = "/", MaxAge = TimeSpan.FromDays(365), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true,
            });
        }
    }
}
