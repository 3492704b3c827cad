using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using NetVips;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>Images to upload: real ones encoded by libvips, and hand-built PNG bytes that only look like images.</summary>
public static class TestImages
{
    /// <summary>A <paramref name="width"/> x <paramref name="height"/> RGB gradient.</summary>
    public static byte[] Png(int width, int height)
    {
        using var gradient = Gradient(width, height);
        return gradient.PngsaveBuffer(compression: 1);
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var gradient = Gradient(width, height);
        return gradient.JpegsaveBuffer(q: 85);
    }

    public static byte[] WebP(int width, int height)
    {
        using var gradient = Gradient(width, height);
        return gradient.WebpsaveBuffer(q: 80);
    }

    /// <summary>A JPEG stored <paramref name="width"/> x <paramref name="height"/> whose EXIF says to turn it a quarter (orientation 6).</summary>
    public static byte[] TurnedJpeg(int width, int height)
    {
        using var gradient = Gradient(width, height);
        using var tagged = gradient.Mutate(m => m.Set(GValue.GIntType, "orientation", 6));
        return tagged.JpegsaveBuffer(q: 85);
    }

    /// <summary>A valid PNG signature and header (so the first bytes claim an image) followed by an IDAT chunk of garbage.</summary>
    public static byte[] PngWithGarbage(int width = 64, int height = 64) =>
        [.. Signature, .. Chunk("IHDR"u8, Header(width, height)), .. Chunk("IDAT"u8, "this is not deflate data at all, just text"u8.ToArray()), .. Chunk("IEND"u8, [])];

    /// <summary>A tiny, valid PNG that declares a canvas of <paramref name="width"/> x <paramref name="height"/>: all zeros, deflated.</summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            // A few rows are enough: the header alone must stop it before any pixel is decoded.
            zlib.Write(new byte[(width * 3 + 1) * 4]);
        }
        return [.. Signature, .. Chunk("IHDR"u8, Header(width, height)), .. Chunk("IDAT"u8, raw.ToArray()), .. Chunk("IEND"u8, [])];
    }

    public static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType = "image/png", string? altAr = null, string? altEn = null)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, "file", fileName },
        };
        if (altAr is not null)
        {
            form.Add(new StringContent(altAr), "altAr");
        }
        if (altEn is not null)
        {
            form.Add(new StringContent(altEn), "altEn");
        }
        return form;
    }

    /// <summary>Width, height and libvips loader of encoded image bytes.</summary>
    public static (int Width, int Height, string Loader) Decode(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes, failOn: Enums.FailOn.Error);
        // Reading every pixel proves the whole file decodes, not only its header.
        _ = image.Avg();
        return (image.Width, image.Height, (string)image.Get("vips-loader"));
    }

    private static Image Gradient(int width, int height)
    {
        using var xy = Image.Xyz(width, height);
        using var x = xy[0];
        using var y = xy[1];
        using var red = x * (255.0 / width);
        using var green = y * (255.0 / height);
        using var blue = (x + y) * (127.0 / (width + height));
        using var joined = red.Bandjoin(green, blue);
        return joined.Cast(Enums.BandFormat.Uchar);
    }

    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static byte[] Header(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        return header;
    }

    private static byte[] Chunk(ReadOnlySpan<byte> type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        type.CopyTo(chunk.AsSpan(4));
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
