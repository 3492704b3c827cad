using System.Text.Json;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Json;
using Microsoft.Extensions.Options;

namespace ArtSouk.Cms.Media;

/// <summary>An upload decoded and rendered, ready to store.</summary>
internal sealed record PreparedImage(byte[] Bytes, DecodedImage Image, List<RenditionImage> Renditions);

/// <summary>
/// Stores media files under <c>{DataPath}/media/{id}/</c>, the original beside its WebP renditions, and records them in
/// the library. Uploads and the demo seed both come through <see cref="Prepare"/> and <see cref="AddAsync"/>.
/// </summary>
internal sealed class MediaLibrary(CmsDbContext db, IOptions<ArtSoukOptions> options, TimeProvider clock)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public string Root => Path.Combine(options.Value.FullDataPath, "media");

    /// <summary>
    /// Decodes <paramref name="bytes"/> and makes its renditions: the CPU-bound part of adding an image, safe to run on
    /// several threads at once. Throws <see cref="MediaRejected"/> when the bytes are not an image we accept.
    /// </summary>
    public static PreparedImage Prepare(byte[] bytes)
    {
        var image = ImageDecoder.Inspect(bytes);
        return new PreparedImage(bytes, image, ImageDecoder.MakeRenditions(bytes, image));
    }

    /// <summary>Writes the original and its renditions and adds the asset (saved by the caller).</summary>
    public async Task<MediaAsset> AddAsync(string fileName, PreparedImage prepared, MediaText alt, MediaText? caption, MediaText? credit, CancellationToken ct)
    {
        var (bytes, image, renditions) = prepared;
        var asset = new MediaAsset
        {
            FileName = SafeFileName(fileName, image.Extension),
            ContentType = image.ContentType,
            Width = image.Width,
            Height = image.Height,
            Length = bytes.Length,
            Alt = alt.ToJson() ?? "{}",
            Caption = caption?.ToJson(),
            Credit = credit?.ToJson(),
            CreatedAt = clock.GetUtcNow(),
        };
        asset.UpdateSearchText();
        Directory.CreateDirectory(FolderOf(asset.Id));
        await File.WriteAllBytesAsync(PathOf(asset.Id, asset.FileName), bytes, ct);
        await WriteRenditionsAsync(asset, renditions, ct);
        db.Media.Add(asset);
        return asset;
    }

    /// <summary>Makes the renditions of an asset stored before renditions existed, from its original file.</summary>
    public async Task AddRenditionsAsync(MediaAsset asset, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(PathOf(asset.Id, asset.FileName), ct);
        await WriteRenditionsAsync(asset, ImageDecoder.MakeRenditions(bytes, ImageDecoder.Inspect(bytes)), ct);
    }

    private async Task WriteRenditionsAsync(MediaAsset asset, List<RenditionImage> renditions, CancellationToken ct)
    {
        var stem = Path.GetFileNameWithoutExtension(asset.FileName);
        // The content hash in each name makes the URL immutable even if renditions are ever made again differently.
        var stored = renditions.Select(r => (File: $"{stem}-{r.Width}w-{r.Hash}.webp", Rendition: r)).ToList();
        foreach (var (file, rendition) in stored)
        {
            await File.WriteAllBytesAsync(PathOf(asset.Id, file), rendition.Bytes, ct);
        }
        asset.Renditions = JsonSerializer.Serialize(stored.Select(s => new StoredRendition(s.File, s.Rendition.Width, s.Rendition.Height, s.Rendition.Bytes.Length)), JsonText.Options);
    }

    /// <summary>Removes the original and its renditions; called after the asset's row is gone.</summary>
    public void DeleteFiles(Guid id)
    {
        var folder = FolderOf(id);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public string FolderOf(Guid id) => Path.Combine(Root, id.ToString("N"));

    public string PathOf(Guid id, string fileName) => Path.Combine(FolderOf(id), Path.GetFileName(fileName));

    private static string SafeFileName(string name, string extension)
    {
        var stem = Slugs.Slug.Normalize(Path.GetFileNameWithoutExtension(name));
        return (stem.Length == 0 ? "image" : stem) + extension;
    }
}
