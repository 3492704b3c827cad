using System.Text;
using ArtSouk.Kernel.Text;

namespace ArtSouk.Cms.Slugs;

/// <summary>
/// URL slugs. Arabic stays in Arabic script (diacritics and tatweel removed); Latin text is folded to
/// lower-case ASCII letters; anything else becomes a single hyphen.
/// </summary>
public static class Slug
{
    public const int MaxLength = 80;

    /// <summary>The slug for a title or an editor's slug; empty when nothing usable is left.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = ArabicText.StripMarks(text.Normalize(NormalizationForm.FormKC));
        var builder = new StringBuilder(cleaned.Length);
        var pendingHyphen = false;
        foreach (var original in cleaned)
        {
            var c = FoldLatin(original);
            if (IsKept(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }
                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '\u2019' or '\u02BC'))
            {
                // Apostrophes vanish ("Ma'rifa" -> "marifa"); every other separator is a word break.
                pendingHyphen = true;
            }
        }
        return Truncate(builder.ToString());
    }

    /// <summary>Makes <paramref name="slug"/> unique by appending -2, -3, ... while <paramref name="isTaken"/> says so.</summary>
    public static async Task<string> UniqueAsync(string slug, Func<string, Task<bool>> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        var candidate = slug;
        for (var n = 2; await isTaken(candidate); n++)
        {
            var suffix = $"-{n}";
            candidate = Truncate(slug, MaxLength - suffix.Length) + suffix;
        }
        return candidate;
    }

    /// <summary>"é" -> "e". Only Latin letters are folded: Arabic hamza forms (أ إ آ ؤ ئ) are letters, not accents.</summary>
    private static char FoldLatin(char c)
    {
        if (c < 128 || ArabicText.IsArabicLetter(c))
        {
            return c;
        }
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 1 && decomposed[0] < 128 ? decomposed[0] : c;
    }

    private static bool IsKept(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
        || ArabicText.IsArabicLetter(c)
        || c is >= '\u0660' and <= '\u0669';

    private static string Truncate(string slug, int max = MaxLength)
    {
        if (slug.Length <= max)
        {
            return slug;
        }
        var cut = slug[..max];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > max / 2 ? cut[..lastHyphen] : cut).Trim('-');
    }
}
