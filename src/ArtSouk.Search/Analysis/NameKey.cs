using System.Text;

namespace ArtSouk.Search.Analysis;

/// <summary>
/// A consonant skeleton shared by a name's Arabic spelling and its Latin transliterations, so محمد, Mohammed, Muhammad
/// and Mohamed all read <c>MHMD</c>. Vowels (and the letters that write long vowels: ا و ي inside a word, ع and hamza)
/// are dropped, letters that transliterations confuse share a class (ذ ظ ض ز د with d, z, dh; ث ت ط with t, th; خ ق ك
/// with kh, q, k), doubled letters count once and a final h (ه ة ح, Latin -ah/-eh) is dropped.
/// </summary>
public static class NameKey
{
    /// <summary>Latin articles, plain and assimilated to a sun letter (ash-Shammari, ar-Rashid); dropped before a name.</summary>
    private static readonly HashSet<string> LatinArticles = new(StringComparer.Ordinal)
    {
        "al", "el", "ul", "il", "ar", "er", "as", "es", "ash", "esh", "ad", "ed", "at", "et", "az", "ez", "an", "en", "ath", "adh", "ath", "az", "aal",
    };

    /// <summary>True when <paramref name="word"/> is an article of the Latin word after it (al-Harbi, ash-Shehri, as-Sayed).</summary>
    public static bool IsLatinArticle(string word, string? next)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (next is null || next.Length < 2 || !LatinArticles.Contains(word))
        {
            return false;
        }
        return word is "al" or "el" or "aal" || word.Length >= 2 && next.StartsWith(word[1..], StringComparison.Ordinal);
    }

    /// <summary>Keys for one normalized word: its skeleton, and the skeleton without a joined article (الحربي, Alharbi).</summary>
    public static IReadOnlyList<string> Keys(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var keys = new List<string>(2);
        var arabic = Orthography.IsArabic(word);
        Add(keys, arabic ? Arabic(word) : Latin(word));
        if (arabic && word.Length >= 5 && word.StartsWith("ال", StringComparison.Ordinal))
        {
            Add(keys, Arabic(word[2..]));
        }
        else if (!arabic && word.Length >= 5 && (word.StartsWith("al", StringComparison.Ordinal) || word.StartsWith("el", StringComparison.Ordinal)))
        {
            Add(keys, Latin(word[2..]));
        }
        return keys;
    }

    private static void Add(List<string> keys, string key)
    {
        if (key.Length > 0 && !keys.Contains(key))
        {
            keys.Add(key);
        }
    }

    public static string Arabic(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var key = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var cls = c switch
            {
                'ب' => 'B',
                'ت' or 'ث' or 'ط' => 'T',
                'ج' => 'J',
                'ح' or 'ه' => 'H',
                'خ' or 'ق' or 'ك' => 'K',
                'د' or 'ذ' or 'ز' or 'ض' or 'ظ' => 'D',
                'ر' => 'R',
                'س' or 'ص' => 'S',
                'ش' => 'X',
                'غ' => 'G',
                'ف' => 'F',
                'ل' => 'L',
                'م' => 'M',
                'ن' => 'N',
                'و' => i == 0 ? 'W' : '\0',
                'ي' => i == 0 ? 'Y' : '\0',
                _ => '\0',
            };
            Append(key, cls);
        }
        return Finish(key);
    }

    public static string Latin(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var key = new StringBuilder(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            var digraph = (c, next) switch
            {
                ('k', 'h') => 'K',
                ('g', 'h') => 'G',
                ('s', 'h') or ('c', 'h') => 'X',
                ('t', 'h') => 'T',
                ('d', 'h') => 'D',
                ('p', 'h') => 'F',
                ('d', 'j') => 'J',
                _ => '\0',
            };
            if (digraph != '\0')
            {
                Append(key, digraph);
                i++;
                continue;
            }
            var cls = c switch
            {
                'b' or 'p' => 'B',
                't' => 'T',
                'j' or 'g' => 'J',
                'h' => 'H',
                'k' or 'q' or 'c' => 'K',
                'd' or 'z' => 'D',
                'r' => 'R',
                's' => 'S',
                'f' or 'v' => 'F',
                'l' => 'L',
                'm' => 'M',
                'n' => 'N',
                'x' => 'K',
                'w' => i == 0 ? 'W' : '\0',
                'y' => i == 0 ? 'Y' : '\0',
                _ => '\0',
            };
            Append(key, cls);
            if (c == 'x')
            {
                Append(key, 'S');
            }
        }
        return Finish(key);
    }

    private static void Append(StringBuilder key, char cls)
    {
        if (cls != '\0' && (key.Length == 0 || key[^1] != cls))
        {
            key.Append(cls);
        }
    }

    private static string Finish(StringBuilder key)
    {
        if (key.Length > 1 && key[^1] == 'H')
        {
            key.Length--;
        }
        return key.ToString();
    }
}
