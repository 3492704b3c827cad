namespace ArtSouk.Kernel.Security;

/// <summary>Authorization policy and scope names shared by the modules; Accounts defines what grants them.</summary>
public static class Policies
{
    public const string ManageContent = "content.manage";
    public const string PreviewContent = "content.preview";
    public const string Administer = "admin";
}

public static class Roles
{
    public const string Administrator = "administrator";
    public const string Editor = "editor";
    public const string Member = "member";
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
