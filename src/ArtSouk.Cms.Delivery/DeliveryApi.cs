using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Delivery;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ArtSouk.Cms.Delivery;

/// <summary>The public, cacheable read API: <c>/api/v1/content/{type}</c>, <c>/api/v1/content/{type}/{idOrSlug}</c>, <c>/api/v1/routes</c>.</summary>
internal static class DeliveryApi
{
    public static void MapDeliveryApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Delivery");
        // ItemWriter writes items straight to bytes, shaped by each content type: their 200 is declared here, as a JSON object.
        group.MapGet("/content/{type}", ListAsync)
            .WithSummary("List published entries of a type")
            .WithDescription("Filters: filter[field]=v or filter[field][op]=v with op in eq, ne, in, lt, lte, gt, gte, contains, exists. " +
                "sort=-year,title; fields=a,b; expand=artist,artist.gallery; limit=1..100; cursor from 'next'; locale=ar|en (beats Accept-Language).")
            .Produces<JsonObject>(StatusCodes.Status200OK);
        group.MapGet("/content/{type}/{idOrSlug}", ItemAsync)
            .WithSummary("One published entry by id or slug")
            .Produces<JsonObject>(StatusCodes.Status200OK);
        group.MapGet("/routes", RouteAsync)
            .WithSummary("Resolve a site path such as /ar/artists/{slug}; old slugs report a 301 redirect");
    }

    private static async Task<Results<FileContentHttpResult, NotModified, BadRequestProblem, UnauthorizedProblem, ForbiddenProblem, NotFoundProblem>> ListAsync(
        string type, HttpContext http, ContentTypeRegistry types, ContentReader reader, DeliveryCache cache, CancellationToken ct)
    {
        var ticket = cache.Ticket(http);
        if (types.Find(type) is not { } contentType)
        {
            return new NotFoundProblem(ProblemCode.UnknownContentType, $"'{type}' is not a content type; types: {string.Join(", ", types.All.Select(t => t.Name))}");
        }
        try
        {
            var request = DeliveryRequest.Parse(http.Request, contentType, list: true);
            if (request.Preview && http.User.Identity?.IsAuthenticated != true)
            {
                return NeedsPreviewKey();
            }
            if (request.Preview && !await MayPreviewAsync(http))
            {
                return CannotPreview();
            }
            var page = await reader.ListAsync(new ContentQuery(type, request.Locale, request.Preview, request.Filters, request.Sorts, request.Limit, request.Cursor), ct);
            var body = await new ItemWriter(reader, request, http.RequestServices.GetServices<IDeliveryItemExtension>()).ListAsync(page, ct);
            return Answer(http, request, body, cache, ticket) ? NotModified.Instance : Json(body);
        }
        catch (InvalidQueryException rejected)
        {
            return BadQuery(http, rejected);
        }
    }

    private static async Task<Results<FileContentHttpResult, NotModified, BadRequestProblem, UnauthorizedProblem, ForbiddenProblem, NotFoundProblem>> ItemAsync(
        string type, string idOrSlug, HttpContext http, ContentTypeRegistry types, ContentReader reader, DeliveryCache cache, CancellationToken ct)
    {
        var ticket = cache.Ticket(http);
        if (types.Find(type) is not { } contentType)
        {
            return new NotFoundProblem(ProblemCode.UnknownContentType, $"'{type}' is not a content type");
        }
        try
        {
            var request = DeliveryRequest.Parse(http.Request, contentType, list: false);
            if (request.Preview && http.User.Identity?.IsAuthenticated != true)
            {
                return NeedsPreviewKey();
            }
            if (request.Preview && !await MayPreviewAsync(http))
            {
                return CannotPreview();
            }
            var item = await reader.FindAsync(type, idOrSlug, request.Locale, request.Preview, ct);
            if (item is null)
            {
                return new NotFoundProblem(ProblemCode.NotFound, $"No published {type} '{idOrSlug}' in locale {request.Locale}.");
            }
            var body = await new ItemWriter(reader, request, http.RequestServices.GetServices<IDeliveryItemExtension>()).ItemAsync(item, ct);
            return Answer(http, request, body, cache, ticket) ? NotModified.Instance : Json(body);
        }
        catch (InvalidQueryException rejected)
        {
            return BadQuery(http, rejected);
        }
    }

    private static async Task<Results<Ok<RouteView>, BadRequestProblem, NotFoundProblem>> RouteAsync(
        string? path, HttpContext http, ContentReader reader, DeliveryCache cache, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var ticket = cache.Ticket(http);
        if (string.IsNullOrWhiteSpace(path))
        {
            return BadQuery(http, new InvalidQueryException("path", "path is required, e.g. /ar/artists/{slug}", "المعامل path مطلوب، مثل /ar/artists/{slug}"));
        }
        var match = await reader.ResolveRouteAsync(path, ct);
        if (match is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, $"Nothing is published at {path}.");
        }
        http.Response.Headers.ContentLanguage = match.Locale;
        var view = RouteView.Of(match);
        if (ticket is { } taken)
        {
            // Stored as the bytes Ok<RouteView> writes: the same serializer options, no ETag or Vary.
            cache.Store(http, taken, new DeliveryResponse(JsonSerializer.SerializeToUtf8Bytes(view, json.Value.SerializerOptions), null, match.Locale, null, null));
        }
        return TypedResults.Ok(view);
    }

    // Drafts are for editors and preview keys only; and never from or into the shared cache.
    private static UnauthorizedProblem NeedsPreviewKey() =>
        new(ProblemCode.Unauthorized, "Previewing drafts needs a preview key: Authorization: Bearer <key>.");

    private static ForbiddenProblem CannotPreview() => new(ProblemCode.Forbidden, "This key cannot preview drafts.");

    private static async Task<bool> MayPreviewAsync(HttpContext http) =>
        (await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(http.User, Policies.PreviewContent)).Succeeded;

    /// <summary>
    /// Sets the caching headers of <paramref name="body"/> and stores it for the next anonymous reader (never a preview);
    /// true when the client's <c>If-None-Match</c> already holds it.
    /// </summary>
    private static bool Answer(HttpContext http, DeliveryRequest request, byte[] body, DeliveryCache cache, long? ticket)
    {
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(body), 0, 12).ToLowerInvariant()}\"";
        var options = http.RequestServices.GetRequiredService<IOptions<DeliveryOptions>>().Value;
        var cacheControl = request.Preview ? "private, no-store" : $"public, max-age={options.MaxAgeSeconds}, must-revalidate";
        var response = new DeliveryResponse(body, etag, request.Locale, DeliveryResponse.VaryByLanguage, cacheControl);
        if (ticket is { } taken && !request.Preview)
        {
            cache.Store(http, taken, response);
        }
        response.WriteHeaders(http.Response.Headers);
        return response.Matches(http.Request.Headers.IfNoneMatch.ToString());
    }

    private static FileContentHttpResult Json(byte[] body) => TypedResults.Bytes(body, "application/json; charset=utf-8");

    private static BadRequestProblem BadQuery(HttpContext http, InvalidQueryException rejected)
    {
        var message = rejected.In(Locales.FromRequest(http.Request));
        return new BadRequestProblem(ProblemCode.BadQuery, message, new Dictionary<string, string[]> { [rejected.Parameter] = [message] });
    }
}

/// <summary>What a site path is: the live entry (<c>path</c>) or an old slug that moved (<c>status: 301</c>, <c>location</c>).</summary>
internal sealed record RouteView(
    string Kind,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Location,
    string Type,
    Guid Id,
    string Locale)
{
    public static RouteView Of(RouteMatch match) => match.Kind == RouteMatch.RedirectKind
        ? new(match.Kind, StatusCodes.Status301MovedPermanently, null, match.Path, match.Type, match.Id, match.Locale)
        : new(match.Kind, StatusCodes.Status200OK, match.Path, null, match.Type, match.Id, match.Locale);
}

/// <summary>304 for a conditional GET whose ETag still matches; a result type so the document declares it.</summary>
internal sealed class NotModified : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public static NotModified Instance { get; } = new();

    public int? StatusCode => StatusCodes.Status304NotModified;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Seconds clients and CDNs may reuse a response without revalidating; 0 keeps publishes instant everywhere.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 31_536_000, ErrorMessage = "Delivery:MaxAgeSeconds must be between 0 and 31536000 (a year)")]
    public int MaxAgeSeconds { get; set; }
}
