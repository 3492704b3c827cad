using System.Security.Cryptography;
using NetVips;
using VipsImage = NetVips.Image;

namespace ArtSouk.Cms.Media;

/// <summary>The widths renditions are made at.</summary>
internal static class RenditionWidths
{
    /// <summary>Standard widths; an original keeps only those it is at least as wide as (never upscaled).</summary>
    public static IReadOnlyList<int> Standard { get; } = [320, 640, 1280, 1920];

    /// <summary>
    /// The widths an original of <paramref name="width"/> pixels gets: each standard width it reaches, and one WebP at its
    /// own width, so a srcset always has a WebP candidate as sharp as the original and never falls back to the heavy file.
    /// </summary>
    public static IReadOnlyList<int> For(int width)
    {
        var widths = Standard.Where(w => w <= width).ToList();
        if (!widths.Contains(width))
        {
            widths.Add(width);
        }
        return widths;
    }
}

/// <summary>An upload that decoded as an image we accept, upright: its type and its pixel size.</summary>
internal sealed record DecodedImage(string ContentType, string Extension, int Width, int Height);

/// <summary>A WebP rendition made from an upload, with the short content hash that makes its URL immutable.</summary>
internal sealed record RenditionImage(int Width, int Height, byte[] Bytes)
{
    public string Hash => Convert.ToHexString(SHA256.HashData(Bytes), 0, 5).ToLowerInvariant();
}

/// <summary>
/// Proves an upload is an image by decoding it with libvips (NetVips), and makes its WebP renditions. The first bytes
/// only say what a file claims to be; a PNG signature followed by garbage, or a script named .png, fails here.
/// </summary>
internal static class ImageDecoder
{
    /// <summary>Decompression bombs stop here: a small file may declare a huge canvas (50 MP is a 8660 x 5770 photo).</summary>
    public const long MaxPixels = 50_000_000;

    private const int WebPQuality = 80;

    // The libvips loader each accepted type must be decoded by; anything else (SVG, PDF, matload, ...) never runs.
    private static readonly Dictionary<string, string> Loaders = new(StringComparer.Ordinal)
    {
        ["image/png"] = "pngload",
        ["image/jpeg"] = "jpegload",
        ["image/webp"] = "webpload",
        ["image/gif"] = "gifload",
    };

    /// <summary>
    /// Decoding fails on errors and truncation (libpng only warns about a broken IDAT stream and would decode garbage),
    /// not on warnings: libjpeg warns about stray bytes that phone cameras routinely write, and browsers show those photos.
    /// Given as a loader option: the thumbnail operation's own fail_on argument does not reach the loader.
    /// </summary>
    private const string LoaderOptions = "[fail_on=error]";

    static ImageDecoder()
    {
        // The operation cache keeps decoded images and open buffers for reuse; uploads never repeat, so it only holds memory.
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;
        // One worker thread per pipeline: on two cores an upload must not take both from the requests being served.
        global::NetVips.NetVips.Concurrency = 1;
        // Loaders libvips itself marks as unsafe for untrusted input stay off even if a sniffed type ever maps to one.
        global::NetVips.NetVips.BlockUntrusted = true;
        // Broken uploads make libvips warn on stderr, line after line; the upload is answered with a problem instead.
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug, static (_, _, _) => { });
    }

    /// <summary>Reads the header through libvips; throws <see cref="MediaRejected"/> when the bytes are not an acceptable image.</summary>
    public static DecodedImage Inspect(byte[] bytes)
    {
        var claimed = ImageHeader.Read(bytes) ?? throw MediaRejected.NotAnImage();
        VipsImage probe;
        try
        {
            probe = VipsImage.NewFromBuffer(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        }
        catch (VipsException)
        {
            throw MediaRejected.Unreadable(claimed.ContentType);
        }
        using (probe)
        {
            var loader = probe.GetTypeOf("vips-loader") != IntPtr.Zero ? probe.Get("vips-loader") as string : null;
            if (loader is null || !loader.StartsWith(Loaders[claimed.ContentType], StringComparison.Ordinal))
            {
                throw MediaRejected.Unreadable(claimed.ContentType);
            }
            if ((long)probe.Width * probe.Height > MaxPixels)
            {
                throw MediaRejected.TooManyPixels(probe.Width, probe.Height);
            }
            // EXIF orientations 5-8 turn the picture a quarter: renditions are upright, so the stated size is too.
            var turned = probe.GetTypeOf("orientation") != IntPtr.Zero && probe.Get("orientation") is int o && o is >= 5 and <= 8;
            return turned
                ? new DecodedImage(claimed.ContentType, claimed.Extension, probe.Height, probe.Width)
                : new DecodedImage(claimed.ContentType, claimed.Extension, probe.Width, probe.Height);
        }
    }

    /// <summary>
    /// Decodes the whole image once per rendition (libvips shrinks JPEG and WebP while decoding, and streams PNG, so a
    /// large original never sits decoded in memory). A decoding error anywhere in the file rejects the upload.
    /// </summary>
    public static List<RenditionImage> MakeRenditions(byte[] bytes, DecodedImage image)
    {
        var renditions = new List<RenditionImage>();
        foreach (var width in RenditionWidths.For(image.Width))
        {
            try
            {
                using var resized = VipsImage.ThumbnailBuffer(bytes, width, LoaderOptions, height: 100_000, size: Enums.Size.Down);
                var webp = resized.WebpsaveBuffer(q: WebPQuality, effort: 4, keep: Enums.ForeignKeep.None);
                renditions.Add(new RenditionImage(resized.Width, resized.Height, webp));
            }
            catch (VipsException)
            {
                throw MediaRejected.Unreadable(image.ContentType);
            }
        }
        return renditions;
    }
}
