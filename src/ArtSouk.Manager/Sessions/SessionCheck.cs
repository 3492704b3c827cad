using ArtSouk.Manager.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Manager.Sessions;

/// <summary>
/// Asks the API, on every request that reads the manager cookie (pages and form posts, not the circuit's messages),
/// whether the access token inside it still stands. The API ties tokens to the account's security stamp, so after
/// sign-out everywhere, a password change, disabling or a role change the cookie is dropped on the next request and
/// the browser is sent to sign in, instead of showing a shell whose every call fails.
/// </summary>
internal static class SessionCheck
{
    /// <summary>Set on the request when the account's role wants two-factor sign-in and it has not enrolled.</summary>
    public const string TwoFactorMissing = "artsouk.manager.two-factor-missing";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var token = context.Properties.GetTokenValue(ManagerCookie.AccessToken);
        var (alive, twoFactorMissing) = token is null ? (false, false) : await context.HttpContext.RequestServices.GetRequiredService<ManagerApi>()
            .SessionAsync(token, context.HttpContext.RequestAborted);
        if (twoFactorMissing)
        {
            context.HttpContext.Items[TwoFactorMissing] = true;
        }
        // null: the API did not answer; the pages will say so, and the session is not thrown away over a blip.
        if (alive == false)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(ManagerCookie.Scheme);
        }
    }
}
