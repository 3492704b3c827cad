using System.Text.Json;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Json;
using Microsoft.Extensions.Options;

namespace ArtSouk.Cms.Media;

/// <summary>
/// Stores media files under <c>{DataPath}/media/{id}/</c>, the original beside its WebP renditions, and records them in
/// the library. Uploads and the demo seed both come through <see cref="AddAsync"/>.
/// </summary>
internal sealed class MediaLibrary(CmsDbContext db, IOptions<ArtSoukOptions> options, TimeProvider clock)
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public string Root => Path.Combine(options.Value.FullDataPath, "media");

    /// <summary>
    /// Decodes <paramref name="bytes"/>, writes the original and its renditions and adds the asset (saved by the caller);
    /// throws <see cref="MediaRejected"/> when the bytes are not an image we accept.
    /// </summary>
    public async Task<MediaAsset> AddAsync(string fileName, byte[] bytes, MediaText alt, MediaText? caption, MediaText? credit, CancellationToken ct)
    {
        var image = ImageDecoder.Inspect(bytes);
        var renditions = ImageDecoder.MakeRenditions(bytes, image);
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
        var stem = Path.GetFileNameWithoutExtension(asset.FileName);
        // The content hash in each name makes the URL immutable even if renditions are ever made again differently.
        var stored = renditions.Select(r => (File: $"{stem}-{r.Width}w-{r.Hash}.webp", Rendition: r)).ToList();
        asset.Renditions = JsonSerializer.Serialize(stored.Select(s => new StoredRendition(s.File, s.Rendition.Width, s.Rendition.Height, s.Rendition.Bytes.Length)), JsonText.Options);
        asset.UpdateSearchText();

        var folder = FolderOf(asset.Id);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, asset.FileName), bytes, ct);
        foreach (var (file, rendition) in stored)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, file), rendition.Bytes, ct);
        }
        db.Media.Add(asset);
        return asset;
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
