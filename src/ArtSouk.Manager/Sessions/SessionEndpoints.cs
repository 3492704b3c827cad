using ArtSouk.Kernel.Localization;
using ArtSouk.Manager.Api;
using ArtSouk.Manager.Language;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Manager.Sessions;

/// <summary>Form posts outside the components: language switch and sign-out (both antiforgery-checked by form binding).</summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/manager").ExcludeFromDescription().RequireAuthorization(ManagerCookie.AnyVisitor);
        group.MapPost("/language", (Delegate)ChooseLanguageAsync);
        group.MapPost("/sign-out", (Delegate)SignOutAsync);
    }

    private static async Task<IResult> ChooseLanguageAsync([FromForm] string locale, [FromForm] string? returnUrl, HttpContext http, ManagerApi api, ManagerSession session)
    {
        if (!Locales.IsSupported(locale))
        {
            return TypedResults.BadRequest();
        }
        ManagerLanguage.Remember(http.Response, locale);
        var signedIn = await http.AuthenticateAsync(ManagerCookie.Scheme);
        if (signedIn.Properties?.GetTokenValue(ManagerCookie.AccessToken) is { } token)
        {
            session.Locale = locale;
            // Best effort: an API without PUT /me answers 404/405, and the cookie alone keeps the choice.
            await api.SaveLocaleAsync(token, locale, http.RequestAborted);
        }
        return TypedResults.LocalRedirect(ManagerCookie.SafeReturnUrl(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(ManagerCookie.Scheme);
        return TypedResults.LocalRedirect(ManagerCookie.SignInPath + "?signedOut=1");
    }
}
