using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ArtSouk.Kernel.Problems;

/// <summary>
/// Declares the problems the request pipeline answers before a handler runs, read from each endpoint's own metadata, so
/// a handler's return type lists only what the handler decides.
/// </summary>
public static class PipelineProblems
{
    /// <summary>
    /// On every <c>/api</c> endpoint mapped through <paramref name="builder"/>: 401 under authorization, plus 403 when a policy
    /// or role must hold; 429 under a rate limit; 400 when binding can refuse the request (a JSON body, or a query/route value to parse or supply).
    /// </summary>
    public static TBuilder DeclarePipelineProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Finally: group and endpoint conventions (RequireAuthorization) and the binding metadata are all in place by then.
        builder.Finally(endpoint =>
        {
            // Only /api answers these as problem bodies; elsewhere a browser is redirected to the login page.
            if (endpoint is not RouteEndpointBuilder { RoutePattern: var route } || route.RawText?.StartsWith("/api/", StringComparison.Ordinal) != true)
            {
                return;
            }
            var metadata = endpoint.Metadata;
            if (RequiresAuthorization(metadata, out var mayForbid))
            {
                ApiProblemResult.Declare(endpoint, StatusCodes.Status401Unauthorized);
                if (mayForbid)
                {
                    ApiProblemResult.Declare(endpoint, StatusCodes.Status403Forbidden);
                }
            }
            // The rate limiter refuses before the handler runs (RequireRateLimiting puts this attribute on the endpoint).
            if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                ApiProblemResult.Declare(endpoint, StatusCodes.Status429TooManyRequests);
            }
            if (BindingCanRefuse(metadata, route))
            {
                ApiProblemResult.Declare(endpoint, StatusCodes.Status400BadRequest);
            }
        });
        return builder;
    }

    private static bool RequiresAuthorization(IList<object> metadata, out bool mayForbid)
    {
        mayForbid = false;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return false;
        }
        var attributes = metadata.OfType<IAuthorizeData>().ToList();
        var policies = metadata.OfType<AuthorizationPolicy>().ToList();
        // A bare RequireAuthorization() only asks for a signed-in caller, who then always passes: 401, never 403.
        mayForbid = attributes.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles))
            || policies.Any(p => p.Requirements.Any(r => r is not DenyAnonymousAuthorizationRequirement));
        return attributes.Count > 0 || policies.Count > 0;
    }

    /// <summary>
    /// Mirrors what minimal API binding turns into a 400 (a BadHttpRequestException the host writes as a problem): an
    /// unreadable JSON body, a value that does not parse, a required query value that is missing. A route value under a
    /// constraint (<c>{id:guid}</c>) never gets that far: routing answers 404 instead.
    /// </summary>
    private static bool BindingCanRefuse(IList<object> metadata, RoutePattern route) =>
        metadata.OfType<IAcceptsMetadata>().Any(a => a.RequestType is not null)
        || metadata.OfType<IParameterBindingMetadata>().Any(p => p.HasTryParse && ValueCanRefuse(p, route));

    private static bool ValueCanRefuse(IParameterBindingMetadata parameter, RoutePattern route)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
        if (route.GetParameter(parameter.Name) is { } routeValue)
        {
            return routeValue.ParameterPolicies.Count == 0 && type != typeof(string);
        }
        return type != typeof(string) || !parameter.IsOptional;
    }
}
