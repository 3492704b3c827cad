using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>What an authenticator app shows: RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) from a base32 shared key.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset? at = null, int stepOffset = 0)
    {
        var key = Base32(base32Key);
        var step = ((at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30) + stepOffset;
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 as authenticator apps and Identity compute it is HMAC-SHA1.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The key inside an <c>otpauth://totp/...?secret=KEY&amp;...</c> URI.</summary>
    public static string SecretOf(string otpauthUri) =>
        Uri.UnescapeDataString(new Uri(otpauthUri).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..]);

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
