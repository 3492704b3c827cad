using System.Security.Claims;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArtSouk.Accounts.Users;

/// <summary>What a signed-in person may do right now, as the store says: read on each request, not baked into the token.</summary>
internal sealed record AccountSnapshot(string SecurityStamp, IReadOnlyList<string> Roles, Guid? ProfileEntryId, bool Disabled);

/// <summary>
/// Refreshes a person's roles and profile link on every request and refuses tokens whose security stamp has changed
/// or whose account is disabled, so a role change takes effect on the next request and a new stamp (sign-out
/// everywhere, a new password, disabling) ends every session at once.
/// Snapshots are cached briefly; this node forgets one as soon as it changes it, other nodes within <see cref="CacheFor"/>.
/// </summary>
internal sealed class AccountSessions(IServiceScopeFactory scopes, IMemoryCache cache, IOptions<IdentityOptions> identity) : IClaimsTransformation
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } signedIn || signedIn.AuthenticationType == ApiKeys.ApiKeyAuthentication.SchemeName
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            return principal;
        }
        var snapshot = await SnapshotAsync(userId);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        // Identity's tokens and cookies carry the stamp they were issued under. A principal another scheme made from an
        // account (the manager's own cookie) carries none: it gets the current roles, and ends when the account is
        // disabled or its API token stops working.
        var issuedByIdentity = stamp is not null || signedIn.AuthenticationType == IdentityConstants.ApplicationScheme;
        if (snapshot is null || snapshot.Disabled || (issuedByIdentity && stamp != snapshot.SecurityStamp))
        {
            return Nobody;
        }
        var current = new ClaimsIdentity(signedIn.AuthenticationType, signedIn.NameClaimType, signedIn.RoleClaimType);
        current.AddClaims(principal.Claims.Where(c => c.Type != signedIn.RoleClaimType && c.Type != AccountClaims.ProfileEntry));
        current.AddClaims(snapshot.Roles.Select(r => new Claim(signedIn.RoleClaimType, r)));
        if (snapshot.ProfileEntryId is { } entry)
        {
            current.AddClaim(new Claim(AccountClaims.ProfileEntry, entry.ToString()));
        }
        return new ClaimsPrincipal(current);
    }

    public void Forget(Guid userId) => cache.Remove(CacheKey(userId));

    private Task<AccountSnapshot?> SnapshotAsync(Guid userId) =>
        cache.GetOrCreateAsync(CacheKey(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.SecurityStamp, u.ProfileEntryId, u.DisabledAt }).SingleOrDefaultAsync();
            if (user is null)
            {
                return null;
            }
            var roles = await (from ur in db.UserRoles
                               join r in db.Roles on ur.RoleId equals r.Id
                               where ur.UserId == userId
                               select r.Name!).ToListAsync();
            return new AccountSnapshot(user.SecurityStamp ?? "", roles, user.ProfileEntryId, user.DisabledAt is not null);
        });

    private static string CacheKey(Guid userId) => $"account:{userId}";
}
