namespace ArtSouk.Cms.Reading;

/// <summary>A signed link to a draft on the public site, valid until <see cref="ExpiresAt"/>.</summary>
public sealed record PreviewLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues preview links for drafts. The site (a theme) implements it; the CMS's management API hands the links out to
/// whoever may read the entry there, so the rights stay decided in one place.
/// </summary>
public interface IPreviewLinks
{
    PreviewLink Create(string type, Guid id, string locale);
}
