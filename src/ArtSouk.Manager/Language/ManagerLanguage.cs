using ArtSouk.Kernel.Localization;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Manager.Language;

/// <summary>The manager's language: the user's choice (a cookie) beats the browser's Accept-Language.</summary>
internal static class ManagerLanguage
{
    public const string Cookie = "artsouk.manager.lang";

    public static string Of(HttpRequest request) =>
        request.Cookies[Cookie] is { } chosen && Locales.IsSupported(chosen)
            ? chosen
            : Locales.FromAcceptLanguage(request.Headers.AcceptLanguage.ToString());

    public static void Remember(HttpResponse response, string locale) =>
        response.Cookies.Append(Cookie, locale, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            Path = "/",
        });
}
