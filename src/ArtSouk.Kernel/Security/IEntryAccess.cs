using System.Security.Claims;

namespace ArtSouk.Kernel.Security;

/// <summary>
/// The CMS's answer to "may this caller act on this entry as its editor", for modules that attach state to entries
/// (a listing's price): the same ownership rules as editing the entry, without reading content tables.
/// </summary>
public interface IEntryAccess
{
    /// <summary>The entry's type and whether <paramref name="user"/> may edit it; null when no such (undeleted) entry exists.</summary>
    Task<EntryAccess?> AccessAsync(ClaimsPrincipal user, Guid entryId, CancellationToken cancellationToken);
}

public sealed record EntryAccess(string Type, bool MayEdit);
