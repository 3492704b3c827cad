using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>
/// Waiting for a page to arrive somewhere after a click, by asking the page rather than by waiting for the browser's
/// navigation events. <c>WaitForURLAsync</c> waits for a "load" event once the address matches; in fresh-clone CI
/// (two loaded cores) it twice missed one that had fired: its log showed the page idle on the new address, the
/// "networkidle" event after "load", and a minute's wait for "load" all the same. Here the address is read until it
/// matches and then the document itself is asked whether it has loaded, which no event can slip past.
/// </summary>
internal static class Arrival
{
    /// <summary>Waits until the page's address matches <paramref name="glob"/> (Playwright's: <c>**</c> any characters,
    /// <c>*</c> any but <c>/</c>, everything else literal) and its document has loaded.</summary>
    public static Task ArrivedAsync(this IPage page, string glob)
    {
        var pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$");
        return page.ArrivedAsync(pattern.IsMatch, glob);
    }

    /// <summary>Waits until <paramref name="at"/> holds for the page's address and its document has loaded.</summary>
    public static async Task ArrivedAsync(this IPage page, Func<string, bool> at, string what = "the expected address")
    {
        var deadline = DateTimeOffset.UtcNow + ManagerHost.StepTimeout;
        while (!at(page.Url))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"The page did not arrive at {what} within {ManagerHost.StepTimeout.TotalSeconds:0} s; it is at {page.Url}.");
            }
            await Task.Delay(50);
        }
        // Bounded by the context's default timeout (ManagerHost.StepTimeout).
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }
}
