using System.Security.Claims;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Management;

/// <summary>Answers other modules' ownership questions with the rules editing uses (<see cref="EditorialRights"/>).</summary>
internal sealed class EntryAccessAnswer(CmsDbContext db) : IEntryAccess
{
    public async Task<EntryAccess?> AccessAsync(ClaimsPrincipal user, Guid entryId, CancellationToken cancellationToken)
    {
        var type = await db.Entries.AsNoTracking().Where(e => e.Id == entryId && e.DeletedAt == null).Select(e => e.Type).SingleOrDefaultAsync(cancellationToken);
        if (type is null)
        {
            return null;
        }
        var rights = EditorialRights.Of(user);
        return new EntryAccess(type, rights.MayAccessType(type) && await rights.MayEditAsync(db, type, entryId, cancellationToken));
    }
}
