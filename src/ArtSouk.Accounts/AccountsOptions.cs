using System.ComponentModel.DataAnnotations;
using ArtSouk.Kernel.Security;

namespace ArtSouk.Accounts;

/// <summary>The <c>Accounts</c> section: rate limits, lockout and who must use two-factor sign-in.</summary>
public sealed class AccountsOptions : IValidatableObject
{
    public const string Section = "Accounts";

    public AccountRateLimits RateLimits { get; set; } = new();

    public LockoutSettings Lockout { get; set; } = new();

    /// <summary>
    /// Roles (comma-separated; empty for none) whose accounts should sign in with an authenticator code. Sign-in is not
    /// refused before they enrol (the seeded administrator must be able to sign in to enrol); <c>/api/v1/me</c> reports
    /// <c>twoFactorRequired</c> so the manager sends them to enrolment first. A string, not a list: configuration binds
    /// lists by appending to the default, which could never remove a role.
    /// </summary>
    public string RequireTwoFactorFor { get; set; } = $"{Roles.Administrator},{Roles.Curator}";

    internal IReadOnlyList<string> RolesRequiringTwoFactor =>
        RequireTwoFactorFor.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How long an access token lives; a refresh token (14 days) gets a new one.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, limit) in RateLimits.All)
        {
            if (limit.PermitLimit < 1)
            {
                yield return new ValidationResult($"Accounts:RateLimits:{name}:PermitLimit must be at least 1", [nameof(RateLimits)]);
            }
            if (limit.Window <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Accounts:RateLimits:{name}:Window must be a positive time span (00:01:00)", [nameof(RateLimits)]);
            }
        }
        if (Lockout.MaxFailedAttempts < 1)
        {
            yield return new ValidationResult("Accounts:Lockout:MaxFailedAttempts must be at least 1", [nameof(Lockout)]);
        }
        if (Lockout.Duration <= TimeSpan.Zero || Lockout.Duration > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Accounts:Lockout:Duration must be positive and at most 01:00:00: a lockout is a pause, never a ban", [nameof(Lockout)]);
        }
        foreach (var role in RolesRequiringTwoFactor.Where(r => !Roles.All.Contains(r)))
        {
            yield return new ValidationResult($"Accounts:RequireTwoFactorFor \"{role}\" is not a role ({string.Join(", ", Roles.All)})", [nameof(RequireTwoFactorFor)]);
        }
        if (AccessTokenLifetime < TimeSpan.FromMinutes(1) || AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            yield return new ValidationResult("Accounts:AccessTokenLifetime must be between 00:01:00 and 1.00:00:00", [nameof(AccessTokenLifetime)]);
        }
    }
}

/// <summary>Per-client limits (<c>Accounts:RateLimits:SignIn:PermitLimit</c>, <c>...:Window</c>).</summary>
public sealed class AccountRateLimits
{
    /// <summary>
    /// Every sign-in request, right or wrong. Generous: offices and mobile carriers put many people behind one address,
    /// and it is <see cref="FailedSignIn"/> that stops guessing.
    /// </summary>
    public RateLimit SignIn { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Failed sign-ins (wrong or unknown e-mail, wrong password or code): over it, sign-in is refused unchecked.</summary>
    public RateLimit FailedSignIn { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    public RateLimit Register { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Forgot and reset password together: each forgot may send an e-mail.</summary>
    public RateLimit PasswordReset { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    public RateLimit TwoFactor { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };

    internal IEnumerable<(string Name, RateLimit Limit)> All =>
        [(nameof(SignIn), SignIn), (nameof(FailedSignIn), FailedSignIn), (nameof(Register), Register), (nameof(PasswordReset), PasswordReset), (nameof(TwoFactor), TwoFactor)];
}

public sealed class RateLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>Identity's account lockout, for accounts other than administrators (see <c>PasswordSignIn</c>).</summary>
public sealed class LockoutSettings
{
    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);
}
