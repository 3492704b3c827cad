using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ArtSouk.Accounts.SignIn;

/// <summary>
/// Failed sign-ins per client address in a fixed window (<c>Accounts:RateLimits:FailedSignIn</c>). Separate from the
/// rate limiter, which must take a permit before the outcome is known: counting only failures stops guessing without
/// refusing a busy office whose people type their passwords right.
/// </summary>
internal sealed class FailedSignIns(IMemoryCache cache, TimeProvider clock, IOptions<AccountsOptions> options)
{
    private RateLimit Limit => options.Value.RateLimits.FailedSignIn;

    /// <summary>How long <paramref name="client"/> must wait before its next attempt is even checked; null when it may try.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        if (!cache.TryGetValue(Key(client), out Window? window) || window is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        lock (window)
        {
            var ends = window.Start + Limit.Window;
            return now < ends && window.Count >= Limit.PermitLimit ? ends - now : null;
        }
    }

    public void Record(string client)
    {
        var now = clock.GetUtcNow();
        var window = cache.GetOrCreate(Key(client), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Limit.Window;
            return new Window { Start = now };
        })!;
        lock (window)
        {
            if (now >= window.Start + Limit.Window)
            {
                window.Start = now;
                window.Count = 0;
            }
            window.Count++;
        }
    }

    private static string Key(string client) => $"failed-sign-ins:{client}";

    private sealed class Window
    {
        public DateTimeOffset Start { get; set; }

        public int Count { get; set; }
    }
}
