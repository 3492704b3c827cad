namespace ArtSouk.Search.Analysis;

/// <summary>
/// Light stemming of normalized Arabic words (after <see cref="Orthography.Normalize"/>: ة is ه, ى is ي): the article
/// and the particles joined to it, then one pronoun suffix, then one number or gender suffix, then the nisba ي. Each
/// step leaves at least three letters, so short roots (فن, فنان) are not cut into each other.
/// </summary>
public static class ArabicStemmer
{
    // Longest first: a conjunction or preposition joined to the article (وال, بال, لل = ل + ال, وبال, ...).
    private static readonly string[] ArticlePrefixes = ["وبال", "وكال", "فبال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال"];

    private static readonly string[] PronounSuffixes = ["هما", "كما", "هم", "هن", "كم", "كن", "ها", "نا", "ه"];

    // ة+pronoun becomes ت before the pronoun (لوحته), and the feminine dual/plural keep it (لوحتان).
    private static readonly string[] NumberSuffixes = ["تان", "تين", "ات", "ون", "ين", "ان", "يه"];

    /// <summary>The stem a query word is matched by.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stem = StripArticle(word, out var hadArticle);
        if (!hadArticle && stem.Length >= 5 && stem[0] == 'و')
        {
            // A bare conjunction, only on longer words: وليد and وردة stay whole.
            stem = stem[1..];
        }
        return StripSuffixes(stem);
    }

    /// <summary>
    /// Every stem a word may have: <see cref="Stem"/>; without a leading ب ك ل ف that may be a joined preposition
    /// rather than a root letter (بلوحته, بجدة); and without the ت a ta marbuta becomes before a pronoun (لوحته). Both
    /// the index and the query take all of them, so the reading that is right meets, and كتاب is never cut to تاب alone.
    /// </summary>
    public static IReadOnlyList<string> Stems(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var stems = new List<string>(3) { Stem(word) };
        if (word.Length >= 4 && word[0] is 'ب' or 'ك' or 'ل' or 'ف' && !word.StartsWith("ال", StringComparison.Ordinal))
        {
            Add(stems, Stem(word[1..]));
        }
        foreach (var stem in stems.ToList())
        {
            if (stem.Length >= 4 && stem[^1] == 'ت' && word.Length > stem.Length)
            {
                Add(stems, stem[..^1]);
            }
        }
        return stems;
    }

    private static void Add(List<string> stems, string stem)
    {
        if (stem.Length >= 2 && !stems.Contains(stem))
        {
            stems.Add(stem);
        }
    }

    private static string StripArticle(string word, out bool hadArticle)
    {
        foreach (var prefix in ArticlePrefixes)
        {
            if (word.Length - prefix.Length >= 2 && word.StartsWith(prefix, StringComparison.Ordinal))
            {
                hadArticle = true;
                return word[prefix.Length..];
            }
        }
        hadArticle = false;
        return word;
    }

    private static string StripSuffixes(string stem)
    {
        stem = StripOne(stem, PronounSuffixes, 3);
        foreach (var suffix in NumberSuffixes)
        {
            // The dual ان only on longer words: رمضان, عثمان and فنان end in it without being duals.
            var keep = suffix == "ان" ? 4 : 3;
            if (stem.Length - suffix.Length >= keep && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                stem = stem[..^suffix.Length];
                break;
            }
        }
        if (stem.Length >= 4 && stem[^1] == 'ي')
        {
            stem = stem[..^1];
        }
        return stem;
    }

    private static string StripOne(string stem, string[] suffixes, int keep)
    {
        foreach (var suffix in suffixes)
        {
            if (stem.Length - suffix.Length >= keep && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                return stem[..^suffix.Length];
            }
        }
        return stem;
    }
}
