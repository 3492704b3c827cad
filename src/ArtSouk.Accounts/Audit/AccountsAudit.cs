using ArtSouk.Accounts.ApiKeys;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ArtSouk.Accounts.Audit;

/// <summary>
/// Records who changed whose roles, profile link and API keys, as audit records added to the same SaveChanges as the
/// change. Read from the change tracker, so every way in (the users and API-key endpoints, Identity's managers) is
/// covered without each handler remembering to. Changes outside a signed-in request (start-up, self-registration) are
/// not an administrator's doing and are not recorded.
/// </summary>
internal sealed class AccountsAudit(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AccountsDbContext db && http.HttpContext?.User is { Identity.IsAuthenticated: true } user)
        {
            await RecordAsync(db, AuditActor.From(user), cancellationToken);
        }
        return result;
    }

    private async Task RecordAsync(AccountsDbContext db, AuditActor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var records = new List<AuditRecord>();
        foreach (var change in db.ChangeTracker.Entries<IdentityUserRole<Guid>>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList())
        {
            var role = (await db.Roles.FindAsync([change.Entity.RoleId], ct))?.Name ?? change.Entity.RoleId.ToString();
            var added = change.State == EntityState.Added;
            records.Add(AuditRecord.Of(actor, now, "user.roles", "user", change.Entity.UserId.ToString(),
                [new AuditChange("role", null, added ? null : role, added ? role : null)]));
        }
        foreach (var change in db.ChangeTracker.Entries<User>().Where(e => e.State == EntityState.Modified && e.Property(u => u.ProfileEntryId).IsModified))
        {
            var before = change.Property(u => u.ProfileEntryId).OriginalValue;
            var after = change.Entity.ProfileEntryId;
            if (before != after)
            {
                records.Add(AuditRecord.Of(actor, now, "user.profile", "user", change.Entity.Id.ToString(),
                    [new AuditChange("profileEntryId", null, before?.ToString(), after?.ToString())]));
            }
        }
        foreach (var change in db.ChangeTracker.Entries<ApiKey>())
        {
            if (change.State == EntityState.Added)
            {
                records.Add(AuditRecord.Of(actor, now, "api_key.create", "api_key", change.Entity.Id.ToString(),
                    [new AuditChange("name", null, null, change.Entity.Name), new AuditChange("scopes", null, null, change.Entity.Scopes)]));
            }
            else if (change.State == EntityState.Modified && change.Property(k => k.RevokedAt).OriginalValue is null && change.Entity.RevokedAt is not null)
            {
                records.Add(AuditRecord.Of(actor, now, "api_key.revoke", "api_key", change.Entity.Id.ToString(),
                    [new AuditChange("name", null, change.Entity.Name, null)]));
            }
        }
        db.Set<AuditRecord>().AddRange(records);
    }
}
