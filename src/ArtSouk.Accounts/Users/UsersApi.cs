using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Paging;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Accounts.Users;

internal sealed record RolesRequest(string[]? Roles);

/// <summary><c>entryId</c> null unlinks the account from its entry.</summary>
internal sealed record ProfileRequest(Guid? EntryId);

internal sealed record UserPage(IReadOnlyList<UserView> Items, string? Next);

/// <summary>Administrators manage who may edit: <c>/api/v1/manage/users</c>.</summary>
internal static class UsersApi
{
    /// <summary>The content types an artist or gallery account can speak for.</summary>
    private static readonly string[] ProfileTypes = ["artist", "gallery"];

    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/users").RequireAuthorization(Policies.Administer).WithTags("Users");
        group.MapGet("/", ListAsync).WithSummary("Accounts, oldest first, with their roles; q narrows to e-mails or names containing it");
        group.MapPut("/{id:guid}/roles", SetRolesAsync).WithSummary("Replace an account's roles (administrator, curator, marketing, artist, gallery, collector)");
        group.MapPut("/{id:guid}/profile", SetProfileAsync).WithSummary("Link an artist or gallery account to the entry it speaks for");
        group.MapPut("/{id:guid}/disabled", DisableAccount.SetAsync).WithSummary("Disable an account (its sessions end, it cannot sign in) or enable it again");
    }

    private static async Task<Results<Ok<UserPage>, BadRequestProblem>> ListAsync(
        int? limit, string? cursor, string? q, HttpContext http, AccountsDbContext db, CancellationToken ct)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 50, maxSize: 200, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, OffsetPage.Refusal(200, Locales.FromRequest(http.Request)));
        }
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Identity keeps e-mails upper-cased in NormalizedEmail, so the e-mail match ignores case on both providers.
            var needle = q.Trim();
            var upper = needle.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.Contains(needle));
        }
        var users = await query.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where ids.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(ct)).ToLookup(x => x.UserId, x => x.Name!);
        var items = users.Take(page.Size).Select(u => UserView.Of(u, roles[u.Id])).ToList();
        return TypedResults.Ok(new UserPage(items, page.NextAfter(users.Count)));
    }

    private static async Task<Results<Ok<UserView>, BadRequestProblem, NotFoundProblem, ConflictProblem>> SetRolesAsync(
        Guid id, RolesRequest request, HttpContext http, UserManager<User> users, AccountSessions sessions)
    {
        var wanted = (request.Roles ?? []).Distinct().ToList();
        if (wanted.Any(r => !Roles.All.Contains(r)))
        {
            var choices = string.Join(", ", Roles.All);
            var message = Locales.Say(http.Request, $"الأدوار المتاحة: {choices}", $"roles are any of {choices}");
            return new BadRequestProblem(ProblemCode.ValidationFailed, message, new Dictionary<string, string[]> { ["roles"] = [message] });
        }
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد حساب {id}.", $"No account {id}."));
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator)
            && (await users.GetUsersInRoleAsync(Roles.Administrator)).All(a => a.DisabledAt is not null || a.Id == user.Id))
        {
            return new ConflictProblem(ProblemCode.Conflict, Locales.Say(http.Request,
                "هذا آخر مدير؛ اجعل حسابًا آخر مديرًا أولًا.", "This is the last administrator; make someone else administrator first."));
        }
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // Roles are read on every request, so the change applies to this account's next request without ending its sessions.
        sessions.Forget(user.Id);
        return TypedResults.Ok(UserView.Of(user, wanted));
    }

    private static async Task<Results<Ok<UserView>, NotFoundProblem, UnprocessableProblem>> SetProfileAsync(
        Guid id, ProfileRequest request, HttpContext http, UserManager<User> users, IProfileEntries entries, AccountSessions sessions, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, Locales.Say(http.Request, $"لا يوجد حساب {id}.", $"No account {id}."));
        }
        if (request.EntryId is { } entryId && await entries.TypeOfAsync(entryId, ct) is var type && !ProfileTypes.Contains(type))
        {
            var message = type is null
                ? Locales.Say(http.Request, $"لا يوجد مدخل {entryId}.", $"There is no entry {entryId}.")
                : Locales.Say(http.Request, $"المدخل {entryId} من نوع {type}؛ يرتبط الحساب بفنان أو معرض فقط.", $"Entry {entryId} is a {type}; an account speaks for an artist or a gallery.");
            return new UnprocessableProblem(ProblemCode.InvalidReference, message, new Dictionary<string, string[]> { ["entryId"] = [message] });
        }
        user.ProfileEntryId = request.EntryId;
        await users.UpdateAsync(user);
        sessions.Forget(user.Id);
        var roles = await users.GetRolesAsync(user);
        return TypedResults.Ok(UserView.Of(user, roles));
    }
}
