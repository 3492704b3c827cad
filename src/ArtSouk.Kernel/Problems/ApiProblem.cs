using ArtSouk.Kernel.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ArtSouk.Kernel.Problems;

/// <summary>
/// Builds <c>application/problem+json</c> bodies with a stable <c>type</c>/<c>code</c> and a title in the request's locale.
/// Handlers return them as typed results (<see cref="ApiProblemResult"/>); middleware writes them directly.
/// </summary>
public static class ApiProblem
{
    public static ProblemDetails Create(HttpContext context, ProblemCode code, string? detail = null,
        IDictionary<string, string[]>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(code);
        var locale = Locales.FromRequest(context.Request);
        var problem = new ProblemDetails
        {
            Type = code.Type,
            Title = code.Title.In(locale),
            Status = (int)code.Status,
            Detail = detail,
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = code.Code;
        if (errors is { Count: > 0 })
        {
            problem.Extensions["errors"] = errors;
        }
        return problem;
    }

    /// <summary>Writes a problem directly, for middleware that runs outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, ProblemCode code, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(code);
        var problem = Create(context, code, detail);
        context.Response.StatusCode = (int)code.Status;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
