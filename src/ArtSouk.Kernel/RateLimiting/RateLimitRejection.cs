using System.Threading.RateLimiting;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace ArtSouk.Kernel.RateLimiting;

/// <summary>How every rate limit refuses: a 429 problem in the request's language with <c>Retry-After</c> in seconds.</summary>
public static class RateLimitRejection
{
    /// <summary>Used when a limiter cannot say when permits come back.</summary>
    private static readonly TimeSpan Fallback = TimeSpan.FromMinutes(1);

    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Fallback;
        await Problem(context.HttpContext.Request, wait).ExecuteAsync(context.HttpContext);
    }

    /// <summary>The problem a handler returns when its own count (failed sign-ins) refuses the request.</summary>
    public static TooManyRequestsProblem Problem(HttpRequest request, TimeSpan wait)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seconds = TooManyRequestsProblem.RetryAfterSeconds(wait);
        return new TooManyRequestsProblem(wait, Locales.Say(request, $"أعد المحاولة بعد {seconds} ثانية.", $"Try again in {seconds} seconds."));
    }
}
