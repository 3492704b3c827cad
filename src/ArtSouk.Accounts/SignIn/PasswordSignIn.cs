using System.Security.Cryptography;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.RateLimiting;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Accounts.SignIn;

/// <summary>The outcome of checking an e-mail, password and (when enrolled) authenticator code.</summary>
internal sealed record SignInCheck(User? User, ApiProblemResult? Refusal)
{
    public static SignInCheck Refused(ApiProblemResult refusal) => new(null, refusal);
}

/// <summary>
/// Checks credentials for every kind of sign-in (token now, the manager's cookie later), so they all share the same
/// throttling, lockout and timing.
/// <para>
/// Lockout: an ordinary account is locked for <c>Accounts:Lockout:Duration</c> (5 minutes) after
/// <c>MaxFailedAttempts</c> (5) failures. Administrators are never locked: anyone who knows an administrator's e-mail
/// could otherwise keep them out for good with five bad guesses every five minutes, from anywhere. Guessing an
/// administrator's password is stopped instead by the per-client failure limit (which only the guessing client feels),
/// the long-password rule and two-factor sign-in.
/// </para>
/// </summary>
internal sealed class PasswordSignIn(
    UserManager<User> users, IPasswordHasher<User> hasher, AccountsDbContext db, FailedSignIns failures, DecoyPassword decoy, TwoFactor.RecoveryCodes recovery)
{
    public async Task<SignInCheck> CheckAsync(HttpContext http, string? email, string? password, string? twoFactorCode)
    {
        var request = http.Request;
        var client = ClientAddress.Of(http);
        if (failures.RetryAfter(client) is { } wait)
        {
            return SignInCheck.Refused(RateLimitRejection.Problem(request, wait));
        }
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user?.PasswordHash is null || string.IsNullOrEmpty(password))
        {
            // An unknown e-mail costs one hash like a wrong password, and is answered in the same words.
            decoy.Verify(password ?? "");
            return Failed(client, InvalidCredentials());
        }
        if (await users.IsLockedOutAsync(user))
        {
            hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            return Failed(client, InvalidCredentials(Locales.Say(request,
                "محاولات خاطئة كثيرة؛ الحساب موقوف لبضع دقائق.", "Too many failed attempts; the account is locked for a few minutes.")));
        }
        var administrator = await users.IsInRoleAsync(user, Roles.Administrator);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            return await FailedForAccountAsync(user, administrator, client, request);
        }
        if (user.DisabledAt is not null)
        {
            // Said only to whoever knows the password; anyone else learns nothing about the account.
            return Failed(client, InvalidCredentials(Locales.Say(request,
                "هذا الحساب معطّل؛ تواصل مع مدير الموقع.", "This account is disabled; contact an administrator.")));
        }
        if (user.TwoFactorEnabled)
        {
            var code = twoFactorCode?.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (string.IsNullOrEmpty(code))
            {
                return SignInCheck.Refused(new BadRequestProblem(ProblemCode.TwoFactorRequired));
            }
            // A six-digit code is the authenticator's; a ten-character one is a recovery code, good once.
            var accepted = TwoFactor.RecoveryCodes.LooksLikeOne(code)
                ? await recovery.RedeemAsync(user, code, http.RequestAborted)
                : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
            if (!accepted)
            {
                return await FailedForAccountAsync(user, administrator, client, request);
            }
        }
        if (user.AccessFailedCount > 0)
        {
            await RetryOnConflictAsync(user, () => users.ResetAccessFailedCountAsync(user));
        }
        return new SignInCheck(user, null);
    }

    private async Task<SignInCheck> FailedForAccountAsync(User user, bool administrator, string client, HttpRequest request)
    {
        if (!administrator)
        {
            await RetryOnConflictAsync(user, () => users.AccessFailedAsync(user));
            if (await users.IsLockedOutAsync(user))
            {
                return Failed(client, InvalidCredentials(Locales.Say(request,
                    "محاولات خاطئة كثيرة؛ الحساب موقوف لبضع دقائق.", "Too many failed attempts; the account is locked for a few minutes.")));
            }
        }
        return Failed(client, InvalidCredentials());
    }

    private SignInCheck Failed(string client, ApiProblemResult refusal)
    {
        failures.Record(client);
        return SignInCheck.Refused(refusal);
    }

    private static BadRequestProblem InvalidCredentials(string? detail = null) => new(ProblemCode.InvalidCredentials, detail);

    /// <summary>
    /// Concurrent sign-ins update the same row (failed-attempt count, lockout); a stale copy loses on the concurrency
    /// stamp. Reloading and applying the change again keeps a right password from failing because another sign-in won.
    /// </summary>
    private async Task RetryOnConflictAsync(User user, Func<Task<IdentityResult>> change)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var result = await change();
            if (result.Succeeded || !result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                return;
            }
            await db.Entry(user).ReloadAsync();
        }
    }
}

/// <summary>A hash of a random password, checked for unknown e-mails so they cost what a wrong password costs.</summary>
internal sealed class DecoyPassword(IPasswordHasher<User> hasher)
{
    private static readonly User Nobody = new();

    // Made once per process with the hasher in use (scoped in Identity, so not held here).
    private static string? s_hash;

    public void Verify(string password)
    {
        var hash = s_hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
