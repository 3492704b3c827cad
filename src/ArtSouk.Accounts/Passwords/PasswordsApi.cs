using ArtSouk.Accounts.Persistence;
using ArtSouk.Accounts.SignIn;
using ArtSouk.Accounts.Users;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.RateLimiting;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ArtSouk.Accounts.Passwords;

internal sealed record ForgotPasswordRequest(string? Email);

internal sealed record ForgotPasswordResponse(string Message);

internal sealed record ResetPasswordRequest(string? Email, string? Token, string? NewPassword);

internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Forgotten passwords (a link by e-mail to the manager's reset page) and changing one's own password.</summary>
internal static class PasswordsApi
{
    /// <summary>The manager page a reset e-mail links to; it posts the e-mail, token and new password to reset-password.</summary>
    public const string ResetPage = "/manager/reset-password";

    public static void MapPasswordsApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts").RequireRateLimiting(RateLimitPolicies.PasswordReset);
        auth.MapPost("/forgot-password", ForgotAsync).WithSummary("E-mail a reset link to an account; answered the same whether or not the address has one");
        auth.MapPost("/reset-password", ResetAsync).WithSummary("Choose a new password with the token from the reset e-mail; every session of the account ends");
        app.MapPost("/api/v1/me/password", ChangeAsync).RequireAuthorization().RequireRateLimiting(RateLimitPolicies.SignIn).WithTags("Accounts")
            .WithSummary("Change the signed-in account's password; every other session ends, and the response carries new tokens for this one");
    }

    private static async Task<Results<Accepted<ForgotPasswordResponse>, BadRequestProblem>> ForgotAsync(
        ForgotPasswordRequest request, HttpContext http, UserManager<User> users, PasswordResetMail mail, IOptions<ArtSoukOptions> app)
    {
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            var required = Locales.Say(http.Request, "البريد الإلكتروني مطلوب", "is required");
            return new BadRequestProblem(ProblemCode.ValidationFailed, required, new Dictionary<string, string[]> { ["email"] = [required] });
        }
        var user = await users.FindByEmailAsync(request.Email.Trim());
        if (user is { DisabledAt: null, Email: { } email })
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var site = app.Value.PublicUrl ?? new Uri($"{http.Request.Scheme}://{http.Request.Host}");
            var link = new Uri(site, $"{ResetPage}?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}");
            mail.Enqueue(new PasswordResetLink(email, user.DisplayName, user.Locale, link));
        }
        return TypedResults.Accepted((string?)null, new ForgotPasswordResponse(Locales.Say(http.Request,
            "إن كان هذا البريد لحساب لدينا فقد أرسلنا إليه رابطًا لإعادة تعيين كلمة المرور.",
            "If this address belongs to an account, we have sent it a link to reset the password.")));
    }

    private static async Task<Results<NoContent, BadRequestProblem>> ResetAsync(
        ResetPasswordRequest request, HttpContext http, UserManager<User> users, AccountSessions sessions)
    {
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        if (user is null || string.IsNullOrEmpty(request.Token))
        {
            // An unknown address reads like a bad token: the endpoint tells nobody which addresses have accounts.
            return InvalidResetToken(http);
        }
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return PasswordRequired(http, "newPassword");
        }
        var result = await users.ResetPasswordAsync(user, request.Token, request.NewPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? InvalidResetToken(http)
                : PasswordRefused(result, "newPassword");
        }
        // Whoever reset the password owns the mailbox: a lockout from someone else's guessing should not keep them out.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        sessions.Forget(user.Id);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<TokenResponse>, BadRequestProblem, NotFoundProblem, TooManyRequestsProblem>> ChangeAsync(
        ChangePasswordRequest request, HttpContext http, UserManager<User> users, AccountSessions sessions, FailedSignIns failures, Tokens tokens)
    {
        if (await Me.FindAsync(http, users) is not { } user)
        {
            return Me.NotAnAccount(http);
        }
        var client = ClientAddress.Of(http);
        if (failures.RetryAfter(client) is { } wait)
        {
            return RateLimitRejection.Problem(http.Request, wait);
        }
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            return PasswordRequired(http, "currentPassword");
        }
        if (string.IsNullOrEmpty(request.NewPassword))
        {
            return PasswordRequired(http, "newPassword");
        }
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
            {
                // A stolen token must not become a way to guess the password.
                failures.Record(client);
                return PasswordRefused(result, "currentPassword");
            }
            return PasswordRefused(result, "newPassword");
        }
        sessions.Forget(user.Id);
        return TypedResults.Ok(await tokens.IssueAsync(user));
    }

    private static BadRequestProblem InvalidResetToken(HttpContext http) => new(ProblemCode.InvalidToken, Locales.Say(http.Request,
        "رابط إعادة التعيين غير صالح أو انتهت صلاحيته أو استُخدم؛ اطلب رابطًا جديدًا.", "The reset link is not valid, has expired or was used; ask for a new one."));

    private static BadRequestProblem PasswordRequired(HttpContext http, string field)
    {
        var message = Locales.Say(http.Request, "كلمة المرور مطلوبة", "is required");
        return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary>Identity's reasons, already in the request's language (<see cref="LocalizedIdentityErrors"/>).</summary>
    private static BadRequestProblem PasswordRefused(IdentityResult result, string field)
    {
        var reasons = result.Errors.Select(e => e.Description).Distinct().ToArray();
        return new BadRequestProblem(ProblemCode.ValidationFailed, string.Join(" ", reasons), new Dictionary<string, string[]> { [field] = reasons });
    }
}
