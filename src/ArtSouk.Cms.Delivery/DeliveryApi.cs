using System.Security.Cryptography;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ArtSouk.Cms.Delivery;

/// <summary>The public, cacheable read API: <c>/api/v1/content/{type}</c>, <c>/api/v1/content/{type}/{idOrSlug}</c>, <c>/api/v1/routes</c>.</summary>
internal static class DeliveryApi
{
    public const string CachePolicy = "delivery";
    public const string CacheTag = "content";

    public static void MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Delivery").CacheOutput(CachePolicy);
        group.MapGet("/content/{type}", ListAsync)
            .WithSummary("List published entries of a type")
            .WithDescription("Filters: filter[field]=v or filter[field][op]=v with op in eq, ne, in, lt, lte, gt, gte, contains, exists. " +
                "sort=-year,title; fields=a,b; expand=artist,artist.gallery; limit=1..100; cursor from 'next'; locale=ar|en (beats Accept-Language).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/content/{type}/{idOrSlug}", ItemAsync)
            .WithSummary("One published entry by id or slug")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/routes", RouteAsync)
            .WithSummary("Resolve a site path such as /ar/artists/{slug}; old slugs report a 301 redirect")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(string type, HttpContext http, ContentTypeRegistry types, ContentReader reader, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return ApiProblem.Of(http, ProblemCode.UnknownContentType, $"'{type}' is not a content type; types: {string.Join(", ", types.All.Select(t => t.Name))}");
        }
        try
        {
            var request = DeliveryRequest.Parse(http.Request, contentType, list: true);
            if (await DenyPreviewAsync(http, request) is { } denied)
            {
                return denied;
            }
            var page = await reader.ListAsync(new ContentQuery(type, request.Locale, request.Preview, request.Filters, request.Sorts, request.Limit, request.Cursor), ct);
            return Respond(http, request, await new ItemWriter(reader, request).ListAsync(page, ct));
        }
        catch (InvalidQueryException rejected)
        {
            return BadQuery(http, rejected);
        }
    }

    private static async Task<IResult> ItemAsync(string type, string idOrSlug, HttpContext http, ContentTypeRegistry types, ContentReader reader, CancellationToken ct)
    {
        if (types.Find(type) is not { } contentType)
        {
            return ApiProblem.Of(http, ProblemCode.UnknownContentType, $"'{type}' is not a content type");
        }
        try
        {
            var request = DeliveryRequest.Parse(http.Request, contentType, list: false);
            if (await DenyPreviewAsync(http, request) is { } denied)
            {
                return denied;
            }
            var item = await reader.FindAsync(type, idOrSlug, request.Locale, request.Preview, ct);
            if (item is null)
            {
                return ApiProblem.Of(http, ProblemCode.NotFound, $"No published {type} '{idOrSlug}' in locale {request.Locale}.");
            }
            return Respond(http, request, await new ItemWriter(reader, request).ItemAsync(item, ct));
        }
        catch (InvalidQueryException rejected)
        {
            return BadQuery(http, rejected);
        }
    }

    private static async Task<IResult> RouteAsync(string? path, HttpContext http, ContentReader reader, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return BadQuery(http, new InvalidQueryException("path", "path is required, e.g. /ar/artists/{slug}", "المعامل path مطلوب، مثل /ar/artists/{slug}"));
        }
        var match = await reader.ResolveRouteAsync(path, ct);
        if (match is null)
        {
            return ApiProblem.Of(http, ProblemCode.NotFound, $"Nothing is published at {path}.");
        }
        var body = match.Kind == RouteMatch.RedirectKind
            ? (object)new { kind = match.Kind, status = StatusCodes.Status301MovedPermanently, location = match.Path, type = match.Type, id = match.Id, locale = match.Locale }
            : new { kind = match.Kind, status = StatusCodes.Status200OK, path = match.Path, type = match.Type, id = match.Id, locale = match.Locale };
        http.Response.Headers.ContentLanguage = match.Locale;
        return TypedResults.Json(body);
    }

    /// <summary>Drafts are for editors and preview keys only; and never from or into the shared cache.</summary>
    private static async Task<IResult?> DenyPreviewAsync(HttpContext http, DeliveryRequest request)
    {
        if (!request.Preview)
        {
            return null;
        }
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return ApiProblem.Of(http, ProblemCode.Unauthorized, "Previewing drafts needs a preview key: Authorization: Bearer <key>.");
        }
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, Policies.PreviewContent)).Succeeded
            ? null
            : ApiProblem.Of(http, ProblemCode.Forbidden, "This key cannot preview drafts.");
    }

    private static IResult Respond(HttpContext http, DeliveryRequest request, byte[] body)
    {
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(body), 0, 12).ToLowerInvariant()}\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        headers.ContentLanguage = request.Locale;
        headers.Vary = HeaderNames.AcceptLanguage;
        var options = http.RequestServices.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        headers.CacheControl = request.Preview ? "private, no-store" : $"public, max-age={options.MaxAgeSeconds}, must-revalidate";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Any(t => t.Trim().TrimStart('W', '/') == etag)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    private static ProblemHttpResult BadQuery(HttpContext http, InvalidQueryException rejected)
    {
        var message = rejected.In(Locales.FromRequest(http.Request));
        return ApiProblem.Of(http, ProblemCode.BadQuery, message, new Dictionary<string, string[]> { [rejected.Parameter] = [message] });
    }
}

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Seconds clients and CDNs may reuse a response without revalidating; 0 keeps publishes instant everywhere.</summary>
    public int MaxAgeSeconds { get; set; }
}
