using System.Globalization;

namespace ArtSouk.Search.Querying;

/// <summary>
/// Prices as search filters and counts them: a range <c>min-max</c> in SAR (either end may be left out; min included, max
/// not, so bands tile without overlap), and the bands the price facet counts, named by their own range so that a facet
/// value can be sent back as <c>filter[price]</c> and keeps exactly the documents it counted.
/// </summary>
internal static class PriceBands
{
    /// <summary>Band edges in SAR: under 5,000 / 5,000–20,000 / 20,000–100,000 / 100,000 and over.</summary>
    public static IReadOnlyList<long> Edges { get; } = [5_000, 20_000, 100_000];

    /// <summary>The field a price is indexed in as halalas (a long), for range filters.</summary>
    public const string Field = "price_minor";

    public static string BandOf(long priceMinor)
    {
        long? low = null;
        foreach (var edge in Edges)
        {
            if (priceMinor < edge * 100)
            {
                return Range(low, edge);
            }
            low = edge;
        }
        return Range(low, null);
    }

    private static string Range(long? low, long? high) =>
        (low?.ToString(CultureInfo.InvariantCulture) ?? "0") + "-" + (high?.ToString(CultureInfo.InvariantCulture) ?? "");

    /// <summary>Reads <c>min-max</c> (SAR, decimals allowed to the halala) into halalas: min inclusive, max exclusive.</summary>
    public static bool TryParse(string? text, out long? minMinor, out long? maxMinor)
    {
        minMinor = maxMinor = null;
        if (string.IsNullOrWhiteSpace(text) || text.Count(c => c == '-') != 1)
        {
            return false;
        }
        var parts = text.Split('-');
        if (!TryAmount(parts[0], out minMinor) || !TryAmount(parts[1], out maxMinor))
        {
            return false;
        }
        return (minMinor is not null || maxMinor is not null) && (minMinor is null || maxMinor is null || minMinor < maxMinor);
    }

    private static bool TryAmount(string text, out long? minor)
    {
        minor = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            return true;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount > 1_000_000_000_000m
            || decimal.Round(amount, 2) != amount)
        {
            return false;
        }
        minor = (long)(amount * 100);
        return true;
    }
}
