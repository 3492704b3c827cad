using System.Security.Claims;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ArtSouk.Accounts.Users;

internal sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? Locale);

internal sealed record TokenRequest(string? Email, string? Password);

internal sealed record UserView(Guid Id, string Email, string DisplayName, string Locale, IReadOnlyList<string> Roles, Guid? ProfileEntryId);

/// <summary>OAuth-style token response, snake_case as clients expect.</summary>
internal sealed record TokenResponse(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] long ExpiresIn);

internal static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        group.MapPost("/register", RegisterAsync).WithSummary("Create a collector account");
        group.MapPost("/token", TokenAsync).WithSummary("Exchange e-mail and password for a bearer token");
        app.MapGet("/api/v1/me", MeAsync).RequireAuthorization().WithTags("Accounts").WithSummary("The signed-in account");
    }

    private static async Task<Results<Created<UserView>, BadRequestProblem, ConflictProblem>> RegisterAsync(
        RegisterRequest request, HttpContext http, UserManager<User> users, TimeProvider clock)
    {
        var english = Locales.FromRequest(http.Request) == Locales.English;
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors.Add("email", english ? "is required" : "البريد الإلكتروني مطلوب");
        }
        if (string.IsNullOrWhiteSpace(request.Password))
        {
            errors.Add("password", english ? "is required" : "كلمة المرور مطلوبة");
        }
        if (request.Email is { Length: > 256 })
        {
            errors.Add("email", english ? "must be at most 256 characters" : "يجب ألا يزيد البريد الإلكتروني على 256 حرفًا");
        }
        if (request.DisplayName is { Length: > 100 })
        {
            errors.Add("displayName", english ? "must be at most 100 characters" : "يجب ألا يزيد الاسم على 100 حرف");
        }
        if (request.Locale is { } l && !Locales.IsSupported(l))
        {
            errors.Add("locale", english ? "must be ar or en" : "يجب أن تكون اللغة ar أو en");
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        var email = request.Email!.Trim();
        var user = new User
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email.Split('@')[0] : request.DisplayName.Trim(),
            Locale = request.Locale ?? Locales.FromRequest(http.Request),
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, request.Password!);
        if (!result.Succeeded)
        {
            var duplicate = result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            var failures = result.Errors.GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).Distinct().ToArray());
            var detail = string.Join(" ", result.Errors.Select(e => e.Description));
            return duplicate
                ? new ConflictProblem(ProblemCode.Conflict, detail, failures)
                : new BadRequestProblem(ProblemCode.ValidationFailed, detail, failures);
        }
        await users.AddToRoleAsync(user, Roles.Collector);
        return TypedResults.Created("/api/v1/me", new UserView(user.Id, email, user.DisplayName, user.Locale, [Roles.Collector], null));
    }

    private static async Task<Results<Ok<TokenResponse>, BadRequestProblem>> TokenAsync(
        TokenRequest request, UserManager<User> users, SignInManager<User> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
    {
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        if (user is null || string.IsNullOrEmpty(request.Password))
        {
            return new BadRequestProblem(ProblemCode.InvalidCredentials);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (!check.Succeeded && !check.IsLockedOut && !check.IsNotAllowed)
        {
            // A right password still fails when a concurrent sign-in reset the failed-attempt count first
            // (optimistic concurrency on the user row); one fresh attempt tells the two apart.
            user = await users.FindByIdAsync(user.Id.ToString()) ?? user;
            check = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: false);
        }
        if (!check.Succeeded)
        {
            return new BadRequestProblem(ProblemCode.InvalidCredentials, check.IsLockedOut ? "Too many attempts; the account is locked for a few minutes." : null);
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var now = clock.GetUtcNow();
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration },
            IdentityConstants.BearerScheme);
        return TypedResults.Ok(new TokenResponse(options.BearerTokenProtector.Protect(ticket), "Bearer", (long)options.BearerTokenExpiration.TotalSeconds));
    }

    private static async Task<Results<Ok<UserView>, NotFoundProblem>> MeAsync(HttpContext http, UserManager<User> users)
    {
        // API keys authenticate integrations, not people: their subject is not a user id.
        var user = Guid.TryParse(users.GetUserId(http.User), out _) ? await users.GetUserAsync(http.User) : null;
        if (user is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, "This credential does not belong to an account.");
        }
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(new UserView(user.Id, user.Email!, user.DisplayName, user.Locale, roles.ToList(), user.ProfileEntryId));
    }
}

/// <summary>Identity's messages in the request's language.</summary>
internal sealed class LocalizedIdentityErrors(IHttpContextAccessor accessor) : IdentityErrorDescriber
{
    private bool Arabic => accessor.HttpContext is not { } http || Locales.FromRequest(http.Request) == Locales.Arabic;

    public override IdentityError DuplicateEmail(string email) =>
        Arabic ? new() { Code = nameof(DuplicateEmail), Description = $"البريد الإلكتروني {email} مسجّل مسبقًا" } : base.DuplicateEmail(email);

    public override IdentityError DuplicateUserName(string userName) =>
        Arabic ? new() { Code = nameof(DuplicateUserName), Description = $"البريد الإلكتروني {userName} مسجّل مسبقًا" } : base.DuplicateUserName(userName);

    public override IdentityError InvalidEmail(string? email) =>
        Arabic ? new() { Code = nameof(InvalidEmail), Description = $"البريد الإلكتروني «{email}» غير صالح" } : base.InvalidEmail(email);

    public override IdentityError InvalidUserName(string? userName) =>
        Arabic ? new() { Code = nameof(InvalidUserName), Description = $"البريد الإلكتروني «{userName}» غير صالح" } : base.InvalidUserName(userName);

    public override IdentityError PasswordTooShort(int length) =>
        Arabic ? new() { Code = nameof(PasswordTooShort), Description = $"يجب ألا تقل كلمة المرور عن {length} أحرف" } : base.PasswordTooShort(length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Arabic ? new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"يجب أن تحتوي كلمة المرور على {uniqueChars} أحرف مختلفة على الأقل" } : base.PasswordRequiresUniqueChars(uniqueChars);
}

internal static class ClaimsPrincipalExtensions
{
    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.HasClaim(Scopes.ClaimType, scope);
}
