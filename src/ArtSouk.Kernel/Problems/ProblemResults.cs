using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace ArtSouk.Kernel.Problems;

/// <summary>
/// A problem a handler can answer, named in its return type (<c>Results&lt;Ok&lt;T&gt;, NotFoundProblem&gt;</c>) so the
/// OpenAPI document lists the status as <c>application/problem+json</c>. The body is the one <see cref="ApiProblem"/> builds,
/// titled in the request's locale when the result runs.
/// </summary>
public abstract class ApiProblemResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "application/problem+json";

    private protected ApiProblemResult(int status, ProblemCode code, string? detail, IDictionary<string, string[]>? errors)
    {
        ArgumentNullException.ThrowIfNull(code);
        if ((int)code.Status != status)
        {
            throw new ArgumentException($"'{code.Code}' is a {(int)code.Status} problem, not {status}.", nameof(code));
        }
        Code = code;
        Detail = detail;
        Errors = errors;
    }

    public ProblemCode Code { get; }

    public string? Detail { get; }

    public IDictionary<string, string[]>? Errors { get; }

    public int StatusCode => (int)Code.Status;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    string? IContentTypeHttpResult.ContentType => MediaType;

    /// <summary>The result for <paramref name="code"/>'s status; callers narrow it to the statuses they declare.</summary>
    public static ApiProblemResult Of(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        return (int)code.Status switch
        {
            StatusCodes.Status400BadRequest => new BadRequestProblem(code, detail, errors),
            StatusCodes.Status401Unauthorized => new UnauthorizedProblem(code, detail, errors),
            StatusCodes.Status403Forbidden => new ForbiddenProblem(code, detail, errors),
            StatusCodes.Status404NotFound => new NotFoundProblem(code, detail, errors),
            StatusCodes.Status409Conflict => new ConflictProblem(code, detail, errors),
            StatusCodes.Status413PayloadTooLarge => new PayloadTooLargeProblem(code, detail, errors),
            StatusCodes.Status415UnsupportedMediaType => new UnsupportedMediaTypeProblem(code, detail, errors),
            StatusCodes.Status422UnprocessableEntity => new UnprocessableProblem(code, detail, errors),
            var status => throw new ArgumentException($"No typed result answers {status}.", nameof(code)),
        };
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        AddHeaders(httpContext.Response);
        // Through ProblemHttpResult, so bodies stay exactly what the problem details service writes for any other problem.
        return TypedResults.Problem(ApiProblem.Create(httpContext, Code, Detail, Errors)).ExecuteAsync(httpContext);
    }

    /// <summary>Headers that go with the problem (<c>Retry-After</c>); none by default.</summary>
    private protected virtual void AddHeaders(HttpResponse response)
    {
    }

    /// <summary>Adds the OpenAPI declaration of a problem response with <paramref name="status"/>.</summary>
    public static void Declare(EndpointBuilder builder, int status)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ApiProblemDetails), [MediaType]));
    }

    /// <summary>
    /// The way out for a status a handler did not declare: a server error (and a test failure) rather than a silent,
    /// undocumented response.
    /// </summary>
    public InvalidOperationException Undeclared(Exception? cause = null) =>
        new($"'{Code.Code}' ({StatusCode}) is not among the problems this endpoint declares.", cause);
}

/// <summary>400: the request is not valid (<c>validation-failed</c>, <c>bad-query</c>, <c>malformed-body</c>, ...).</summary>
public sealed class BadRequestProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status400BadRequest, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status400BadRequest);
}

/// <summary>401: the request needs credentials it does not carry.</summary>
public sealed class UnauthorizedProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status401Unauthorized, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status401Unauthorized);
}

/// <summary>403: the caller is known but may not do this.</summary>
public sealed class ForbiddenProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status403Forbidden, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status403Forbidden);
}

/// <summary>404: the type, entry, version or account named by the request does not exist.</summary>
public sealed class NotFoundProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status404NotFound, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the request conflicts with the stored state (a stale version, a taken slug, a duplicate e-mail).</summary>
public sealed class ConflictProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status409Conflict, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}

/// <summary>413: the upload is larger than accepted.</summary>
public sealed class PayloadTooLargeProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status413PayloadTooLarge, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status413PayloadTooLarge);
}

/// <summary>415: the uploaded file is of a kind we do not take.</summary>
public sealed class UnsupportedMediaTypeProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status415UnsupportedMediaType, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>422: the request is well formed but the content is not ready for it (publishing with required fields empty).</summary>
public sealed class UnprocessableProblem(ProblemCode code, string? detail = null, IDictionary<string, string[]>? errors = null)
    : ApiProblemResult(StatusCodes.Status422UnprocessableEntity, code, detail, errors), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}

/// <summary>429: the client sent too many requests of this kind; <c>Retry-After</c> says in how many seconds to try again.</summary>
public sealed class TooManyRequestsProblem(TimeSpan retryAfter, string? detail = null)
    : ApiProblemResult(StatusCodes.Status429TooManyRequests, ProblemCode.TooManyRequests, detail, null), IEndpointMetadataProvider
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status429TooManyRequests);

    private protected override void AddHeaders(HttpResponse response) => response.Headers.RetryAfter = RetryAfterSeconds(RetryAfter);

    /// <summary>Whole seconds, rounded up and at least 1, as <c>Retry-After</c> carries them.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The wire shape of every API problem, for the OpenAPI document: RFC 9457 fields plus the stable <c>code</c> clients
/// switch on and, for invalid input, <c>errors</c> keyed by JSON path. <see cref="ApiProblem.Create"/> writes exactly these.
/// </summary>
public sealed class ApiProblemDetails : ProblemDetails
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("errors")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IDictionary<string, string[]>? Errors { get; init; }
}
