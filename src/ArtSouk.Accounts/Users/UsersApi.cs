using ArtSouk.Accounts.Persistence;
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

internal sealed record UserPage(IReadOnlyList<UserView> Items, string? Next);

/// <summary>Administrators manage who may edit: <c>/api/v1/manage/users</c>.</summary>
internal static class UsersApi
{
    private static readonly string[] Assignable = [Roles.Administrator, Roles.Editor, Roles.Member];

    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/manage/users").RequireAuthorization(Policies.Administer).WithTags("Users");
        group.MapGet("/", ListAsync).WithSummary("Accounts, oldest first, with their roles");
        group.MapPut("/{id:guid}/roles", SetRolesAsync).WithSummary("Replace an account's roles (administrator, editor, member)");
    }

    private static async Task<Results<Ok<UserPage>, BadRequestProblem>> ListAsync(
        int? limit, string? cursor, AccountsDbContext db, CancellationToken ct)
    {
        if (!OffsetPage.TryParse(limit, cursor, defaultSize: 50, maxSize: 200, out var page))
        {
            return new BadRequestProblem(ProblemCode.BadQuery, "limit must be 1..200 and cursor the 'next' value of a previous page");
        }
        var users = await db.Users.AsNoTracking().OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Skip(page.Skip).Take(page.Take).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where ids.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync(ct)).ToLookup(x => x.UserId, x => x.Name!);
        var items = users.Take(page.Size).Select(u => new UserView(u.Id, u.Email!, u.DisplayName, u.Locale, roles[u.Id].Order().ToList())).ToList();
        return TypedResults.Ok(new UserPage(items, page.NextAfter(users.Count)));
    }

    private static async Task<Results<Ok<UserView>, BadRequestProblem, NotFoundProblem, ConflictProblem>> SetRolesAsync(
        Guid id, RolesRequest request, UserManager<User> users)
    {
        var wanted = (request.Roles ?? []).Distinct().ToList();
        if (wanted.Any(r => !Assignable.Contains(r)))
        {
            return new BadRequestProblem(ProblemCode.ValidationFailed, $"roles are any of {string.Join(", ", Assignable)}",
                new Dictionary<string, string[]> { ["roles"] = [$"choose from {string.Join(", ", Assignable)}"] });
        }
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return new NotFoundProblem(ProblemCode.NotFound, $"No account {id}.");
        }
        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Administrator) && !wanted.Contains(Roles.Administrator)
            && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 1)
        {
            return new ConflictProblem(ProblemCode.Conflict, "This is the last administrator; make someone else administrator first.");
        }
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        // Existing tokens carry the old roles until they expire; a new security stamp ends cookie sessions now.
        await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(new UserView(user.Id, user.Email!, user.DisplayName, user.Locale, wanted.Order().ToList()));
    }
}
