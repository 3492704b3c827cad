using ArtSouk.Search.Analysis;

namespace ArtSouk.Search.Querying;

/// <summary>
/// A query as both adapters run it: the Lucene adapter turns it into Lucene queries, the Elasticsearch adapter into the
/// same query DSL, so the two rank by the same clauses over the same indexed forms.
/// </summary>
internal abstract record QueryNode(float Boost);

internal sealed record TermNode(string Field, string Value, float Boost = 1) : QueryNode(Boost);

/// <summary>Typo tolerance: at most <paramref name="Edits"/> edits, the first letter fixed, a few expansions only.</summary>
internal sealed record FuzzyNode(string Field, string Value, int Edits, float Boost = 1) : QueryNode(Boost)
{
    /// <summary>A mistyped first letter is rare and scanning every term from the first letter on is what made fuzzy slow.</summary>
    public const int PrefixLength = 1;

    /// <summary>The closest few terms are enough: the typo budget already keeps them close, and more only cost time.</summary>
    public const int MaxExpansions = 10;
}

internal sealed record PhraseNode(string Field, IReadOnlyList<string> Terms, int Slop, float Boost = 1) : QueryNode(Boost);

/// <summary>The best-scoring of several forms of one word.</summary>
internal sealed record BestOfNode(IReadOnlyList<QueryNode> Options, float TieBreaker, float Boost = 1) : QueryNode(Boost);

internal sealed record AllNode(IReadOnlyList<QueryNode> Must, IReadOnlyList<QueryNode> Should, int MinimumShouldMatch, float Boost = 1) : QueryNode(Boost);

/// <summary>Index field names: each analyzed field holds one of our forms, space-separated, in word order.</summary>
internal static class F
{
    public const string Id = "id";
    public const string Type = "type";
    public const string TitleExact = "tx";
    public const string TitleStem = "ts";
    public const string TitleWhole = "tw";
    public const string TitleKey = "tk";
    public const string BodyExact = "bx";
    public const string BodyStem = "bs";
    public const string NameExact = "nx";
    public const string NameKey = "nk";

    /// <summary>Edge n-grams of title and name words (<see cref="Grams"/>): a typed prefix is one term, never a scan.</summary>
    public const string Suggest = "sg";

    public static string Filter(string facet) => "f_" + facet;

    public static string FacetValue(string facet, string locale) => facet is "city" or "medium" or "category" ? $"v_{facet}_{locale}" : "v_" + facet;
}

/// <summary>
/// The suggest field's forms: every prefix of a title word, of its transliteration key (marked <c>~</c>) and of the
/// related names (marked <c>@</c>), up to <see cref="MaxGram"/> letters. Computed before indexing, like all our forms.
/// </summary>
internal static class Grams
{
    public const int MaxGram = 16;
    public const string KeyMark = "~";
    public const string NameMark = "@";

    public static IEnumerable<string> OfTitle(Word word)
    {
        ArgumentNullException.ThrowIfNull(word);
        foreach (var gram in Prefixes(word.Exact, 1))
        {
            yield return gram;
        }
        if (word.Keys.Count > 0 && word.Keys[0].Length >= 2)
        {
            foreach (var gram in Prefixes(word.Keys[0], 2))
            {
                yield return KeyMark + gram;
            }
        }
    }

    public static IEnumerable<string> OfName(Word word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return Prefixes(word.Exact, 2).Select(g => NameMark + g);
    }

    /// <summary>The gram a typed prefix is looked up by (longer prefixes are cut to the longest gram indexed).</summary>
    public static string Cut(string prefix) => prefix.Length > MaxGram ? prefix[..MaxGram] : prefix;

    private static IEnumerable<string> Prefixes(string word, int shortest)
    {
        for (var n = shortest; n <= Math.Min(word.Length, MaxGram); n++)
        {
            yield return word[..n];
        }
    }
}

/// <summary>
/// Turns analyzed query words into a plan: for each word, the best of its forms (exact in the title first, then stems,
/// name keys, glossary translations, typos within the word's budget, and the suggest grams for the word being typed); a
/// whole-title match and the words as a phrase on top, so exact names and phrases rank first.
/// </summary>
internal static class QueryPlan
{
    /// <summary>
    /// A word written this way in at least this many documents is taken as spelled as meant: its typo expansions are
    /// left out. A misspelling is rare in the catalogue by nature, and expanding a common word (painting, الرياض) costs a
    /// union over the postings of every neighbour (paintings, painted) for matches its stems already give.
    /// </summary>
    public const int KnownAt = 3;

    /// <param name="frequency">How many documents hold a term in a field, when the adapter has the index's statistics at
    /// hand (Lucene); without it (Elasticsearch) every long enough word keeps its typo expansions.</param>
    public static QueryNode Search(QueryTerms terms, Func<string, string, int>? frequency = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var words = terms.Words.Select(w => Word(w, terms.LastIsPrefix && w.IsLast, frequency)).ToList();
        var n = terms.Words.Count;
        var should = new List<QueryNode>();
        if (terms.Whole.Length > 0)
        {
            should.Add(new TermNode(F.TitleWhole, terms.Whole, 30));
        }
        if (n >= 2)
        {
            var exact = terms.Words.Select(w => w.Exact).ToList();
            should.Add(new PhraseNode(F.TitleExact, exact, 0, 12));
            // Not in bodies: there a phrase of common words reads the positions of most documents for a small boost.
            should.Add(new PhraseNode(F.NameExact, exact, 1, 4));
            var keyed = terms.Words.Where(w => w.Keys.Count > 0).Select(w => w.Keys[^1]).ToList();
            if (keyed.Count >= 2)
            {
                should.Add(new PhraseNode(F.TitleKey, keyed, 0, 6));
            }
        }
        var all = new AllNode([], words, n <= 2 ? 1 : n - 1);
        return new AllNode([all], should, 0);
    }

    /// <summary>
    /// Documents that satisfy the words on titles, names and keys rank before those that match only through their
    /// bodies (the Lucene adapter evaluates in these two tiers; Elasticsearch adds <see cref="TierBoost"/> to the first).
    /// </summary>
    public const float TierBoost = 10_000;

    public static bool IsBody(string field) => field is F.BodyExact or F.BodyStem;

    /// <summary>The words of a <see cref="Search"/> plan on titles, names and keys only: what puts a document in the first tier.</summary>
    public static QueryNode TitleTier(QueryNode search)
    {
        ArgumentNullException.ThrowIfNull(search);
        var words = search is AllNode { Must: [AllNode inner] } ? inner : throw new ArgumentException("not a search plan", nameof(search));
        var titles = words.Should.Select(w => w is BestOfNode best
            ? best with { Options = [.. best.Options.Where(o => o is not TermNode t || !IsBody(t.Field)).Where(o => o is not FuzzyNode f || !IsBody(f.Field))] }
            : w).ToList();
        return words with { Should = titles };
    }

    /// <summary>
    /// Autocomplete: every word must match a suggest gram (its letters, or its transliteration key's), so the cost is a
    /// handful of term lookups whatever the index holds; whole titles and whole words rank first.
    /// </summary>
    public static QueryNode Suggest(QueryTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var must = new List<QueryNode>();
        var should = new List<QueryNode>();
        foreach (var word in terms.Words)
        {
            var options = new List<QueryNode> { new TermNode(F.Suggest, Grams.Cut(word.Exact), 6), new TermNode(F.Suggest, Grams.NameMark + Grams.Cut(word.Exact), 1) };
            if (word.Exact.Length >= 3 && word.Keys.Count > 0 && word.Keys[0].Length >= 2)
            {
                options.Add(new TermNode(F.Suggest, Grams.KeyMark + Grams.Cut(word.Keys[0]), 3));
            }
            must.Add(new BestOfNode(options, 0.1f));
            should.Add(new TermNode(F.TitleExact, word.Exact, 4));
        }
        if (terms.Whole.Length > 0)
        {
            should.Add(new TermNode(F.TitleWhole, terms.Whole, 30));
        }
        return new AllNode(must, should, 0);
    }

    private static BestOfNode Word(QueryWord word, bool prefix, Func<string, string, int>? frequency)
    {
        var best = new List<QueryNode>
        {
            new TermNode(F.TitleExact, word.Exact, 10),
            new TermNode(F.NameExact, word.Exact, 5),
            new TermNode(F.BodyExact, word.Exact, 3),
        };
        foreach (var stem in word.Stems)
        {
            best.Add(new TermNode(F.TitleStem, stem, 7));
            best.Add(new TermNode(F.BodyStem, stem, 2.5f));
        }
        foreach (var key in word.Keys)
        {
            // A one-letter skeleton (Ali, Ola) is too common to cross scripts on its own.
            var weight = key.Length >= 2 ? 5f : 1.5f;
            best.Add(new TermNode(F.TitleKey, key, weight));
            best.Add(new TermNode(F.NameKey, key, weight * 0.5f));
        }
        foreach (var translation in word.Translations)
        {
            best.Add(new TermNode(F.TitleStem, translation, 4));
            best.Add(new TermNode(F.BodyStem, translation, 1.5f));
        }
        var edits = word.MaxEdits;
        var known = frequency is not null && frequency(F.TitleExact, word.Exact) + frequency(F.BodyExact, word.Exact) >= KnownAt;
        if (edits > 0 && !known)
        {
            best.Add(new FuzzyNode(F.TitleExact, word.Exact, edits, 4));
            best.Add(new FuzzyNode(F.BodyExact, word.Exact, edits, 1.2f));
            if (word.Stems[0].Length >= 4)
            {
                best.Add(new FuzzyNode(F.TitleStem, word.Stems[0], Typos.MaxEdits(word.Stems[0]), 3));
            }
        }
        if (prefix && word.Exact.Length >= 2)
        {
            // The word being typed: its grams, where a prefix scan over every title term used to run.
            best.Add(new TermNode(F.Suggest, Grams.Cut(word.Exact), 2));
            best.Add(new TermNode(F.Suggest, Grams.NameMark + Grams.Cut(word.Exact), 1));
            if (word.Exact.Length >= 3 && word.Keys.Count > 0 && word.Keys[0].Length >= 2)
            {
                best.Add(new TermNode(F.Suggest, Grams.KeyMark + Grams.Cut(word.Keys[0]), 1));
            }
        }
        return new BestOfNode(best, 0.1f);
    }
}
