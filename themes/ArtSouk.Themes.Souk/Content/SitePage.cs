using ArtSouk.Kernel.Localization;

namespace ArtSouk.Themes.Souk.Content;

public sealed record Crumb(string Name, string Path);

/// <summary>What the layout needs to know about a page: its language, titles, URLs in both languages and its metadata.</summary>
public sealed class SitePage
{
    public required SiteText T { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The canonical path (<c>/ar/artists/…</c>), unencoded.</summary>
    public required string Path { get; init; }

    /// <summary>The same page in each language that has it.</summary>
    public required IReadOnlyDictionary<string, string> Alternates { get; init; }

    public required string Origin { get; init; }

    /// <summary>The top navigation item this page belongs to (a type's route), for <c>aria-current</c>.</summary>
    public string Section { get; init; } = "";

    public SiteMedia? Image { get; init; }

    public string OpenGraphType { get; init; } = "website";

    public List<object> JsonLd { get; } = [];

    public List<Crumb> Crumbs { get; } = [];

    /// <summary>The neighbouring pages of a paged list, for <c>&lt;link rel="prev|next"&gt;</c>.</summary>
    public string? Previous { get; set; }

    public string? Next { get; set; }

    /// <summary>What the visitor searched for, kept in the header's search box on the results page.</summary>
    public string? Query { get; init; }

    public bool Preview { get; init; }

    public bool NoIndex { get; init; }

    public string Locale => T.Locale;

    /// <summary>Where the language switch goes: this entry in the other language, else that language's home.</summary>
    public string SwitchPath => Alternates.GetValueOrDefault(T.Other) ?? $"/{T.Other}/";

    public string Absolute(string path) => Origin + SitePaths.Encode(path);

    public string XDefault => Alternates.GetValueOrDefault(Locales.Default) ?? Path;
}

public static class SitePaths
{
    /// <summary>Percent-encodes each segment of a site path (Arabic slugs), for headers, sitemaps and link tags.</summary>
    public static string Encode(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var plain = query < 0 ? path : path[..query];
        var encoded = string.Join('/', plain.Split('/').Select(Uri.EscapeDataString));
        return query < 0 ? encoded : encoded + path[query..];
    }
}
