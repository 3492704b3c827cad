using System.Collections.Concurrent;
using ArtSouk.Cms.Entries;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Themes.Souk.Rendering;

/// <summary>
/// Rendered public pages ready to send, answered before routing like the Delivery API's cache: anonymous GETs of
/// <c>/ar/...</c>, <c>/en/...</c>, the sitemap and robots.txt, keyed by path and query. Any committed content change
/// empties it, and a page rendered while a change committed is sent but not stored, so a publish shows on the next
/// request. Previews never pass through it.
/// </summary>
internal sealed class SiteCache : Kernel.Delivery.IDeliveryCache
{
    private const long SizeLimit = 128L * 1024 * 1024;
    private static readonly long LifetimeMs = (long)TimeSpan.FromMinutes(10).TotalMilliseconds;
    private readonly ConcurrentDictionary<string, Stored> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _generation;
    private long _bytes;

    public long Ticket() => Volatile.Read(ref _generation);

    public static bool Cacheable(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Authorization.Count == 0 && IsSitePath(request.Path);

    private static bool IsSitePath(PathString path) =>
        path.StartsWithSegments("/ar", StringComparison.Ordinal) || path.StartsWithSegments("/en", StringComparison.Ordinal)
        || path.Equals("/sitemap.xml", StringComparison.Ordinal) || path.StartsWithSegments("/sitemaps", StringComparison.Ordinal)
        || path.Equals("/robots.txt", StringComparison.Ordinal);

    public Task? TryServe(HttpContext http)
    {
        var request = http.Request;
        if (!Cacheable(request) || !_entries.TryGetValue(KeyOf(request), out var stored)
            || stored.Generation != Volatile.Read(ref _generation) || Environment.TickCount64 > stored.ExpiresAt)
        {
            return null;
        }
        return stored.Page.WriteAsync(http);
    }

    public void Store(HttpRequest request, long ticket, RenderedPage page)
    {
        var key = KeyOf(request);
        var size = page.Body.Length + key.Length * 2L + 256;
        lock (_gate)
        {
            if (ticket != _generation)
            {
                return;
            }
            if (_bytes + size > SizeLimit)
            {
                _entries.Clear();
                _bytes = 0;
            }
            if (_entries.TryGetValue(key, out var old))
            {
                _bytes -= old.Size;
            }
            _entries[key] = new Stored(page, ticket, Environment.TickCount64 + LifetimeMs, size);
            _bytes += size;
        }
    }

    public void Evict() => Clear();

    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            _entries.Clear();
            _bytes = 0;
        }
    }

    private static string KeyOf(HttpRequest request) => string.Concat(request.Path.Value, request.QueryString.Value);

    private sealed record Stored(RenderedPage Page, long Generation, long ExpiresAt, long Size);
}

/// <summary>Any committed content change empties the site's page cache, as it does the Delivery API's.</summary>
internal sealed class SiteCacheEviction(SiteCache cache) : IContentChangeObserver
{
    public Task ContentChangedAsync(ContentChange change, CancellationToken cancellationToken)
    {
        cache.Clear();
        return Task.CompletedTask;
    }
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
