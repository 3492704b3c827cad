using System.Buffers.Binary;

namespace ArtSouk.Cms.Media;

/// <summary>
/// Reads the type and pixel size an image's first bytes claim; null when they claim no type we accept. A claim only:
/// <see cref="ImageDecoder"/> decodes the file to prove it.
/// </summary>
internal readonly record struct ImageHeader(string ContentType, string Extension, int Width, int Height)
{
    public static ImageHeader? Read(ReadOnlySpan<byte> b)
    {
        if (b.Length >= 24 && b[..8].SequenceEqual<byte>([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return new("image/png", ".png", BinaryPrimitives.ReadInt32BigEndian(b[16..]), BinaryPrimitives.ReadInt32BigEndian(b[20..]));
        }
        if (b.Length >= 10 && b[..3].SequenceEqual("GIF"u8))
        {
            return new("image/gif", ".gif", BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), BinaryPrimitives.ReadUInt16LittleEndian(b[8..]));
        }
        if (b.Length >= 30 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP(b);
        }
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xD8)
        {
            return Jpeg(b);
        }
        return null;
    }

    private static ImageHeader? WebP(ReadOnlySpan<byte> b)
    {
        var chunk = b[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            var w = 1 + (b[24] | b[25] << 8 | b[26] << 16);
            var h = 1 + (b[27] | b[28] << 8 | b[29] << 16);
            return new("image/webp", ".webp", w, h);
        }
        if (chunk.SequenceEqual("VP8 "u8))
        {
            return new("image/webp", ".webp", BinaryPrimitives.ReadUInt16LittleEndian(b[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(b[28..]) & 0x3FFF);
        }
        if (chunk.SequenceEqual("VP8L"u8) && b.Length >= 25)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(b[21..]);
            return new("image/webp", ".webp", (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        return null;
    }

    private static ImageHeader? Jpeg(ReadOnlySpan<byte> b)
    {
        var i = 2;
        while (i + 9 < b.Length)
        {
            if (b[i] != 0xFF)
            {
                return null;
            }
            var marker = b[i + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(b[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return new("image/jpeg", ".jpg", BinaryPrimitives.ReadUInt16BigEndian(b[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(b[(i + 5)..]));
            }
            i += 2 + length;
        }
        return null;
    }
}
