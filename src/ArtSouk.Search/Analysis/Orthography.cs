using System.Globalization;
using System.Text;

namespace ArtSouk.Search.Analysis;

/// <summary>
/// Folds the spellings one word is written with to one form: Arabic hamza seats and alef variants, ta marbuta, alef
/// maqsura, diacritics and tatweel; Eastern Arabic and Persian digits; Persian letter shapes; Latin case and accents.
/// </summary>
public static class Orthography
{
    public static string Normalize(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        // Decomposing splits أ إ آ ؤ ئ into the bare letter and a hamza or madda mark, which is then dropped with the
        // other marks; Latin accents go the same way.
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (Fold(c) is { } folded)
            {
                builder.Append(folded);
            }
        }
        return builder.ToString();
    }

    /// <summary>The folded character, or null for a character that carries no meaning for search (a mark, tatweel).</summary>
    public static char? Fold(char c)
    {
        if (c is >= '\u0660' and <= '\u0669')
        {
            return (char)('0' + (c - '\u0660'));
        }
        if (c is >= '\u06F0' and <= '\u06F9')
        {
            return (char)('0' + (c - '\u06F0'));
        }
        var category = CharUnicodeInfo.GetUnicodeCategory(c);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            || c == '\u0640' || c is >= '\u0610' and <= '\u061A' || c is >= '\u064B' and <= '\u065F' || c == '\u0670' || c is >= '\u06D6' and <= '\u06ED')
        {
            return null;
        }
        return c switch
        {
            'أ' or 'إ' or 'آ' or 'ٱ' or 'ٲ' or 'ٳ' => 'ا',
            'ؤ' => 'و',
            'ئ' => 'ي',
            'ة' or 'ۃ' => 'ه',
            'ى' or 'ی' or 'ې' or 'ۍ' => 'ي',
            'ک' or 'ڪ' => 'ك',
            'ہ' or 'ھ' or 'ۀ' => 'ه',
            'گ' => 'ك',
            'پ' => 'ب',
            'ڤ' => 'ف',
            'چ' => 'ج',
            'ß' => 's',
            _ => char.ToLowerInvariant(c),
        };
    }

    public static bool IsArabicLetter(char c) => c is >= '\u0621' and <= '\u064A' or >= '\u0671' and <= '\u06D3' or '\u06D5' or >= '\u06EE' and <= '\u06FF' && c is not (>= '\u06F0' and <= '\u06F9');

    public static bool IsArabic(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return normalized.Length > 0 && IsArabicLetter(normalized[0]);
    }

    public static bool IsDigits(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return normalized.Length > 0 && normalized.All(char.IsAsciiDigit);
    }
}
