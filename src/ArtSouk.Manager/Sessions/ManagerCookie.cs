namespace ArtSouk.Manager.Sessions;

/// <summary>The manager's own cookie: it carries the API access token, never sent to the API itself.</summary>
internal static class ManagerCookie
{
    public const string Scheme = "ArtSouk.Manager";
    public const string Name = "artsouk.manager";
    public const string Policy = "manager.signed-in";
    public const string SignInPath = "/manager/sign-in";
    public const string AccessToken = "access_token";

    /// <summary>Only paths inside the manager are followed after sign-in, so a link cannot send a user elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/manager", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/manager";
}
