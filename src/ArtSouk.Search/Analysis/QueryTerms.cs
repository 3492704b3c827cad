namespace ArtSouk.Search.Analysis;

/// <summary>One query word with everything it may match: its own forms, and the glossary's words in the other language.</summary>
public sealed record QueryWord(Word Word, IReadOnlyList<string> Translations, bool IsLast)
{
    public string Exact => Word.Exact;
    public IReadOnlyList<string> Stems => Word.Stems;
    public IReadOnlyList<string> Keys => Word.Keys;
    public int MaxEdits => Typos.MaxEdits(Word.Exact);
}

/// <summary>A query analyzed once, for the index adapters and for the snippet highlighter.</summary>
public sealed class QueryTerms
{
    public const int MaxWords = 12;

    public QueryTerms(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = TextAnalyzer.Analyze(query).Take(MaxWords).ToList();
        Words = words.Select((w, i) => new QueryWord(w, w.Stems.SelectMany(Glossary.Translate).Distinct().ToList(), i == words.Count - 1)).ToList();
        Whole = string.Join(' ', words.Select(w => w.Exact));
        // Search-as-you-type: the last word may be unfinished unless the query ends in a space.
        LastIsPrefix = query.Length > 0 && !char.IsWhiteSpace(query[^1]);
    }

    public IReadOnlyList<QueryWord> Words { get; }

    /// <summary>The normalized words joined by a space: an entry whose whole title is this is the best match.</summary>
    public string Whole { get; }

    public bool LastIsPrefix { get; }

    public bool IsArabic => Words.Count > 0 && Words.Any(w => w.Word.IsArabic);

    /// <summary>True when <paramref name="word"/> (from a text being highlighted) matches some query word.</summary>
    public bool Matches(Word word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Matches(word.Exact, word.Stems, word.Keys);
    }

    internal bool Matches(in TextWord word) => Matches(word.Exact, word.Stems, word.Keys);

    private bool Matches(string exact, IReadOnlyList<string> stems, IReadOnlyList<string> keys)
    {
        // Plain loops: the highlighter asks this of every distinct spelling of ten bodies per search.
        for (var w = 0; w < Words.Count; w++)
        {
            var q = Words[w];
            if (q.Exact == exact || AnyIn(q.Stems, stems) || AnyIn(q.Translations, stems) || AnyKeyIn(q.Keys, keys)
                || q.MaxEdits > 0 && Math.Abs(q.Exact.Length - exact.Length) <= q.MaxEdits && Distance(q.Exact, exact) <= q.MaxEdits)
            {
                return true;
            }
        }
        return false;
    }

    private static bool AnyIn(IReadOnlyList<string> some, IReadOnlyList<string> of)
    {
        for (var i = 0; i < some.Count; i++)
        {
            for (var j = 0; j < of.Count; j++)
            {
                if (some[i] == of[j])
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>A shared transliteration key of three letters or more (shorter ones say too little).</summary>
    private static bool AnyKeyIn(IReadOnlyList<string> keys, IReadOnlyList<string> of)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].Length < 3)
            {
                continue;
            }
            for (var j = 0; j < of.Count; j++)
            {
                if (keys[i] == of[j])
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Optimal string alignment distance (Damerau: a swap of neighbours is one edit), as Lucene's fuzzy query counts.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // Three rows of the table (the swap looks two rows back), on the stack for words of ordinary length.
        var width = b.Length + 1;
        Span<int> rows = width <= 128 ? stackalloc int[3 * width] : new int[3 * width];
        var before = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    current[j] = Math.Min(current[j], before[j - 2] + 1);
                }
            }
            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.Length];
    }
}
