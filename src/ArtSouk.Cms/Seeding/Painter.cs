using System.Buffers.Binary;
using System.IO.Compression;

namespace ArtSouk.Cms.Seeding;

/// <summary>
/// Paints the demo images: colour-field and Sadu-pattern compositions in desert, sea and palm palettes for
/// artworks, soft silhouettes for portraits, monograms for gallery logos. Deterministic for a given seed, encoded as PNG.
/// </summary>
internal static class Painter
{
    private static readonly (byte R, byte G, byte B)[][] Palettes =
    [
        [(0xE9, 0xC8, 0x9B), (0xC4, 0x7A, 0x3D), (0x8C, 0x3B, 0x1E), (0x3E, 0x2A, 0x1F), (0xF6, 0xEB, 0xD9)], // dunes at dusk
        [(0x0E, 0x4D, 0x64), (0x1B, 0x8A, 0x8F), (0xE8, 0xD5, 0xB5), (0xC9, 0x6E, 0x4A), (0x13, 0x2A, 0x3A)], // Red Sea
        [(0x2F, 0x4F, 0x2F), (0x8A, 0x9A, 0x5B), (0xE3, 0xC5, 0x6C), (0x6B, 0x3E, 0x26), (0xF2, 0xE8, 0xCF)], // palm grove
        [(0x9E, 0x1B, 0x32), (0x1F, 0x1F, 0x1F), (0xF4, 0xEF, 0xE6), (0xD9, 0xA4, 0x41), (0x2B, 0x4C, 0x7E)], // Sadu
        [(0xF2, 0xD0, 0xA4), (0xB5, 0x65, 0x76), (0x5D, 0x4E, 0x8C), (0x26, 0x2B, 0x4F), (0xF8, 0xF1, 0xE7)], // Najd evening
        [(0xD6, 0x9F, 0x7E), (0x77, 0x4E, 0x24), (0xC2, 0xB2, 0x80), (0x3A, 0x50, 0x6B), (0xEE, 0xE3, 0xCF)], // AlUla sandstone
    ];

    public static byte[] Artwork(int seed, int width = 480, int height = 600)
    {
        var random = new Random(seed);
        var palette = Palettes[random.Next(Palettes.Length)];
        var pixels = new byte[width * height * 3];
        switch (random.Next(3))
        {
            case 0:
                ColourField(pixels, width, height, palette, random);
                break;
            case 1:
                Sadu(pixels, width, height, palette, random);
                break;
            default:
                Horizon(pixels, width, height, palette, random);
                break;
        }
        Grain(pixels, random);
        return Png(width, height, pixels);
    }

    public static byte[] Portrait(int seed, int size = 400)
    {
        var random = new Random(seed);
        var palette = Palettes[random.Next(Palettes.Length)];
        var pixels = new byte[size * size * 3];
        var background = palette[random.Next(palette.Length)];
        var figure = palette[(Array.IndexOf(palette, background) + 2 + random.Next(2)) % palette.Length];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var shade = 0.85 + 0.15 * y / size;
                var c = Scale(background, shade);
                var head = Math.Pow(x - size * 0.5, 2) + Math.Pow(y - size * 0.4, 2) < Math.Pow(size * 0.17, 2);
                var shoulders = y > size * 0.62 && Math.Pow((x - size * 0.5) / (size * 0.36), 2) + Math.Pow((y - size * 1.02) / (size * 0.42), 2) < 1;
                Set(pixels, size, x, y, head || shoulders ? figure : c);
            }
        }
        Grain(pixels, random);
        return Png(size, size, pixels);
    }

    public static byte[] Logo(int seed, int size = 240)
    {
        var random = new Random(seed);
        var palette = Palettes[random.Next(Palettes.Length)];
        var pixels = new byte[size * size * 3];
        var ground = palette[4];
        var ink = palette[random.Next(4)];
        var arch = random.Next(2) == 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                double dx = x - size / 2.0, dy = y - size / 2.0;
                var inShape = arch
                    ? Math.Abs(dx) < size * 0.28 && y > size * 0.25 && y < size * 0.8 && !(Math.Abs(dx) < size * 0.16 && y > size * 0.45) && (y > size * 0.4 || dx * dx + Math.Pow(y - size * 0.4, 2) < Math.Pow(size * 0.28, 2))
                    : Math.Abs(dx) + Math.Abs(dy) < size * 0.32 && Math.Abs(dx) + Math.Abs(dy) > size * 0.2;
                Set(pixels, size, x, y, inShape ? ink : ground);
            }
        }
        return Png(size, size, pixels);
    }

    private static void ColourField(byte[] pixels, int width, int height, (byte R, byte G, byte B)[] palette, Random random)
    {
        var bands = 2 + random.Next(3);
        var edges = Enumerable.Range(0, bands - 1).Select(_ => random.NextDouble()).Order().ToArray();
        var colours = Enumerable.Range(0, bands).Select(_ => palette[random.Next(palette.Length)]).ToArray();
        var ground = palette[random.Next(palette.Length)];
        var margin = 0.06 + random.NextDouble() * 0.06;
        for (var y = 0; y < height; y++)
        {
            var t = (double)y / height;
            var band = edges.Count(e => e < t);
            var wobble = Math.Sin(y * 0.05 + band) * 3;
            for (var x = 0; x < width; x++)
            {
                var inside = x > width * margin + wobble && x < width * (1 - margin) - wobble && t > margin && t < 1 - margin;
                Set(pixels, width, x, y, inside ? Scale(colours[band], 0.92 + 0.08 * Math.Sin(x * 0.02)) : ground);
            }
        }
    }

    /// <summary>Rows of triangles and diamonds after Al Sadu weaving.</summary>
    private static void Sadu(byte[] pixels, int width, int height, (byte R, byte G, byte B)[] palette, Random random)
    {
        var rows = 5 + random.Next(5);
        var rowHeight = height / rows;
        var cell = 24 + random.Next(4) * 8;
        for (var y = 0; y < height; y++)
        {
            var row = Math.Min(y / rowHeight, rows - 1);
            var within = (double)(y % rowHeight) / rowHeight;
            var a = palette[(row * 2) % palette.Length];
            var b = palette[(row * 2 + 1 + row / 3) % palette.Length];
            for (var x = 0; x < width; x++)
            {
                var u = (double)(x % cell) / cell;
                var pattern = (row % 3) switch
                {
                    0 => Math.Abs(u - 0.5) * 2 < within,
                    1 => Math.Abs(u - 0.5) + Math.Abs(within - 0.5) < 0.35,
                    _ => ((x / (cell / 2)) + (y / (rowHeight / 2 + 1))) % 2 == 0,
                };
                Set(pixels, width, x, y, pattern ? a : b);
            }
        }
    }

    /// <summary>A sky, a dune line and a low sun.</summary>
    private static void Horizon(byte[] pixels, int width, int height, (byte R, byte G, byte B)[] palette, Random random)
    {
        var sky = palette[4];
        var glow = palette[0];
        var land = palette[1 + random.Next(3)];
        var sunX = width * (0.2 + random.NextDouble() * 0.6);
        var sunY = height * (0.25 + random.NextDouble() * 0.2);
        var horizon = height * (0.55 + random.NextDouble() * 0.15);
        var phase = random.NextDouble() * 6;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var dune = horizon + Math.Sin(x * 0.012 + phase) * height * 0.05 + Math.Sin(x * 0.031 + phase * 2) * height * 0.02;
                (byte, byte, byte) c;
                if (y > dune)
                {
                    c = Scale(land, 1 - 0.35 * (y - dune) / (height - dune + 1));
                }
                else if (Math.Pow(x - sunX, 2) + Math.Pow(y - sunY, 2) < Math.Pow(width * 0.09, 2))
                {
                    c = glow;
                }
                else
                {
                    c = Mix(sky, glow, y / dune * 0.8);
                }
                Set(pixels, width, x, y, c);
            }
        }
    }

    private static void Grain(byte[] pixels, Random random)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-6, 7), 0, 255);
        }
    }

    private static void Set(byte[] pixels, int width, int x, int y, (byte R, byte G, byte B) c)
    {
        var i = (y * width + x) * 3;
        pixels[i] = c.R;
        pixels[i + 1] = c.G;
        pixels[i + 2] = c.B;
    }

    private static (byte, byte, byte) Scale((byte R, byte G, byte B) c, double f) =>
        ((byte)Math.Clamp(c.R * f, 0, 255), (byte)Math.Clamp(c.G * f, 0, 255), (byte)Math.Clamp(c.B * f, 0, 255));

    private static (byte, byte, byte) Mix((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, double t) =>
        ((byte)(a.R + (b.R - a.R) * t), (byte)(a.G + (b.G - a.G) * t), (byte)(a.B + (b.B - a.B) * t));

    private static byte[] Png(int width, int height, byte[] rgb)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(output, "IHDR"u8, header);
        using (var raw = new MemoryStream())
        {
            using (var zlib = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            {
                for (var y = 0; y < height; y++)
                {
                    zlib.WriteByte(0); // no filter
                    zlib.Write(rgb, y * width * 3, width * 3);
                }
            }
            Chunk(output, "IDAT"u8, raw.ToArray());
        }
        Chunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, ReadOnlySpan<byte> type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        output.Write(type);
        output.Write(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, ~Crc(Crc(0xFFFFFFFFu, type), data));
        output.Write(sum);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c;
    }).ToArray();

    /// <summary>The PNG chunk CRC (ISO 3309); System.IO.Hashing is not in the shared framework.</summary>
    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }
}
