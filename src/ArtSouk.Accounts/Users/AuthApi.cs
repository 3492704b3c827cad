using System.Security.Claims;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;

namespace ArtSouk.Accounts.Users;

internal sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? Locale);

internal sealed record UserView(Guid Id, string Email, string DisplayName, string Locale, IReadOnlyList<string> Roles, Guid? ProfileEntryId, bool Disabled)
{
    public static UserView Of(User user, IEnumerable<string> roles) =>
        new(user.Id, user.Email!, user.DisplayName, user.Locale, roles.Order().ToList(), user.ProfileEntryId, user.DisabledAt is not null);
}

internal static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        group.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimitPolicies.Register).WithSummary("Create a collector account");
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
        return TypedResults.Created("/api/v1/me", UserView.Of(user, [Roles.Collector]));
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

    public override IdentityError PasswordMismatch() =>
        Arabic ? new() { Code = nameof(PasswordMismatch), Description = "كلمة المرور الحالية غير صحيحة" } : base.PasswordMismatch();

    public override IdentityError InvalidToken() =>
        Arabic ? new() { Code = nameof(InvalidToken), Description = "رابط إعادة التعيين غير صالح أو انتهت صلاحيته" } : base.InvalidToken();

    public override IdentityError ConcurrencyFailure() =>
        Arabic ? new() { Code = nameof(ConcurrencyFailure), Description = "تغيّر الحساب في الوقت نفسه؛ أعد المحاولة" } : base.ConcurrencyFailure();

    public override IdentityError PasswordTooShort(int length) =>
        Arabic ? new() { Code = nameof(PasswordTooShort), Description = $"يجب ألا تقل كلمة المرور عن {length} أحرف" } : base.PasswordTooShort(length);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Arabic ? new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"يجب أن تحتوي كلمة المرور على {uniqueChars} أحرف مختلفة على الأقل" } : base.PasswordRequiresUniqueChars(uniqueChars);
}

internal static class ClaimsPrincipalExtensions
{
    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.HasClaim(Scopes.ClaimType, scope);
}
