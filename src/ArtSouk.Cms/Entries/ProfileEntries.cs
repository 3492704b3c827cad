using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Security;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Entries;

/// <summary>Answers Accounts' question about the entry an artist or gallery account is linked to.</summary>
internal sealed class ProfileEntries(CmsDbContext db) : IProfileEntries
{
    public Task<string?> TypeOfAsync(Guid entryId, CancellationToken cancellationToken) =>
        db.Entries.AsNoTracking().Where(e => e.Id == entryId && e.DeletedAt == null).Select(e => (string?)e.Type).SingleOrDefaultAsync(cancellationToken);
}
