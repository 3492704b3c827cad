namespace ArtSouk.Kernel.Security;

/// <summary>
/// What Accounts needs to know about the entry an artist or gallery account speaks for; the CMS answers it, so
/// Accounts never reads content tables.
/// </summary>
public interface IProfileEntries
{
    /// <summary>The content type of entry <paramref name="entryId"/> (<c>artist</c>, <c>gallery</c>, ...), or null when there is none.</summary>
    Task<string?> TypeOfAsync(Guid entryId, CancellationToken cancellationToken);
}
