using System.Buffers;
using System.Globalization;
using ArtSouk.Kernel.Caching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ArtSouk.Cms.Delivery;

/// <summary>
/// Delivery API responses ready to send, answered to anonymous GETs before routing, authentication and the rest of the
/// pipeline. ASP.NET Core's output cache did the same job from behind authentication, and on every hit built a
/// case-folded key, queued the lookup through its request-coalescing dispatcher and deserialized the stored entry: a
/// hit cost 1.6 times a bare Kestrel request. Here a hit is one dictionary lookup and one write.
/// </summary>
/// <remarks>
/// What is stored and served is what the output cache stored and served: 200 responses to GETs without an
/// <c>Authorization</c> header, keyed by path, query and <c>Accept-Language</c>; never a preview. Any committed content
/// change empties it (<see cref="Clear"/>), and a response computed while a change committed is served but not stored,
/// so a publish shows on the very next request (<see cref="GenerationCache{T}"/>).
/// </remarks>
internal sealed class DeliveryCache : IContentCache
{
    public const long SizeLimit = 256L * 1024 * 1024;
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly GenerationCache<DeliveryResponse> _responses = new(SizeLimit, TimeSpan.FromMinutes(10));

    /// <summary>
    /// The ticket a request takes before it reads content, or null when its response may not be stored (not a GET,
    /// or sent with credentials: keys and tokens are never answered from the shared cache).
    /// </summary>
    public long? Ticket(HttpContext http) => Cacheable(http.Request) ? _responses.Ticket() : null;

    /// <summary>Answers <paramref name="http"/> from the cache; null when it has nothing current for it.</summary>
    public Task? TryServe(HttpContext http)
    {
        var request = http.Request;
        if (!Cacheable(request) || !request.Path.StartsWithSegments("/api/v1", StringComparison.Ordinal) || Find(request) is not { } entry)
        {
            return null;
        }
        var response = http.Response;
        entry.WriteHeaders(response.Headers);
        if (entry.Matches(request.Headers.IfNoneMatch.ToString()))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = JsonContentType;
        response.ContentLength = entry.Body.Length;
        // Written without a flush of its own: Kestrel sends headers and body together when the request ends.
        response.BodyWriter.Write(entry.Body);
        return Task.CompletedTask;
    }

    private DeliveryResponse? Find(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        var query = request.QueryString.Value ?? "";
        var language = request.Headers.AcceptLanguage.ToString();
        var length = 11 + path.Length + query.Length + 1 + language.Length;
        if (length > 1024)
        {
            return _responses.Find(KeyOf(request));
        }
        // The key is assembled on the stack: a hit allocates nothing for it.
        Span<char> key = stackalloc char[length];
        path.Length.TryFormat(key, out var written, provider: CultureInfo.InvariantCulture);
        key[written++] = ':';
        path.CopyTo(key[written..]);
        written += path.Length;
        query.CopyTo(key[written..]);
        written += query.Length;
        key[written++] = '\n';
        language.CopyTo(key[written..]);
        written += language.Length;
        return _responses.Find(key[..written]);
    }

    /// <summary>Stores a 200 response unless content changed since <paramref name="ticket"/> was taken.</summary>
    public void Store(HttpContext http, long ticket, DeliveryResponse response) =>
        _responses.Store(KeyOf(http.Request), ticket, response, response.Body.Length);

    /// <summary>Forgets everything; responses computed before this call are no longer stored either.</summary>
    public void Clear() => _responses.Clear();

    private static bool Cacheable(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Authorization.Count == 0;

    // The path's length goes first, so a decoded '?' inside the path cannot pass for the query.
    private static string KeyOf(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return string.Concat(path.Length.ToString(CultureInfo.InvariantCulture), ":", path, request.QueryString.Value, "\n",
            request.Headers.AcceptLanguage.ToString());
    }
}

/// <summary>A Delivery API body with the headers it is sent with.</summary>
internal sealed record DeliveryResponse(byte[] Body, string? ETag, string ContentLanguage, string? Vary, string? CacheControl)
{
    public void WriteHeaders(IHeaderDictionary headers)
    {
        if (ETag is not null)
        {
            headers.ETag = ETag;
        }
        headers.ContentLanguage = ContentLanguage;
        if (Vary is not null)
        {
            headers.Vary = Vary;
        }
        if (CacheControl is not null)
        {
            headers.CacheControl = CacheControl;
        }
    }

    /// <summary>True when the client's <c>If-None-Match</c> already holds this body.</summary>
    public bool Matches(string ifNoneMatch) =>
        ETag is not null && ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == ETag));

    public static string VaryByLanguage => HeaderNames.AcceptLanguage;
}

public static class DeliveryCacheExtensions
{
    /// <summary>
    /// Answers cached Delivery API reads; goes first in the pipeline, since a stored response needs neither routing nor
    /// authentication (requests with credentials are never answered from it).
    /// </summary>
    public static IApplicationBuilder UseCmsDelivery(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cache = app.ApplicationServices.GetRequiredService<DeliveryCache>();
        return app.Use(next => http => cache.TryServe(http) ?? next(http));
    }
}
