namespace ArtSouk.Manager.Sessions;

/// <summary>The manager's own cookie: it carries the API access token, never sent to the API itself.</summary>
internal static class ManagerCookie
{
    public const string Scheme = "ArtSouk.Manager";
    public const string Name = "artsouk.manager";
    public const string Policy = "manager.signed-in";

    /// <summary>
    /// Anyone, read through the manager cookie: antiforgery tokens are bound to the user they were issued to, so a
    /// form posted from a manager page must be validated as that same (manager) user, or as nobody before sign-in.
    /// </summary>
    public const string AnyVisitor = "manager.any-visitor";
    public const string SignInPath = "/manager/sign-in";
    public const string AccessToken = "access_token";

    /// <summary>Only paths inside the manager are followed after sign-in, so a link cannot send a user elsewhere.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/manager", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/manager";
}
