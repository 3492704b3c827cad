using System.Globalization;
using System.Text;

namespace ArtSouk.Commerce.Invoices;

/// <summary>
/// The QR payload of a ZATCA Phase 1 simplified tax invoice: five TLV fields (1 seller name, 2 VAT number, 3 time stamp,
/// 4 total with VAT, 5 VAT), base64. Each length byte counts the value's UTF-8 bytes, not its characters: an Arabic
/// seller name of 16 letters is 30-odd bytes.
/// </summary>
internal static class ZatcaQr
{
    public static string Encode(string sellerName, string vatNumber, DateTimeOffset issuedAt, string totalWithVat, string vat)
    {
        using var buffer = new MemoryStream();
        Write(buffer, 1, sellerName);
        Write(buffer, 2, vatNumber);
        Write(buffer, 3, issuedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Write(buffer, 4, totalWithVat);
        Write(buffer, 5, vat);
        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>The fields of a payload, by tag, for tests and support staff.</summary>
    public static IReadOnlyDictionary<int, string> Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var fields = new Dictionary<int, string>();
        for (var i = 0; i + 2 <= bytes.Length;)
        {
            int tag = bytes[i], length = bytes[i + 1];
            fields[tag] = Encoding.UTF8.GetString(bytes, i + 2, length);
            i += 2 + length;
        }
        return fields;
    }

    private static void Write(MemoryStream buffer, byte tag, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > 255)
        {
            throw new ArgumentException($"TLV tag {tag} holds at most 255 bytes; '{value}' is {bytes.Length}.", nameof(value));
        }
        buffer.WriteByte(tag);
        buffer.WriteByte((byte)bytes.Length);
        buffer.Write(bytes);
    }
}
