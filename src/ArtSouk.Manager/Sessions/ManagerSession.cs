using System.Security.Claims;
using ArtSouk.Kernel.Localization;
using ArtSouk.Manager.Language;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Manager.Sessions;

/// <summary>
/// Who is signed in and in which language the manager speaks to them: filled from the cookie on the page request,
/// carried into the interactive circuit as persistent state.
/// </summary>
internal sealed class ManagerSession
{
    [PersistentState]
    public string Locale { get; set; } = Locales.Default;

    [PersistentState]
    public string? AccessToken { get; set; }

    [PersistentState]
    public string? DisplayName { get; set; }

    [PersistentState]
    public string? Email { get; set; }

    [PersistentState]
    public IReadOnlyList<string> Roles { get; set; } = [];

    /// <summary>The account's role wants two-factor sign-in (administrators, curators) and it has not enrolled yet.</summary>
    [PersistentState]
    public bool TwoFactorMissing { get; set; }

    public bool SignedIn => AccessToken is not null;

    public bool Arabic => Locale == Locales.Arabic;

    public string Direction => Arabic ? "rtl" : "ltr";

    public bool IsAdministrator => Roles.Contains("administrator");

    internal ManagerText Text => ManagerText.For(Locale);

    /// <summary>Reads the page request: the manager cookie's ticket and the language the user chose or the browser asks for.</summary>
    internal async Task LoadAsync(HttpContext http)
    {
        Locale = ManagerLanguage.Of(http.Request);
        var result = await http.AuthenticateAsync(ManagerCookie.Scheme);
        if (!result.Succeeded)
        {
            return;
        }
        AccessToken = result.Properties.GetTokenValue(ManagerCookie.AccessToken);
        var user = result.Principal;
        DisplayName = user.FindFirstValue(ClaimTypes.Name);
        Email = user.FindFirstValue(ClaimTypes.Email);
        Roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        TwoFactorMissing = http.Items.ContainsKey(SessionCheck.TwoFactorMissing);
    }
}
