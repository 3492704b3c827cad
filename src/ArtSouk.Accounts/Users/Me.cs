using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ArtSouk.Accounts.Users;

/// <summary>
/// The signed-in account. <c>twoFactorRequired</c> with <c>twoFactorEnabled: false</c> means the account's role should
/// use an authenticator (<c>Accounts:RequireTwoFactorFor</c>) and has not enrolled: the manager sends it to enrolment.
/// </summary>
internal sealed record MeView(Guid Id, string Email, string DisplayName, string Locale, IReadOnlyList<string> Roles, Guid? ProfileEntryId,
    bool TwoFactorEnabled, bool TwoFactorRequired);

/// <summary><c>displayName</c> and <c>locale</c> change when present; absent leaves them as they are.</summary>
internal sealed record UpdateMeRequest(string? DisplayName, string? Locale);

internal static class Me
{
    public static void MapMeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").RequireAuthorization().WithTags("Accounts");
        group.MapGet("/", GetAsync).WithSummary("The signed-in account");
        group.MapPut("/", UpdateAsync).WithSummary("Change the signed-in account's display name or language (e-mails and the manager use it)");
    }

    /// <summary>The account behind the request; null for an API key, whose subject is an integration, not a person.</summary>
    public static async Task<User?> FindAsync(HttpContext http, UserManager<User> users) =>
        Guid.TryParse(users.GetUserId(http.User), out _) ? await users.GetUserAsync(http.User) : null;

    public static NotFoundProblem NotAnAccount(HttpContext http) => new(ProblemCode.NotFound,
        Locales.Say(http.Request, "هذا الاعتماد لا يخص حسابًا شخصيًا (مفتاح API مثلًا).", "This credential does not belong to an account (an API key, for instance)."));

    private static async Task<Results<Ok<MeView>, NotFoundProblem>> GetAsync(HttpContext http, UserManager<User> users, IOptions<AccountsOptions> options)
    {
        if (await FindAsync(http, users) is not { } user)
        {
            return NotAnAccount(http);
        }
        return TypedResults.Ok(await ViewAsync(user, users, options.Value));
    }

    private static async Task<Results<Ok<MeView>, BadRequestProblem, NotFoundProblem>> UpdateAsync(
        UpdateMeRequest request, HttpContext http, UserManager<User> users, IOptions<AccountsOptions> options)
    {
        if (await FindAsync(http, users) is not { } user)
        {
            return NotAnAccount(http);
        }
        var errors = new ValidationErrors();
        if (request.DisplayName is { } name && (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100))
        {
            errors.Add("displayName", Locales.Say(http.Request, "يجب أن يكون الاسم من حرف واحد إلى 100 حرف", "must be 1 to 100 characters"));
        }
        if (request.Locale is { } locale && !Locales.IsSupported(locale))
        {
            errors.Add("locale", Locales.Say(http.Request, "يجب أن تكون اللغة ar أو en", "must be ar or en"));
        }
        if (!errors.IsEmpty)
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, errors.ToString(), errors.ToDictionary());
        }
        user.DisplayName = request.DisplayName?.Trim() ?? user.DisplayName;
        user.Locale = request.Locale ?? user.Locale;
        await users.UpdateAsync(user);
        return TypedResults.Ok(await ViewAsync(user, users, options.Value));
    }

    private static async Task<MeView> ViewAsync(User user, UserManager<User> users, AccountsOptions options)
    {
        var roles = (await users.GetRolesAsync(user)).Order().ToList();
        return new MeView(user.Id, user.Email!, user.DisplayName, user.Locale, roles, user.ProfileEntryId,
            user.TwoFactorEnabled, roles.Intersect(options.RolesRequiringTwoFactor).Any());
    }
}
