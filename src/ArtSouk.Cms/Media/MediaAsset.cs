namespace ArtSouk.Cms.Media;

/// <summary>An uploaded image or file in the media library; the bytes live under <c>{DataPath}/media</c>.</summary>
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
    public DateTimeOffset CreatedAt { get; init; }

    public string Url => $"/media/{Id:N}/{Uri.EscapeDataString(FileName)}";
}
