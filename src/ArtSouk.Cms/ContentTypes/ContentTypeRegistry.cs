namespace ArtSouk.Cms.ContentTypes;

/// <summary>The content types loaded at start-up; part of the CMS's public contract.</summary>
public sealed class ContentTypeRegistry(IReadOnlyList<ContentType> types)
{
    private readonly Dictionary<string, ContentType> _byName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public IReadOnlyList<ContentType> All { get; } = types;

    public ContentType? Find(string name) => _byName.GetValueOrDefault(name);

    public ContentType? ByRoute(string route) => All.FirstOrDefault(t => string.Equals(t.Route, route, StringComparison.Ordinal));
}
