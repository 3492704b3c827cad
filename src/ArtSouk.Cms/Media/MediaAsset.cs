using System.Text.Json;
using ArtSouk.Kernel.Json;

namespace ArtSouk.Cms.Media;

/// <summary>An uploaded image in the media library; the original and its renditions live under <c>{DataPath}/media/{id}/</c>.</summary>
internal sealed class MediaAsset
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public long Length { get; init; }

    /// <summary>Alternative text, <c>{"ar": .., "en": ..}</c>.</summary>
    public required string Alt { get; set; }

    /// <summary>Caption, <c>{"ar": .., "en": ..}</c>; null when there is none.</summary>
    public string? Caption { get; set; }

    /// <summary>Credit line (photographer, collection), <c>{"ar": .., "en": ..}</c>; null when there is none.</summary>
    public string? Credit { get; set; }

    /// <summary>Where crops should centre, 0..1 from the left and from the top; null when no one chose.</summary>
    public double? FocalX { get; set; }
    public double? FocalY { get; set; }

    /// <summary>The WebP renditions made at upload, JSON <c>[{file, width, height, length}]</c>; null for assets stored before renditions existed.</summary>
    public string? Renditions { get; set; }

    /// <summary>File name, alt, caption and credit in both locales, lower-cased: what the library's <c>q</c> matches.</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public string Url => UrlOf(FileName);

    public string UrlOf(string file) => $"/media/{Id:N}/{Uri.EscapeDataString(file)}";

    public IReadOnlyList<StoredRendition> RenditionList() =>
        Renditions is null ? [] : JsonSerializer.Deserialize<List<StoredRendition>>(Renditions, JsonText.Options) ?? [];

    public MediaText AltText => MediaText.Parse(Alt);
    public MediaText CaptionText => MediaText.Parse(Caption);
    public MediaText CreditText => MediaText.Parse(Credit);

    public void UpdateSearchText() =>
        SearchText = string.Join(' ', new[] { FileName, AltText.Ar, AltText.En, CaptionText.Ar, CaptionText.En, CreditText.Ar, CreditText.En }
            .Where(s => !string.IsNullOrEmpty(s))).ToLowerInvariant();
}

/// <summary>One WebP rendition's file beside the original.</summary>
internal sealed record StoredRendition(string File, int Width, int Height, long Length);

/// <summary>A short text of an asset in both locales; either may be missing.</summary>
internal sealed record MediaText(string? Ar, string? En)
{
    public static MediaText Empty { get; } = new(null, null);

    public static MediaText Parse(string? json) =>
        json is null ? Empty : JsonSerializer.Deserialize<MediaText>(json, JsonText.Options) ?? Empty;

    public bool IsEmpty => string.IsNullOrEmpty(Ar) && string.IsNullOrEmpty(En);

    /// <summary>As stored: null when both locales are empty.</summary>
    public string? ToJson() => IsEmpty ? null : JsonSerializer.Serialize(this, JsonText.Options);

    public string? In(string locale) => locale == Kernel.Localization.Locales.English ? En : Ar;

    /// <summary>The text in <paramref name="locale"/>, else in the other locale (as localized fields fall back), else null.</summary>
    public string? WithFallback(string locale) =>
        In(locale) is { Length: > 0 } text ? text : In(Kernel.Localization.Locales.Other(locale)) is { Length: > 0 } other ? other : null;
}
