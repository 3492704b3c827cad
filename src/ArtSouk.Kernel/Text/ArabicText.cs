using System.Globalization;
using System.Text;

namespace ArtSouk.Kernel.Text;

/// <summary>Arabic orthography helpers shared by slugs and search.</summary>
public static class ArabicText
{
    public const char Tatweel = '\u0640';

    /// <summary>Harakat, tanween, shadda, sukun, superscript alef and Quranic marks.</summary>
    public static bool IsDiacritic(char c) =>
        c is >= '\u064B' and <= '\u065F' or '\u0670' or >= '\u06D6' and <= '\u06ED' or >= '\u0610' and <= '\u061A';

    public static bool IsArabicLetter(char c) =>
        c is >= '\u0621' and <= '\u064A' or >= '\u0671' and <= '\u06D3' or '\u06D5' or >= '\u06EE' and <= '\u06FF'
            && !IsDiacritic(c);

    public static bool ContainsArabic(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (IsArabicLetter(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Removes diacritics and tatweel; keeps letters as written (no hamza folding).</summary>
    public static string StripMarks(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            if (c != Tatweel && !IsDiacritic(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
