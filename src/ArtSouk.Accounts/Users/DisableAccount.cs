using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ArtSouk.Accounts.Users;

internal sealed record DisabledRequest(bool? Disabled);

/// <summary>
/// <c>PUT /api/v1/manage/users/{id}/disabled {disabled}</c>: a disabled account cannot sign in, and its tokens, refresh
/// tokens and cookies stop working on their next request (new security stamp). Administrators cannot disable
/// themselves or the last enabled administrator, so nobody can lock the store out of its own management.
/// </summary>
internal static class DisableAccount
{
    public static async Task<Results<Ok<UserView>, BadRequestProblem, NotFoundProblem, ConflictProblem>> SetAsync(
        Guid id, DisabledRequest request, HttpContext http, UserManager<User> users, AccountSessions sessions, TimeProvider clock)
    {
        if (request.Disabled is not { } disabled)
        {
            var message = Locales.Say(http.Request, "أرسل disabled بقيمة true أو false", "send disabled: true or false");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["disabled"] = [message] });
        }
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد حساب {id}.", $"No account {id}."));
        }
        var roles = await users.GetRolesAsync(user);
        if (disabled && user.DisabledAt is null)
        {
            if (users.GetUserId(http.User) == user.Id.ToString())
            {
                return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request,
                    "لا يمكنك تعطيل حسابك بنفسك.", "You cannot disable your own account."));
            }
            if (roles.Contains(Roles.Administrator)
                && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count(a => a.DisabledAt is null) == 1)
            {
                return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request,
                    "هذا آخر مدير مفعّل؛ لا يمكن تعطيله.", "This is the last enabled administrator; it cannot be disabled."));
            }
            user.DisabledAt = clock.GetUtcNow();
            // A new stamp ends refresh tokens too, so enabling the account later does not bring old sessions back.
            await users.UpdateSecurityStampAsync(user);
        }
        else if (!disabled && user.DisabledAt is not null)
        {
            user.DisabledAt = null;
            await users.UpdateAsync(user);
        }
        sessions.Forget(user.Id);
        return TypedResults.Ok(UserView.Of(user, roles));
    }
}
