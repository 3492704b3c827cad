namespace ArtSouk.Kernel.Security;

/// <summary>Authorization policy and scope names shared by the modules; Accounts defines what grants them.</summary>
public static class Policies
{
    /// <summary>Any account that may write some content: what it may write is decided per type and entry.</summary>
    public const string ManageContent = "content.manage";
    public const string PreviewContent = "content.preview";
    public const string Administer = "admin";
}

public static class Roles
{
    public const string Administrator = "administrator";

    /// <summary>All content.</summary>
    public const string Curator = "curator";

    /// <summary>Events, workshops, articles, pages and collections.</summary>
    public const string Marketing = "marketing";

    /// <summary>Their own artist entry and the artworks that reference it; saves wait for review.</summary>
    public const string Artist = "artist";

    /// <summary>Their own gallery entry and the artworks that reference it; saves wait for review.</summary>
    public const string Gallery = "gallery";

    /// <summary>Everyone who registers.</summary>
    public const string Collector = "collector";

    public static IReadOnlyList<string> All { get; } = [Administrator, Curator, Marketing, Artist, Gallery, Collector];

    /// <summary>Roles that open the management API at all.</summary>
    public static IReadOnlyList<string> Editorial { get; } = [Administrator, Curator, Marketing, Artist, Gallery];
}

/// <summary>Claims Accounts puts on a signed-in person's principal, refreshed on every request.</summary>
public static class AccountClaims
{
    /// <summary>The entry (artist or gallery) an account speaks for, as a Guid string.</summary>
    public const string ProfileEntry = "artsouk:profile";
}

/// <summary>Scopes an API key can carry.</summary>
public static class Scopes
{
    public const string Delivery = "delivery";
    public const string Preview = "preview";
    public const string Manage = "manage";
    public const string ClaimType = "scope";

    public static IReadOnlyList<string> All { get; } = [Delivery, Preview, Manage];
}

/// <summary>Rate-limiting policies Accounts defines, per client address; the manager's own forms apply them too.</summary>
public static class RateLimitPolicies
{
    /// <summary>Every password sign-in attempt (token and cookie).</summary>
    public const string SignIn = "accounts.sign-in";
    public const string Register = "accounts.register";

    /// <summary>Forgot-password and reset-password together: each forgot sends an e-mail.</summary>
    public const string PasswordReset = "accounts.password-reset";

    /// <summary>Enrolling and removing an authenticator (each checks a code).</summary>
    public const string TwoFactor = "accounts.two-factor";
}
