using System.Text.Encodings.Web;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Accounts.Users;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Accounts.TwoFactor;

/// <summary>The shared key to type in and the <c>otpauth://</c> URI to show as a QR code.</summary>
internal sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

internal sealed record TwoFactorCodeRequest(string? Code);

/// <summary>Whether sign-in asks for a code, how many recovery codes are left, and new codes when just made (shown once).</summary>
internal sealed record TwoFactorState(bool TwoFactorEnabled, int RecoveryCodesLeft, IReadOnlyList<string>? RecoveryCodes = null);

/// <summary>
/// TOTP two-factor sign-in (RFC 6238, any authenticator app): start enrolment, confirm it with a code, remove it with a
/// code. None of these changes the security stamp, so the session enrolling goes on working.
/// </summary>
internal static class TwoFactorApi
{
    private const string Issuer = "Art Souk";

    public static void MapTwoFactorApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me/two-factor").RequireAuthorization().RequireRateLimiting(RateLimitPolicies.TwoFactor).WithTags("Accounts");
        group.MapPost("/", StartAsync).WithSummary("Start enrolling an authenticator: a new shared key and its otpauth:// URI (not active until confirmed)");
        group.MapPost("/enable", EnableAsync).WithSummary("Confirm enrolment with a code from the authenticator; sign-in then asks for a code");
        group.MapDelete("/", DisableAsync).WithSummary("Remove the authenticator, confirmed with a current code or a recovery code");
        group.MapPost("/recovery-codes", NewRecoveryCodesAsync)
            .WithSummary("Replace the recovery codes with ten new ones, confirmed with a current code; shown only in this response");
        // Read on every visit to the security screen: not counted against the enrolment limit.
        app.MapGet("/api/v1/me/two-factor", StateAsync).RequireAuthorization().WithTags("Accounts")
            .WithSummary("Whether two-factor sign-in is on and how many recovery codes are left");
    }

    private static async Task<Results<Ok<AuthenticatorSetup>, NotFoundProblem, ConflictProblem>> StartAsync(
        HttpContext http, UserManager<User> users, IUserStore<User> store)
    {
        if (await Me.FindAsync(http, users) is not { } user)
        {
            return Me.NotAnAccount(http);
        }
        if (user.TwoFactorEnabled)
        {
            // A new key would silently break the authenticator in use; removing it first is a deliberate step.
            return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request,
                "التحقق بخطوتين مفعّل؛ أوقفه أولًا ثم سجّل تطبيقًا جديدًا.", "Two-factor sign-in is on; turn it off before enrolling a new authenticator."));
        }
        // Through the store: UserManager.ResetAuthenticatorKeyAsync would also renew the stamp and end this very session.
        var key = users.GenerateNewAuthenticatorKey();
        await ((IUserAuthenticatorKeyStore<User>)store).SetAuthenticatorKeyAsync(user, key, http.RequestAborted);
        await users.UpdateAsync(user);
        var account = UrlEncoder.Default.Encode(user.Email!);
        var issuer = UrlEncoder.Default.Encode(Issuer);
        return TypedResults.Ok(new AuthenticatorSetup(Grouped(key),
            $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6&period=30"));
    }

    private static async Task<Results<Ok<TwoFactorState>, NotFoundProblem>> StateAsync(HttpContext http, UserManager<User> users, RecoveryCodes recovery)
    {
        if (await Me.FindAsync(http, users) is not { } user)
        {
            return Me.NotAnAccount(http);
        }
        return TypedResults.Ok(new TwoFactorState(user.TwoFactorEnabled, await recovery.LeftAsync(user, http.RequestAborted)));
    }

    private static async Task<Results<Ok<TwoFactorState>, BadRequestProblem, NotFoundProblem, ConflictProblem>> NewRecoveryCodesAsync(
        TwoFactorCodeRequest request, HttpContext http, UserManager<User> users, RecoveryCodes recovery)
    {
        if (await Me.FindAsync(http, users) is not { } user)
        {
            return Me.NotAnAccount(http);
        }
        if (!user.TwoFactorEnabled)
        {
            return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request, "التحقق بخطوتين غير مفعّل.", "Two-factor sign-in is not on."));
        }
        if (!await ValidAsync(users, user, request.Code))
        {
            return WrongCode(http);
        }
        var codes = await recovery.ReplaceAsync(user, http.RequestAborted);
        return TypedResults.Ok(new TwoFactorState(true, codes.Count, codes));
    }

    private static async Task<Results<Ok<TwoFactorState>, BadRequestProblem, NotFoundProblem, ConflictProblem>> EnableAsync(
        TwoFactorCodeRequest request, HttpContext http, UserManager<User> users, IUserStore<User> store, AccountSessions sessions, RecoveryCodes recovery)
    {
        if (await Me.FindAsync(http, users) is not { } user)
        {
            return Me.NotAnAccount(http);
        }
        if (await users.GetAuthenticatorKeyAsync(user) is null)
        {
            return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request,
                "ابدأ التسجيل أولًا (POST /api/v1/me/two-factor).", "Start enrolment first (POST /api/v1/me/two-factor)."));
        }
        if (!await ValidAsync(users, user, request.Code))
        {
            return WrongCode(http);
        }
        await ((IUserTwoFactorStore<User>)store).SetTwoFactorEnabledAsync(user, true, http.RequestAborted);
        await users.UpdateAsync(user);
        sessions.Forget(user.Id);
        // Made with the enrolment, so nobody turns two-factor on without a way back in when the phone is lost.
        var codes = await recovery.ReplaceAsync(user, http.RequestAborted);
        return TypedResults.Ok(new TwoFactorState(true, codes.Count, codes));
    }

    private static async Task<Results<Ok<TwoFactorState>, BadRequestProblem, NotFoundProblem, ConflictProblem>> DisableAsync(
        [FromBody] TwoFactorCodeRequest request, HttpContext http, UserManager<User> users, IUserStore<User> store, AccountSessions sessions, RecoveryCodes recovery)
    {
        if (await Me.FindAsync(http, users) is not { } user)
        {
            return Me.NotAnAccount(http);
        }
        if (!user.TwoFactorEnabled)
        {
            return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request,
                "التحقق بخطوتين غير مفعّل.", "Two-factor sign-in is not on."));
        }
        // Someone who lost the phone signs in with a recovery code and may turn two-factor off with another.
        var confirmed = await ValidAsync(users, user, request.Code)
            || request.Code is { } code && RecoveryCodes.LooksLikeOne(code) && await recovery.RedeemAsync(user, code, http.RequestAborted);
        if (!confirmed)
        {
            return WrongCode(http);
        }
        await ((IUserTwoFactorStore<User>)store).SetTwoFactorEnabledAsync(user, false, http.RequestAborted);
        await ((IUserAuthenticatorKeyStore<User>)store).SetAuthenticatorKeyAsync(user, null!, http.RequestAborted);
        await recovery.ClearAsync(user, http.RequestAborted);
        await users.UpdateAsync(user);
        sessions.Forget(user.Id);
        return TypedResults.Ok(new TwoFactorState(false, 0));
    }

    private static async Task<bool> ValidAsync(UserManager<User> users, User user, string? code) =>
        !string.IsNullOrWhiteSpace(code)
        && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider,
            code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal));

    private static BadRequestProblem WrongCode(HttpContext http)
    {
        var message = Locales.Say(http.Request, "الرمز غير صحيح أو انتهت صلاحيته؛ أدخل الرمز الظاهر الآن في التطبيق.",
            "The code is wrong or expired; enter the one your authenticator shows now.");
        return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["code"] = [message] });
    }

    /// <summary>The key in groups of four, easier to type from a screen.</summary>
    private static string Grouped(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4))))).ToLowerInvariant();
}
