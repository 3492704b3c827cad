using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>One status an operation answered, named as the OpenAPI document names operations.</summary>
public sealed record Observation(string Method, string Path, int Status)
{
    public string Operation => $"{Method} {Path}";
}

/// <summary>
/// Every (operation, status) any test host of this run answered, so the OpenAPI contract test can hold the document to
/// what the suite saw. Hosts record through <see cref="RecordResponses"/>, which <see cref="ArtSoukApp"/> installs.
/// </summary>
public static class ObservedResponses
{
    private static readonly ConcurrentDictionary<Observation, byte> Seen = new();

    public static IReadOnlyCollection<Observation> All => Seen.Keys.ToList();

    public static void Record(string method, RoutePattern route, int status) => Seen.TryAdd(new Observation(method, OpenApiPath(route), status), 0);

    /// <summary>The path as OpenAPI writes it: parameters without constraints, no trailing slash.</summary>
    public static string OpenApiPath(RoutePattern route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var path = new StringBuilder();
        foreach (var segment in route.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
                    _ => throw new NotSupportedException(part.GetType().Name),
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}

/// <summary>Outermost middleware: after the response, records the endpoint's route and the status it got.</summary>
internal sealed class RecordResponses : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            await nextMiddleware(context);
            // The exception handler clears the endpoint before writing its problem; it keeps it on its feature.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            if (endpoint is RouteEndpoint route)
            {
                ObservedResponses.Record(context.Request.Method, route.RoutePattern, context.Response.StatusCode);
            }
        });
        next(app);
    };
}
