using System.Text.Json.Serialization;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Accounts.Users;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Accounts.SignIn;

internal sealed record TokenRequest(string? Email, string? Password, string? TwoFactorCode);

internal sealed record RefreshRequest([property: JsonPropertyName("refresh_token")] string? RefreshToken);

/// <summary>Bearer tokens: sign in, refresh, and end every session of an account.</summary>
internal static class SignInApi
{
    public static void MapSignInApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        group.MapPost("/token", TokenAsync).RequireRateLimiting(RateLimitPolicies.SignIn)
            .WithSummary("Exchange e-mail, password and (when enrolled) twoFactorCode for a bearer token and a refresh token");
        group.MapPost("/refresh", RefreshAsync).WithSummary("Exchange a refresh token for new tokens; refused after sign-out everywhere, a password change or disabling");
        group.MapPost("/sign-out-everywhere", SignOutEverywhereAsync).RequireAuthorization()
            .WithSummary("End every token and cookie of the signed-in account, this one included");
    }

    private static async Task<Results<Ok<TokenResponse>, BadRequestProblem, TooManyRequestsProblem>> TokenAsync(
        TokenRequest request, HttpContext http, PasswordSignIn signIn, Tokens tokens)
    {
        var check = await signIn.CheckAsync(http, request.Email, request.Password, request.TwoFactorCode);
        return check.Refusal switch
        {
            null => TypedResults.Ok(await tokens.IssueAsync(check.User!)),
            BadRequestProblem bad => bad,
            TooManyRequestsProblem slow => slow,
            var other => throw other.Undeclared(),
        };
    }

    private static async Task<Results<Ok<TokenResponse>, BadRequestProblem>> RefreshAsync(RefreshRequest request, Tokens tokens)
    {
        var user = string.IsNullOrEmpty(request.RefreshToken) ? null : await tokens.RedeemAsync(request.RefreshToken);
        return user is null ? new BadRequestProblem(ProblemCode.InvalidToken) : TypedResults.Ok(await tokens.IssueAsync(user));
    }

    private static async Task<Results<NoContent, NotFoundProblem>> SignOutEverywhereAsync(HttpContext http, UserManager<User> users, AccountSessions sessions)
    {
        if (await Me.FindAsync(http, users) is not { } user)
        {
            return Me.NotAnAccount(http);
        }
        await users.UpdateSecurityStampAsync(user);
        sessions.Forget(user.Id);
        return TypedResults.NoContent();
    }
}
