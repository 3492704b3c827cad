using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics;
using ArtSouk.Search.Querying;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// Runs a <see cref="QueryPlan"/> term at a time into per-segment arrays instead of through Lucene's scorer tree, which
/// in Lucene.NET costs about half a microsecond per match and clause and made a common word cost tens of milliseconds.
/// <para>
/// Ranking is in two tiers. Documents whose titles, names or transliteration keys satisfy the query (the fields where
/// exact phrases and names must rank first anyway) come first, scored on those fields; documents that match only
/// through their bodies follow, scored on every field, and are scored at all only when the first tier gives fewer than
/// the page needs. Within a tier the score is Lucene's (<see cref="DefaultSimilarity"/>: tf, idf², length norm, boosts,
/// coord, dis-max tie-breaker), less the query norm, which is the same for every document of a query; in the first tier
/// the coord still counts the words a document matches anywhere, so a title holding one word and a body the other ranks
/// above a title holding only the one.
/// </para>
/// <para>
/// Totals and facet counts stay exact: they come from unscored bit sets of every field (common terms' sets are kept
/// per segment, <see cref="SegmentData"/>), which cost a few OR operations per word, never a score.
/// </para>
/// </summary>
internal sealed class TieredSearch
{
    private static readonly float[] NormTable = BuildNormTable();
    private static readonly DefaultSimilarity Similarity = new();

    private readonly IndexSearcher _searcher;
    private readonly List<Word> _words;
    private readonly List<Extra> _extras;
    private readonly int _minimumShouldMatch;
    private readonly bool _nested;
    private readonly float[] _wordCoord;
    private readonly float[] _extraCoord;

    /// <summary>A term of an option, its bytes made once per query rather than once per segment and pass that seeks it.</summary>
    private sealed record OptionTerm(string Text, BytesRef Bytes, float Weight);

    /// <summary>A dis-max option: one term, or a typo's expansions, whose scores add up.</summary>
    private sealed record Option(string Field, OptionTerm[] Terms, bool Body)
    {
        /// <summary>The weight a first-tier document holding this body option is credited with (<see cref="BodyOnly"/>).</summary>
        public float MaxWeight { get; } = Heaviest(Terms);
    }

    private static float Heaviest(OptionTerm[] terms)
    {
        var max = terms[0].Weight;
        for (var t = 1; t < terms.Length; t++)
        {
            if (terms[t].Weight > max)
            {
                max = terms[t].Weight;
            }
        }
        return max;
    }

    /// <param name="Kept">The word's first-tier scores kept per segment of the reader (<see cref="WordScores"/>).</param>
    private sealed record Word(Option[] Options, float TieBreaker, float Boost, WordScores Kept);

    /// <summary>
    /// A clause that only adds to the score (the whole title, the words as a phrase): a term, an exact phrase's terms, or
    /// the Lucene weight of a sloppy phrase.
    /// </summary>
    private sealed record Extra(string? Field, string? Term, BytesRef? Bytes, float Weight, SloppyPhrase? Phrase, BytesRef[]? Exact = null, string? ExactText = null);

    private TieredSearch(IndexSearcher searcher, List<Word> words, List<Extra> extras, int minimumShouldMatch, bool nested)
    {
        _searcher = searcher;
        _words = words;
        _extras = extras;
        _minimumShouldMatch = minimumShouldMatch;
        _nested = nested;
        (_wordCoord, _extraCoord) = Coords(words.Count, extras.Count, nested);
    }

    private static bool IsBody(string field) => QueryPlan.IsBody(field);

    /// <summary>
    /// The plan in the shapes <see cref="QueryPlan.Search"/> (words under one must, extras as shoulds) and
    /// <see cref="QueryPlan.Suggest"/> (every word a must) produce, or null for any other shape (then Lucene runs it).
    /// </summary>
    /// <param name="phrasesFromPositions">Exact phrases are scored by <see cref="ExactPhrase"/> (the default) rather than
    /// by Lucene's phrase scorer, which gives the same scores; the tests compare the two.</param>
    public static TieredSearch? Prepare(IndexSearcher searcher, QueryNode plan, bool phrasesFromPositions = true)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        if (plan is not AllNode { MinimumShouldMatch: 0 } top)
        {
            return null;
        }
        IReadOnlyList<QueryNode> words;
        int minimum;
        bool nested;
        float boost;
        if (top.Must is [AllNode { Must.Count: 0 } inner])
        {
            words = inner.Should;
            minimum = Math.Max(1, inner.MinimumShouldMatch);
            nested = true;
            boost = top.Boost * inner.Boost;
        }
        else if (top.Must.Count > 0 && top.Must.All(m => m is BestOfNode))
        {
            words = top.Must;
            minimum = top.Must.Count;
            nested = false;
            boost = top.Boost;
        }
        else
        {
            return null;
        }
        if (words.Count == 0 || words.Count > 15)
        {
            return null;
        }
        var reader = searcher.IndexReader;
        float Weight(string field, string term, float termBoost)
        {
            var idf = Similarity.Idf(DocFreq(reader, field, term), reader.MaxDoc);
            return idf * termBoost * idf;
        }
        var prepared = new List<Word>();
        foreach (var node in words)
        {
            if (node is not BestOfNode best)
            {
                return null;
            }
            var options = new List<Option>();
            foreach (var option in best.Options)
            {
                var path = boost * best.Boost;
                switch (option)
                {
                    case TermNode t:
                        options.Add(new Option(t.Field, [new OptionTerm(t.Value, Known(reader, t.Field, t.Value).Bytes, Weight(t.Field, t.Value, t.Boost * path))], IsBody(t.Field)));
                        break;
                    case FuzzyNode f:
                        if (Expansions(searcher, f) is not { } found)
                        {
                            return null;
                        }
                        // A loop, not a lambda: a closure over the option's path was made for every option of every word.
                        var expanded = new OptionTerm[found.Count];
                        for (var e = 0; e < expanded.Length; e++)
                        {
                            var (term, termBoost) = found[e];
                            expanded[e] = new OptionTerm(term, Known(reader, f.Field, term).Bytes, Weight(f.Field, term, termBoost * path));
                        }
                        if (expanded.Length > 0)
                        {
                            options.Add(new Option(f.Field, expanded, IsBody(f.Field)));
                        }
                        break;
                    default:
                        return null;
                }
            }
            prepared.Add(new Word([.. options], best.TieBreaker, 1f, WordScores.Of(reader, options, best.TieBreaker, 1f)));
        }
        var extras = new List<Extra>();
        foreach (var should in top.Should)
        {
            switch (should)
            {
                case TermNode t when !IsBody(t.Field):
                    extras.Add(new Extra(t.Field, t.Value, Known(reader, t.Field, t.Value).Bytes, Weight(t.Field, t.Value, t.Boost * top.Boost), null));
                    break;
                case PhraseNode { Slop: 0, Terms.Count: >= 2 } p when !IsBody(p.Field) && phrasesFromPositions:
                    extras.Add(new Extra(p.Field, null, null, PhraseValue(reader, p, top.Boost), null, [.. p.Terms.Select(t => Known(reader, p.Field, t).Bytes)],
                        string.Join(' ', p.Terms)));
                    break;
                case PhraseNode p when !IsBody(p.Field):
                    extras.Add(new Extra(null, null, null, 1f, PhraseWeight(searcher, p, top.Boost)));
                    break;
                default:
                    return null;
            }
        }
        return new TieredSearch(searcher, prepared, extras, minimum, nested);
    }

    /// <summary>
    /// A word's first-tier scores (its title, name and key options' dis-max, as <see cref="Score(AtomicReaderContext, SegmentData, Workspace, bool, long[][], List{SegmentData.Cursor})"/>
    /// computes it) for each segment of a reader, kept once computed for a word matching many titles: a common word
    /// (painting, الرياض) is asked by many different queries, its title postings are tens of thousands of documents, and
    /// the scores are a function of the reader and the word's options alone. Found by the options' fields, terms and
    /// weights; at most 2 million scores a reader.
    /// </summary>
    private sealed class WordScores(WordMemo memo, int leaves)
    {
        /// <summary>Documents a word must reach in a segment for its scores to be kept: fewer cost less to score again.</summary>
        public const int KeptFrom = 1024;

        private const long MaxKept = 2_000_000;

        private static readonly ConditionalWeakTable<IndexReader, WordMemo> Memos = new();

        private readonly SegmentData.Postings?[] _scores = new SegmentData.Postings?[leaves];

        [ThreadStatic]
        private static System.Text.StringBuilder? _key;

        public static WordScores Of(IndexReader reader, List<Option> options, float tieBreaker, float boost)
        {
            // The key is written in the thread's builder and looked up by its characters: a string is made only for a new word.
            var key = (_key ??= new System.Text.StringBuilder()).Clear();
            key.Append(BitConverter.SingleToInt32Bits(tieBreaker)).Append(' ').Append(BitConverter.SingleToInt32Bits(boost));
            foreach (var option in options)
            {
                if (option.Body)
                {
                    continue;
                }
                key.Append('\u001e').Append(option.Field);
                foreach (var term in option.Terms)
                {
                    key.Append('\u001f').Append(term.Text).Append(' ').Append(BitConverter.SingleToInt32Bits(term.Weight));
                }
            }
            var memo = Memos.GetValue(reader, static _ => new WordMemo());
            var words = memo.Words;
            if (key.Length <= 1024)
            {
                Span<char> chars = stackalloc char[key.Length];
                key.CopyTo(0, chars, key.Length);
                if (memo.BySpelling.TryGetValue(chars, out var found))
                {
                    return found;
                }
            }
            var text = key.ToString();
            if (words.TryGetValue(text, out var known))
            {
                return known;
            }
            if (words.Count >= 4096)
            {
                words.Clear();
                Interlocked.Exchange(ref memo.Kept, 0);
            }
            return words.GetOrAdd(text, new WordScores(memo, reader.Leaves.Count));
        }

        /// <summary>The word's documents in the segment (ascending) and the score each adds, or null when not kept.</summary>
        public SegmentData.Postings? In(AtomicReaderContext context) => Volatile.Read(ref _scores[context.Ord]);

        public void Keep(AtomicReaderContext context, SegmentData.Postings scores)
        {
            if (Interlocked.Add(ref memo.Kept, scores.Docs.Length) <= MaxKept)
            {
                Volatile.Write(ref _scores[context.Ord], scores);
            }
        }
    }

    private sealed class WordMemo
    {
        public WordMemo() => BySpelling = Words.GetAlternateLookup<ReadOnlySpan<char>>();

        public ConcurrentDictionary<string, WordScores> Words { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, WordScores>.AlternateLookup<ReadOnlySpan<char>> BySpelling { get; }

        /// <summary>Scores kept by the memo's words.</summary>
        public long Kept;
    }

    /// <summary>Phrase weights already made on a reader, by phrase and boost (see <see cref="PhraseWeight"/>).</summary>
    private static readonly ConditionalWeakTable<IndexReader, PhraseMemo> Phrases = new();

    private sealed class PhraseMemo
    {
        /// <summary>By field, words joined by a space, slop, boost and outer boost.</summary>
        public ConcurrentDictionary<(string Field, string Words, int Slop, float Boost, float Outer), SloppyPhrase> Phrases { get; } = new();

        /// <summary>Matches kept by the memo's phrases, bounded at <see cref="SloppyPhrase.MaxKept"/>.</summary>
        public long Kept;
    }

    /// <summary>
    /// A phrase's weight and the scores it gives each segment, kept per reader: making a weight looks its terms up in
    /// every segment and allocates their states, and Lucene.NET's sloppy phrase scorer opens a terms enumerator and a
    /// positions enumerator per term (kilobytes of buffers) on every segment of every query, while a reader's documents
    /// and statistics never change.
    /// </summary>
    private static SloppyPhrase PhraseWeight(IndexSearcher searcher, PhraseNode node, float boost)
    {
        var kept = Phrases.GetValue(searcher.IndexReader, static _ => new PhraseMemo());
        var memo = kept.Phrases;
        var key = (node.Field, string.Join(' ', node.Terms), node.Slop, node.Boost, boost);
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }
        var phrase = (PhraseQuery)LuceneQueries.Build(node);
        // Normalized by 1, not the query norm: its score is then tf · idf² · boost · norm, like the terms'.
        var weight = searcher.Rewrite(phrase).CreateWeight(searcher);
        weight.Normalize(1f, boost);
        if (memo.Count >= 4096)
        {
            memo.Clear();
            Interlocked.Exchange(ref kept.Kept, 0);
        }
        return memo[key] = new SloppyPhrase(weight, kept, searcher.IndexReader.Leaves.Count);
    }

    /// <summary>A phrase's Lucene weight, and the documents and scores its scorer gives each segment of the reader, once asked.</summary>
    private sealed class SloppyPhrase(global::Lucene.Net.Search.Weight weight, PhraseMemo memo, int leaves)
    {
        /// <summary>Matches kept for a reader's phrases (8 bytes each, so 16 MB): beyond, the scorer runs each time.</summary>
        public const long MaxKept = 2_000_000;

        private readonly SegmentData.Postings?[] _scores = new SegmentData.Postings?[leaves];

        /// <summary>The documents of the segment the phrase matches (deleted ones included, as a scorer without accepted docs gives them) and their scores, in order.</summary>
        public SegmentData.Postings Scores(AtomicReaderContext context)
        {
            if (Volatile.Read(ref _scores[context.Ord]) is { } kept)
            {
                return kept;
            }
            var docs = new List<int>();
            var scores = new List<float>();
            if (weight.GetScorer(context, null) is { } scorer)
            {
                for (var doc = scorer.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = scorer.NextDoc())
                {
                    docs.Add(doc);
                    scores.Add(scorer.GetScore());
                }
            }
            var found = new SegmentData.Postings([.. docs], [.. scores]);
            if (Interlocked.Add(ref memo.Kept, docs.Count) <= MaxKept)
            {
                Volatile.Write(ref _scores[context.Ord], found);
            }
            return found;
        }
    }

    /// <summary>
    /// What Lucene's phrase weight multiplies a phrase's √freq and norm by, computed as it computes it (the idf is the sum
    /// of the terms' idfs; normalized by 1 and the outer boost, like <see cref="PhraseWeight"/>), so the floats are the same.
    /// </summary>
    private static float PhraseValue(IndexReader reader, PhraseNode node, float boost)
    {
        var idf = 0f;
        foreach (var term in node.Terms)
        {
            idf += Similarity.Idf(DocFreq(reader, node.Field, term), reader.MaxDoc);
        }
        var queryWeight = idf * node.Boost;
        queryWeight *= 1f * boost;
        return queryWeight * idf;
    }

    /// <summary>A term's bytes, made once, and how many documents of a reader hold it.</summary>
    private sealed record KnownTerm(BytesRef Bytes, int DocFreq);

    /// <summary>Terms already looked up on a reader, by field and term (see <see cref="DocFreq"/>).</summary>
    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<(string Field, string Term), KnownTerm>> Frequencies = new();

    /// <summary>
    /// How many documents of <paramref name="reader"/> hold a term, kept per reader: a reader's statistics never change,
    /// visitors repeat their words and prefixes, and each look-up opens a terms enumerator per segment, several kilobytes
    /// of garbage in Lucene.NET for a number.
    /// </summary>
    public static int DocFreq(IndexReader reader, string field, string term) => Known(reader, field, term).DocFreq;

    /// <summary>
    /// A term's document frequency and bytes, kept per reader: every segment of every query seeks the bytes, which are
    /// read only (Lucene's own term queries share theirs between threads), so they are made once.
    /// </summary>
    private static KnownTerm Known(IndexReader reader, string field, string term)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var memo = Frequencies.GetValue(reader, static _ => new ConcurrentDictionary<(string Field, string Term), KnownTerm>());
        var key = (field, term);
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }
        var bytes = new BytesRef(term);
        known = new KnownTerm(bytes, reader.DocFreq(new Term(field, bytes)));
        if (memo.Count >= 65_536)
        {
            memo.Clear();
        }
        memo[key] = known;
        return known;
    }

    /// <summary>Typo expansions already looked up on a reader, by field, word and edits (see <see cref="Expansions"/>).</summary>
    private static readonly ConditionalWeakTable<IndexReader, ConcurrentDictionary<(string Field, string Word, int Edits, float Boost), List<(string Term, float Boost)>?>> Expanded = new();

    /// <summary>
    /// The terms Lucene's FuzzyQuery expands a typo to, each with the boost its edit distance gives, or null if the
    /// rewrite is not a plain set of terms. Kept per reader: walking the term dictionary with a Levenshtein automaton
    /// costs milliseconds in Lucene.NET, visitors repeat their typos, and a reader's terms never change.
    /// </summary>
    private static List<(string Term, float Boost)>? Expansions(IndexSearcher searcher, FuzzyNode node)
    {
        var memo = Expanded.GetValue(searcher.IndexReader, static _ => new());
        // A tuple, not a joined string: the key is made for every typo of every query.
        var key = (node.Field, node.Value, node.Edits, node.Boost);
        if (memo.TryGetValue(key, out var known))
        {
            return known;
        }
        var fuzzy = new FuzzyQuery(new Term(node.Field, node.Value), node.Edits, FuzzyNode.PrefixLength, FuzzyNode.MaxExpansions, transpositions: true) { Boost = node.Boost };
        List<(string, float)>? expanded = [];
        switch (searcher.Rewrite(fuzzy))
        {
            case BooleanQuery any:
                foreach (var clause in any.Clauses)
                {
                    if (clause.Query is not TermQuery tq)
                    {
                        expanded = null;
                        break;
                    }
                    expanded.Add((tq.Term.Text, tq.Boost * any.Boost));
                }
                break;
            case TermQuery one:
                expanded.Add((one.Term.Text, one.Boost));
                break;
            default:
                expanded = null;
                break;
        }
        if (memo.Count >= 4096)
        {
            memo.Clear();
        }
        memo[key] = expanded;
        return expanded;
    }

    /// <summary>A ranked page, the exact number of matches, and the facet counts over all of them.</summary>
    public (List<(int Doc, float Score)> Page, int Total, Dictionary<string, Dictionary<string, int>> Facets) Run(
        Query? filter, IReadOnlyList<string> facets, string locale, int offset, int limit)
    {
        var wanted = offset + limit;
        var first = new Ranking(wanted);
        // Sized for the values a facet usually has (a dozen cities, ten types), so they are not grown value by value.
        var facetCounts = facets.ToDictionary(f => f, _ => new Dictionary<string, int>(16, StringComparer.Ordinal), StringComparer.Ordinal);
        var filterWeight = filter is null ? null : new QueryWrapperFilter(filter);
        var facetFields = new string[facets.Count];
        for (var f = 0; f < facets.Count; f++)
        {
            facetFields[f] = F.FacetValue(facets[f], locale);
        }
        var segments = new List<(AtomicReaderContext Context, long[] Matches, long[] First)>();
        try
        {
            var total = 0;
            var firstTotal = 0;
            foreach (var context in _searcher.IndexReader.Leaves)
            {
                var (matches, firstTier, count, firstCount) = Segment(context, filterWeight, facets, facetFields, facetCounts, first);
                total += count;
                firstTotal += firstCount;
                segments.Add((context, matches, firstTier));
            }
            var page = first.Sorted();
            if (firstTotal < wanted && total > firstTotal)
            {
                // The titles do not fill the page: the documents matched only through their bodies, scored on everything.
                var second = new Ranking(wanted - firstTotal);
                foreach (var (context, matches, firstTier) in segments)
                {
                    Rest(context, matches, firstTier, second);
                }
                page.AddRange(second.Sorted());
            }
            var from = Math.Min(offset, page.Count);
            return (page.GetRange(from, Math.Min(limit, page.Count - from)), total, facetCounts);
        }
        finally
        {
            foreach (var (_, matches, firstTier) in segments)
            {
                Workspace.Return(matches);
                Workspace.Return(firstTier);
            }
        }
    }

    /// <summary>One segment's first pass: matches (exact, all fields), facet counts, and the first tier ranked.</summary>
    private (long[] Matches, long[] First, int Count, int FirstCount) Segment(AtomicReaderContext context, Filter? filter, IReadOnlyList<string> facets,
        string[] facetFields, Dictionary<string, Dictionary<string, int>> facetCounts, Ranking ranking)
    {
        var reader = context.AtomicReader;
        var data = SegmentData.Of(reader);
        using var work = new Workspace(data);
        var titleBits = Score(context, data, work, bodies: false);
        // Every field of every word, unscored: the body terms' documents joined to the title tier's. Each body option's
        // documents are kept to credit a first-tier document with the words it holds only in its body (below).
        var wordBits = new long[_words.Count][];
        var bodyOptions = new List<(long[] Bits, float Weight, byte[]? Norms)>[_words.Count];
        // The most the body options can add to a document (BodyOnly), each at the largest norm of its field here.
        var bodyBound = 0f;
        var cursors = new List<SegmentData.Cursor>();
        try
        {
            for (var w = 0; w < _words.Count; w++)
            {
                float most = 0, all = 0;
                wordBits[w] = work.Bits();
                Array.Copy(titleBits[w], wordBits[w], data.Words);
                bodyOptions[w] = [];
                foreach (var option in _words[w].Options)
                {
                    if (!option.Body || CursorOn(data, reader, cursors, option.Field) is not { } cursor)
                    {
                        continue;
                    }
                    var bits = work.Bits();
                    foreach (var term in option.Terms)
                    {
                        if (cursor.Terms.SeekExact(term.Bytes))
                        {
                            data.Or(cursor.Terms, option.Field, term.Text, bits, ref cursor.Docs);
                        }
                    }
                    Bits.Or(wordBits[w], bits, data.Words);
                    bodyOptions[w].Add((bits, option.MaxWeight, data.Norms(reader, option.Field)));
                    var bound = option.MaxWeight * data.MaxNorm(reader, option.Field, NormTable);
                    most = Math.Max(most, bound);
                    all += bound;
                }
                bodyBound += (most + (all - most) * _words[w].TieBreaker) * _words[w].Boost;
            }
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                data.Return(cursor);
            }
        }
        // How many words each document matches, as a bit-sliced counter (four slices count to 15 words); with one word
        // to match (two words or fewer) any match will do, and only the first tier's documents need their count.
        var counting = _minimumShouldMatch > 1;
        var slices = new long[counting ? 4 : 0][];
        for (var s = 0; s < slices.Length; s++)
        {
            slices[s] = work.Bits();
        }
        var any = work.Bits();
        for (var w = 0; w < _words.Count; w++)
        {
            var bits = wordBits[w];
            if (!counting)
            {
                Bits.Or(any, bits, data.Words);
                continue;
            }
            for (var i = 0; i < data.Words; i++)
            {
                var carry = bits[i];
                any[i] |= carry;
                for (var s = 0; s < slices.Length && carry != 0; s++)
                {
                    var next = slices[s][i] & carry;
                    slices[s][i] ^= carry;
                    carry = next;
                }
            }
        }
        if (filter is not null)
        {
            var allowed = work.Bits();
            var iterator = filter.GetDocIdSet(context, null)?.GetIterator();
            if (iterator is not null)
            {
                for (var doc = iterator.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = iterator.NextDoc())
                {
                    Bits.Set(allowed, doc);
                }
            }
            for (var i = 0; i < data.Words; i++)
            {
                any[i] &= allowed[i];
            }
        }
        int Matched(int i, int bit)
        {
            if (counting)
            {
                return (int)((slices[0][i] >> bit) & 1) | (int)((slices[1][i] >> bit) & 1) << 1
                    | (int)((slices[2][i] >> bit) & 1) << 2 | (int)((slices[3][i] >> bit) & 1) << 3;
            }
            var matched = 0;
            for (var w = 0; w < wordBits.Length; w++)
            {
                matched += (int)((wordBits[w][i] >> bit) & 1);
            }
            return matched;
        }
        // The matches: every document that matches enough words and is not deleted.
        var live = reader.LiveDocs;
        var matches = Workspace.RentBits(data.Words);
        var count = 0;
        for (var i = 0; i < data.Words; i++)
        {
            var word = counting ? any[i] & AtLeast(slices, i, _minimumShouldMatch) : any[i];
            if (live is not null)
            {
                var kept = 0L;
                while (word != 0)
                {
                    var bit = BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    if (live.Get((i << 6) + bit))
                    {
                        kept |= 1L << bit;
                    }
                }
                word = kept;
            }
            matches[i] = word;
            count += BitOperations.PopCount((ulong)word);
        }
        for (var f = 0; f < facets.Count; f++)
        {
            if (data.FacetOf(reader, facetFields[f]) is { } facet)
            {
                Count(facet, matches, count, data.Words, facetCounts[facets[f]]);
            }
        }
        // The first tier: matches whose titles, names or keys satisfy the words on their own, ranked.
        var firstTier = Workspace.RentBits(data.Words);
        var firstCount = 0;
        var worst = ranking.Worst;
        for (var i = 0; i < data.Words; i++)
        {
            long titled = 0;
            for (var w = 0; w < titleBits.Length; w++)
            {
                titled |= titleBits[w][i];
            }
            var word = matches[i] & titled;
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                var doc = (i << 6) + bit;
                if (work.Matched[doc] < _minimumShouldMatch)
                {
                    continue;
                }
                firstTier[i] |= 1L << bit;
                firstCount++;
                var score = work.Score[doc];
                var (extra, extras) = (work.Extra[doc], work.Extras[doc]);
                // Crediting the body word by word and counting the words matched is most of a common word's first tier:
                // a document that could not enter the ranking with every body option at its largest norm and every word
                // counted stops here (a hair of margin, so rounding never drops one that could).
                if (Combine(score + bodyBound, extra, extras, _words.Count) * 1.0001f < worst)
                {
                    continue;
                }
                var matched = Matched(i, bit);
                if (matched > work.Matched[doc])
                {
                    score += BodyOnly(doc, titleBits, bodyOptions);
                }
                var combined = Combine(score, extra, extras, matched);
                // Below the ranking's worst it cannot enter (documents come in ascending order, so a tie does not either).
                if (combined >= worst && ranking.Offer(context.DocBase + doc, combined))
                {
                    worst = ranking.Worst;
                }
            }
        }
        work.Complete();
        return (matches, firstTier, count, firstCount);
    }

    /// <summary>Adds a segment's matches to a facet's counts by value.</summary>
    private static void Count(SegmentData.Facet facet, long[] matches, int matched, int words, Dictionary<string, int> into)
    {
        var values = facet.Values;
        var counts = ArrayPool<int>.Shared.Rent(values.Length);
        Array.Clear(counts, 0, values.Length);
        try
        {
            // A value's bit set costs a pass over the segment's words; a match's ordinal, a look-up per match.
            if (facet.Sets is { } sets && (long)matched * 8 >= (long)values.Length * words)
            {
                for (var ord = 0; ord < values.Length; ord++)
                {
                    counts[ord] = Bits.CountAnd(matches, sets[ord], words);
                }
            }
            else
            {
                var ords = facet.Ords;
                for (var i = 0; i < words; i++)
                {
                    var word = matches[i];
                    while (word != 0)
                    {
                        var ord = ords[(i << 6) + BitOperations.TrailingZeroCount(word)];
                        word &= word - 1;
                        if (ord >= 0)
                        {
                            counts[ord]++;
                        }
                    }
                }
            }
            for (var ord = 0; ord < values.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    CollectionsMarshal.GetValueRefOrAddDefault(into, values[ord], out _) += counts[ord];
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>
    /// The documents among 64 whose count in the bit-sliced counter <paramref name="slices"/> (bit b of each count in
    /// slice b) is at least <paramref name="minimum"/>: compared from the top bit down, 64 documents at once.
    /// </summary>
    private static long AtLeast(long[][] slices, int i, int minimum)
    {
        long greater = 0, equal = -1;
        for (var b = slices.Length - 1; b >= 0; b--)
        {
            var slice = slices[b][i];
            if ((minimum >> b & 1) != 0)
            {
                equal &= slice;
            }
            else
            {
                greater |= equal & slice;
                equal &= ~slice;
            }
        }
        return greater | equal;
    }

    /// <summary>
    /// What the words a first-tier document holds only in its body add to its score, as if each occurred once: the
    /// body's length norm and the option's weight are at hand, its postings are not (walking them is the cost saved).
    /// </summary>
    private float BodyOnly(int doc, long[][] titleBits, List<(long[] Bits, float Weight, byte[]? Norms)>[] bodyOptions)
    {
        var added = 0f;
        for (var w = 0; w < _words.Count; w++)
        {
            if (Bits.Get(titleBits[w], doc))
            {
                continue;
            }
            float max = 0, sum = 0;
            foreach (var (bits, weight, norms) in bodyOptions[w])
            {
                if (Bits.Get(bits, doc))
                {
                    var score = weight * (norms is null ? 1f : NormTable[norms[doc]]);
                    max = Math.Max(max, score);
                    sum += score;
                }
            }
            added += (max + (sum - max) * _words[w].TieBreaker) * _words[w].Boost;
        }
        return added;
    }

    /// <summary>The second tier of one segment: its matches outside the first tier, scored on every field.</summary>
    private void Rest(AtomicReaderContext context, long[] matches, long[] firstTier, Ranking ranking)
    {
        var reader = context.AtomicReader;
        var data = SegmentData.Of(reader);
        using var work = new Workspace(data);
        Score(context, data, work, bodies: true);
        for (var i = 0; i < data.Words; i++)
        {
            var word = matches[i] & ~firstTier[i];
            while (word != 0)
            {
                var bit = BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                var doc = (i << 6) + bit;
                ranking.Offer(context.DocBase + doc, Combine(work, doc, work.Matched[doc]));
            }
        }
        work.Complete();
    }

    /// <summary>Lucene's combination: words summed and scaled by the share matched (coord), extras added, the outer coord.</summary>
    private float Combine(Workspace work, int doc, int matched) => Combine(work.Score[doc], work.Extra[doc], work.Extras[doc], matched);

    private float Combine(float score, float extra, int extrasMatched, int matched) => _nested
        ? (score * _wordCoord[matched] + extra) * _extraCoord[extrasMatched]
        : (score + extra) * _extraCoord[extrasMatched];

    /// <summary>
    /// <see cref="Combine(float, float, int, int)"/>'s coords by words and extras matched, divided once per query rather
    /// than twice per document (the same floats: a division's result does not depend on where it is stored).
    /// </summary>
    private static (float[] Words, float[] Extras) Coords(int n, int extras, bool nested)
    {
        // A document matches at most every word and every extra once.
        var words = new float[n + 1];
        var outer = new float[extras + 1];
        for (var m = 0; m < words.Length; m++)
        {
            words[m] = n == 1 ? 1f : m / (float)n;
        }
        for (var m = 0; m < outer.Length; m++)
        {
            outer[m] = nested
                ? extras == 0 ? 1f : (1 + m) / (float)(1 + extras)
                : n + extras == 1 ? 1f : (n + m) / (float)(n + extras);
        }
        return (words, outer);
    }

    /// <summary>
    /// The best <paramref name="size"/> matches, the same documents in the same order with the same scores as
    /// <see cref="Run"/> gives, read from the front of ranked postings instead of scoring every match; or null for a plan
    /// this cannot rank (it takes the shape <see cref="QueryPlan.Suggest"/> gives: every word a must of single terms in
    /// one field with norms, none on bodies, and plain terms as extras).
    /// <para>
    /// With every option in one field, a document's word score is its matched options' weights times that field's norm,
    /// so the documents that match no extra rank by norm within a pattern of options, and no document later in norm
    /// order can beat the score of all options at the current norm. The few documents an extra matches (the title holds a
    /// typed word, or is the whole text typed) are scored first from their own postings.
    /// </para>
    /// </summary>
    public List<(int Doc, float Score)>? Top(int size)
    {
        if (_nested || _extras.Any(e => e.Phrase is not null) || _words.Any(w => w.Options.Length == 0))
        {
            return null;
        }
        var field = _words[0].Options[0].Field;
        if (_words.Any(w => w.Options.Any(o => o.Body || o.Terms.Length != 1 || o.Field != field)))
        {
            return null;
        }
        var ranking = new Ranking(size);
        foreach (var context in _searcher.IndexReader.Leaves)
        {
            TopOf(context, field, ranking);
        }
        return ranking.Sorted();
    }

    private void TopOf(AtomicReaderContext context, string field, Ranking ranking)
    {
        var reader = context.AtomicReader;
        var data = SegmentData.Of(reader);
        if (data.Take(reader, field) is not { } cursor)
        {
            return;
        }
        var rented = new List<long[]>();
        var cursors = new List<SegmentData.Cursor> { cursor };
        try
        {
            TopOf(context, reader, data, cursor, ranking, rented, cursors);
        }
        finally
        {
            foreach (var bits in rented)
            {
                ArrayPool<long>.Shared.Return(bits);
            }
            foreach (var taken in cursors)
            {
                data.Return(taken);
            }
        }
    }

    private void TopOf(AtomicReaderContext context, AtomicReader reader, SegmentData data, SegmentData.Cursor cursor, Ranking ranking,
        List<long[]> rented, List<SegmentData.Cursor> cursors)
    {
        var field = cursor.Field;
        var termsEnum = cursor.Terms;
        var norms = data.Norms(reader, field);
        // A common term's kept set, or a rare one's documents in a pooled set: a request allocates no segment-sized array.
        long[] Held(SegmentData.Cursor positioned, string term)
        {
            if (data.TryCommon(positioned.Field, term, out var common))
            {
                return common;
            }
            var bits = ArrayPool<long>.Shared.Rent(data.Words);
            rented.Add(bits);
            Array.Clear(bits, 0, data.Words);
            data.Or(positioned.Terms, positioned.Field, term, bits, ref positioned.Docs);
            return bits;
        }
        // Each option's documents here (null: no document here holds it); the word with the fewest drives the walk.
        var sets = new long[]?[_words.Count][];
        var drive = -1;
        var fewest = long.MaxValue;
        for (var w = 0; w < _words.Count; w++)
        {
            var options = _words[w].Options;
            sets[w] = new long[]?[options.Length];
            long held = 0;
            for (var o = 0; o < options.Length; o++)
            {
                var term = options[o].Terms[0];
                if (termsEnum.SeekExact(term.Bytes))
                {
                    held += termsEnum.DocFreq;
                    sets[w][o] = Held(cursor, term.Text);
                }
            }
            if (held == 0)
            {
                return;
            }
            if (held < fewest)
            {
                (drive, fewest) = (w, held);
            }
        }
        var live = reader.LiveDocs;
        bool Matches(int doc)
        {
            for (var w = 0; w < sets.Length; w++)
            {
                var any = false;
                foreach (var set in sets[w])
                {
                    if (set is not null && Bits.Get(set, doc))
                    {
                        any = true;
                        break;
                    }
                }
                if (!any)
                {
                    return false;
                }
            }
            return live is null || live.Get(doc);
        }
        // As Score and Combine compute it, term by term, so the floats are the same (each gram is indexed once per
        // document, so its frequency is 1). With every option counted it is the most any document at this norm scores.
        float Words(int doc, float norm, bool every)
        {
            var score = 0f;
            for (var w = 0; w < _words.Count; w++)
            {
                var word = _words[w];
                float max = 0, sum = 0;
                for (var o = 0; o < word.Options.Length; o++)
                {
                    if (sets[w][o] is { } set && (every || Bits.Get(set, doc)))
                    {
                        var option = MathF.Sqrt(1) * word.Options[o].Terms[0].Weight * norm;
                        if (option > max)
                        {
                            max = option;
                        }
                        sum += option;
                    }
                }
                score += (max + (sum - max) * word.TieBreaker) * word.Boost;
            }
            return score;
        }
        float Norm(int doc) => norms is null ? 1f : NormTable[norms[doc]];

        // The documents an extra matches (and every word), scored whole. Which those are comes from bit sets, a few ORs
        // and ANDs per word: an extra may be a word thousands of titles hold ("al"), of which few match the rest.
        Dictionary<int, (float Score, int Count)>? extra = null;
        long[]? candidates = null;
        foreach (var e in _extras)
        {
            if (CursorOn(data, reader, cursors, e.Field!) is not { } on || !on.Terms.SeekExact(e.Bytes!))
            {
                continue;
            }
            if (candidates is null)
            {
                candidates = ArrayPool<long>.Shared.Rent(data.Words);
                rented.Add(candidates);
                Candidates(sets, candidates, data.Words);
            }
            var held = Held(on, e.Term!);
            var extraNorms = data.Norms(reader, e.Field!);
            var docs = on.Docs = on.Terms.Docs(null, on.Docs, DocsFlags.FREQS);
            for (var i = 0; i < data.Words; i++)
            {
                var set = held[i] & candidates[i];
                while (set != 0)
                {
                    var doc = (i << 6) + BitOperations.TrailingZeroCount(set);
                    set &= set - 1;
                    if (docs.DocID < doc && docs.Advance(doc) != doc)
                    {
                        continue;
                    }
                    extra ??= [];
                    extra.TryGetValue(doc, out var sum);
                    extra[doc] = (sum.Score + MathF.Sqrt(docs.Freq) * e.Weight * (extraNorms is null ? 1f : NormTable[extraNorms[doc]]), sum.Count + 1);
                }
            }
        }
        foreach (var (doc, (score, count)) in extra ?? [])
        {
            if (live is null || live.Get(doc))
            {
                ranking.Offer(context.DocBase + doc, Combine(Words(doc, Norm(doc), every: false), score, count, _words.Count));
            }
        }

        // The rest in norm order, the driving word's options merged; stop once nothing further can enter the ranking.
        var lists = new List<int[]>();
        for (var o = 0; o < _words[drive].Options.Length; o++)
        {
            var term = _words[drive].Options[o].Terms[0];
            if (sets[drive][o] is not null && termsEnum.SeekExact(term.Bytes))
            {
                lists.Add(data.Ranked(termsEnum, field, term.Text, norms, ref cursor.Docs));
            }
        }
        var at = new int[lists.Count];
        var bound = float.NaN;
        var boundNorm = float.NaN;
        while (true)
        {
            var next = -1;
            var nextNorm = 0f;
            for (var l = 0; l < lists.Count; l++)
            {
                if (at[l] < lists[l].Length)
                {
                    var doc = lists[l][at[l]];
                    var norm = Norm(doc);
                    if (next < 0 || norm > nextNorm || norm == nextNorm && doc < next)
                    {
                        (next, nextNorm) = (doc, norm);
                    }
                }
            }
            if (next < 0)
            {
                return;
            }
            if (nextNorm != boundNorm)
            {
                // A hair above the exact bound, so a rounding difference in the last bit never stops the walk early.
                (bound, boundNorm) = (Combine(Words(next, nextNorm, every: true), 0f, 0, _words.Count) * 1.0001f, nextNorm);
            }
            if (ranking.IsFull && ranking.Worst > bound)
            {
                return;
            }
            for (var l = 0; l < lists.Count; l++)
            {
                if (at[l] < lists[l].Length && lists[l][at[l]] == next)
                {
                    at[l]++;
                }
            }
            if (extra is not null && extra.ContainsKey(next) || !Matches(next))
            {
                continue;
            }
            ranking.Offer(context.DocBase + next, Combine(Words(next, nextNorm, every: false), 0f, 0, _words.Count));
        }
    }

    /// <summary>The request's cursor on <paramref name="field"/>, taken from the segment the first time it is asked for.</summary>
    private static SegmentData.Cursor? CursorOn(SegmentData data, AtomicReader reader, List<SegmentData.Cursor> cursors, string field)
    {
        foreach (var cursor in cursors)
        {
            if (cursor.Field == field)
            {
                return cursor;
            }
        }
        if (data.Take(reader, field) is { } taken)
        {
            cursors.Add(taken);
            return taken;
        }
        return null;
    }

    /// <summary>The documents every word matches through one of its options (deleted ones included).</summary>
    private static void Candidates(long[]?[][] sets, long[] all, int words)
    {
        Array.Fill(all, -1L, 0, words);
        foreach (var word in sets)
        {
            for (var i = 0; i < words; i++)
            {
                long any = 0;
                foreach (var set in word)
                {
                    if (set is not null)
                    {
                        any |= set[i];
                    }
                }
                all[i] &= any;
            }
        }
    }

    /// <summary>
    /// Scores every word's options (bodies' only when <paramref name="bodies"/>) and the extras into the workspace, term at a
    /// time; returns each word's documents in the fields scored.
    /// </summary>
    private long[][] Score(AtomicReaderContext context, SegmentData data, Workspace work, bool bodies)
    {
        var reader = context.AtomicReader;
        var wordBits = new long[_words.Count][];
        var cursors = new List<SegmentData.Cursor>();
        try
        {
            Score(context, data, work, bodies, wordBits, cursors);
        }
        finally
        {
            foreach (var cursor in cursors)
            {
                data.Return(cursor);
            }
        }
        return wordBits;
    }

    private void Score(AtomicReaderContext context, SegmentData data, Workspace work, bool bodies, long[][] wordBits, List<SegmentData.Cursor> cursors)
    {
        var reader = context.AtomicReader;
        for (var w = 0; w < _words.Count; w++)
        {
            var word = _words[w];
            var touched = wordBits[w] = work.Bits();
            if (!bodies && word.Kept.In(context) is { } kept)
            {
                var (keptDocs, keptScores) = kept;
                for (var p = 0; p < keptDocs.Length; p++)
                {
                    var doc = keptDocs[p];
                    work.Score[doc] += keptScores[p];
                    work.Matched[doc]++;
                    touched[doc >> 6] |= 1L << doc;
                }
                Bits.Or(work.Written, touched, data.Words);
                continue;
            }
            foreach (var option in word.Options)
            {
                if (option.Body && !bodies || CursorOn(data, reader, cursors, option.Field) is not { } cursor)
                {
                    continue;
                }
                var norms = data.Norms(reader, option.Field);
                var summed = option.Terms.Length > 1;
                foreach (var term in option.Terms)
                {
                    if (!cursor.Terms.SeekExact(term.Bytes))
                    {
                        continue;
                    }
                    var postings = data.Scored(cursor.Terms, option.Field, term.Text, ref cursor.Docs);
                    if (summed)
                    {
                        // A typo's expansions add up into one option before the dis-max sees it.
                        var (docs, tf) = postings;
                        for (var p = 0; p < docs.Length; p++)
                        {
                            var doc = docs[p];
                            work.Option[doc] += tf[p] * term.Weight * (norms is null ? 1f : NormTable[norms[doc]]);
                            Bits.Set(work.OptionBits, doc);
                        }
                    }
                    else
                    {
                        Fold(postings, term.Weight, norms, work.Max, work.Sum, touched);
                    }
                }
                if (summed)
                {
                    var bits = work.OptionBits;
                    for (var i = 0; i < data.Words; i++)
                    {
                        var set = bits[i];
                        bits[i] = 0;
                        while (set != 0)
                        {
                            var doc = (i << 6) + BitOperations.TrailingZeroCount(set);
                            set &= set - 1;
                            work.Fold(doc, work.Option[doc], touched);
                            work.Option[doc] = 0;
                        }
                    }
                }
            }
            // A word of many titles keeps what it adds to each document, in document order, for the next query asking it.
            var touchedCount = 0;
            for (var i = 0; !bodies && i < data.Words; i++)
            {
                touchedCount += BitOperations.PopCount((ulong)touched[i]);
            }
            var keep = touchedCount >= WordScores.KeptFrom;
            var keptAt = 0;
            var docsKept = keep ? new int[touchedCount] : null;
            var scoresKept = keep ? new float[touchedCount] : null;
            for (var i = 0; i < data.Words; i++)
            {
                var set = touched[i];
                while (set != 0)
                {
                    var doc = (i << 6) + BitOperations.TrailingZeroCount(set);
                    set &= set - 1;
                    var max = work.Max[doc];
                    var added = (max + (work.Sum[doc] - max) * word.TieBreaker) * word.Boost;
                    work.Score[doc] += added;
                    work.Matched[doc]++;
                    work.Max[doc] = 0;
                    work.Sum[doc] = 0;
                    if (keep)
                    {
                        docsKept![keptAt] = doc;
                        scoresKept![keptAt++] = added;
                    }
                }
            }
            if (keep)
            {
                word.Kept.Keep(context, new SegmentData.Postings(docsKept!, scoresKept!));
            }
            Bits.Or(work.Written, touched, data.Words);
        }
        foreach (var extra in _extras)
        {
            if (extra.Exact is { } exact)
            {
                ExactPhrase(reader, data, work, extra.Field!, extra.ExactText!, exact, extra.Weight, cursors);
                continue;
            }
            if (extra.Phrase is { } phrase)
            {
                var (matched, scores) = phrase.Scores(context);
                for (var p = 0; p < matched.Length; p++)
                {
                    work.Extra[matched[p]] += scores[p];
                    work.Extras[matched[p]]++;
                    Bits.Set(work.Written, matched[p]);
                }
                continue;
            }
            if (CursorOn(data, reader, cursors, extra.Field!) is not { } on || !on.Terms.SeekExact(extra.Bytes!))
            {
                continue;
            }
            var norms = data.Norms(reader, extra.Field!);
            var (docs, tf) = data.Scored(on.Terms, extra.Field!, extra.Term!, ref on.Docs);
            for (var p = 0; p < docs.Length; p++)
            {
                var doc = docs[p];
                work.Extra[doc] += tf[p] * extra.Weight * (norms is null ? 1f : NormTable[norms[doc]]);
                work.Extras[doc]++;
                Bits.Set(work.Written, doc);
            }
        }
    }

    /// <summary>
    /// Folds a term's postings into its word's dis-max: the largest option score of each document and their sum, the
    /// documents marked in <paramref name="touched"/>. The loop most of a common word's time goes to: its documents are
    /// below the segment's size, which every array here holds (norms and the workspace's), so they are read without
    /// bounds checks.
    /// </summary>
    private static void Fold(SegmentData.Postings postings, float weight, byte[]? norms, float[] max, float[] sum, long[] touched)
    {
        var (docs, tf) = postings;
        ref var maxOf = ref MemoryMarshal.GetArrayDataReference(max);
        ref var sumOf = ref MemoryMarshal.GetArrayDataReference(sum);
        ref var touchedOf = ref MemoryMarshal.GetArrayDataReference(touched);
        ref var normTable = ref MemoryMarshal.GetArrayDataReference(NormTable);
        for (var p = 0; p < docs.Length && p < tf.Length; p++)
        {
            var doc = docs[p];
            // The same expression as everywhere a term is scored, so the floats are the same.
            var score = norms is null ? tf[p] * weight * 1f : tf[p] * weight * Unsafe.Add(ref normTable, Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(norms), doc));
            ref var most = ref Unsafe.Add(ref maxOf, doc);
            if (score > most)
            {
                most = score;
            }
            Unsafe.Add(ref sumOf, doc) += score;
            Unsafe.Add(ref touchedOf, doc >> 6) |= 1L << doc;
        }
    }

    /// <summary>
    /// Adds an exact phrase's score to every document of the segment whose field holds its terms one after the other
    /// (deleted ones included, as a scorer without accepted docs gives them): √freq · value · norm, Lucene's
    /// ExactPhraseScorer's score. Which documents those are and their √freq are kept per segment (<see cref="PhraseMatches"/>).
    /// </summary>
    private static void ExactPhrase(AtomicReader reader, SegmentData data, Workspace work, string field, string text, BytesRef[] terms, float value,
        List<SegmentData.Cursor> cursors)
    {
        if (!data.TryPhrase(field, text, out var found))
        {
            found = data.KeepPhrase(field, text, PhraseMatches(reader, data, field, terms, cursors));
        }
        var norms = data.Norms(reader, field);
        var (docs, tf) = found;
        for (var p = 0; p < docs.Length; p++)
        {
            var doc = docs[p];
            work.Extra[doc] += tf[p] * value * (norms is null ? 1f : NormTable[norms[doc]]);
            work.Extras[doc]++;
            Bits.Set(work.Written, doc);
        }
    }

    /// <summary>
    /// The documents of the segment whose field holds the terms one after the other, with √freq, found by walking the
    /// terms' positions with the segment's kept enumerators, where a Lucene phrase scorer allocates two 16 kB arrays and an
    /// enumerator per term on every segment of every query.
    /// </summary>
    private static SegmentData.Postings PhraseMatches(AtomicReader reader, SegmentData data, string field, BytesRef[] terms, List<SegmentData.Cursor> cursors)
    {
        var none = new SegmentData.Postings([], []);
        var postings = new DocsAndPositionsEnum[terms.Length];
        var lead = 0;
        var fewest = int.MaxValue;
        for (var t = 0; t < terms.Length; t++)
        {
            // A cursor per term: the terms are walked side by side.
            if (data.Take(reader, field) is not { } cursor)
            {
                return none;
            }
            cursors.Add(cursor);
            if (!cursor.Terms.SeekExact(terms[t])
                || cursor.Terms.DocsAndPositions(null, cursor.Positions, DocsAndPositionsFlags.NONE) is not { } positions)
            {
                return none;
            }
            postings[t] = cursor.Positions = positions;
            // The rarest term leads; the others are advanced to its documents.
            if (cursor.Terms.DocFreq < fewest)
            {
                (lead, fewest) = (t, cursor.Terms.DocFreq);
            }
        }
        var docs = new List<int>();
        var tf = new List<float>();
        var at = new int[terms.Length][];
        var count = new int[terms.Length];
        var next = new int[terms.Length];
        for (var doc = postings[lead].NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings[lead].NextDoc())
        {
            var all = true;
            for (var t = 0; t < terms.Length && all; t++)
            {
                all = t == lead || postings[t].DocID == doc || postings[t].DocID < doc && postings[t].Advance(doc) == doc;
            }
            if (!all)
            {
                continue;
            }
            for (var t = 0; t < terms.Length; t++)
            {
                count[t] = postings[t].Freq;
                if (at[t] is null || at[t].Length < count[t])
                {
                    at[t] = new int[Math.Max(8, count[t])];
                }
                for (var i = 0; i < count[t]; i++)
                {
                    at[t][i] = postings[t].NextPosition();
                }
            }
            var freq = PhraseFreq(at, count, next);
            if (freq > 0)
            {
                docs.Add(doc);
                tf.Add(MathF.Sqrt(freq));
            }
        }
        return new SegmentData.Postings([.. docs], [.. tf]);
    }

    /// <summary>How many positions of the first term are followed by the second term, then the third, and so on.</summary>
    private static int PhraseFreq(int[][] positions, int[] count, int[] next)
    {
        Array.Clear(next);
        var freq = 0;
        for (var p = 0; p < count[0]; p++)
        {
            var start = positions[0][p];
            var follows = true;
            for (var t = 1; t < positions.Length && follows; t++)
            {
                // Each later term's wanted position only grows with the start, so its index never steps back.
                while (next[t] < count[t] && positions[t][next[t]] < start + t)
                {
                    next[t]++;
                }
                follows = next[t] < count[t] && positions[t][next[t]] == start + t;
            }
            freq += follows ? 1 : 0;
        }
        return freq;
    }

    private static float[] BuildNormTable()
    {
        var similarity = new DefaultSimilarity();
        var table = new float[256];
        for (var b = 0; b < table.Length; b++)
        {
            table[b] = similarity.DecodeNormValue(b);
        }
        return table;
    }

    /// <summary>
    /// Per-document arrays for one segment and one query, rented and returned cleared. Only what a query wrote is cleared
    /// (<see cref="Written"/>; the per-word sums are put back to zero as they are read): clearing seven arrays of a
    /// segment's size on every rent was a seventh of a common word's time.
    /// </summary>
    private sealed class Workspace : IDisposable
    {
        private readonly SegmentData _data;
        private readonly List<long[]> _bits = [];
        private bool _complete;

        public Workspace(SegmentData data)
        {
            _data = data;
            var n = data.MaxDoc;
            Score = Floats.Rent(n);
            Max = Floats.Rent(n);
            Sum = Floats.Rent(n);
            Option = Floats.Rent(n);
            Extra = Floats.Rent(n);
            Matched = Bytes.Rent(n);
            Extras = Bytes.Rent(n);
            OptionBits = Bits();
            Written = Bits();
        }

        public float[] Score { get; }
        public float[] Max { get; }
        public float[] Sum { get; }
        public float[] Option { get; }
        public float[] Extra { get; }
        public byte[] Matched { get; }
        public byte[] Extras { get; }
        public long[] OptionBits { get; }

        /// <summary>The documents whose <see cref="Score"/>, <see cref="Extra"/>, <see cref="Matched"/> or <see cref="Extras"/> were written.</summary>
        public long[] Written { get; }

        /// <summary>Says the query ran to its end, so that <see cref="Max"/>, <see cref="Sum"/> and <see cref="Option"/> are zero again.</summary>
        public void Complete() => _complete = true;

        /// <summary>A cleared bit set of the workspaces' pool that outlives one workspace: give it back with <see cref="Return"/>.</summary>
        public static long[] RentBits(int words) => RentCleared(words);

        public static void Return(long[] bits) => Longs.Return(bits);

        public long[] Bits()
        {
            var bits = RentCleared(_data.Words);
            _bits.Add(bits);
            return bits;
        }

        public void Fold(int doc, float score, long[] touched)
        {
            if (score > Max[doc])
            {
                Max[doc] = score;
            }
            Sum[doc] += score;
            touched[doc >> 6] |= 1L << doc;
        }

        // Pools of their own: eight concurrent queries hold about forty arrays of a segment's size at once, more than the
        // shared pool keeps per size, and every array it cannot keep is a large-object allocation and a later full GC.
        private static readonly ArrayPool<float> Floats = ArrayPool<float>.Create(1 << 24, 64);
        private static readonly ArrayPool<byte> Bytes = ArrayPool<byte>.Create(1 << 24, 32);
        private static readonly ArrayPool<long> Longs = ArrayPool<long>.Create(1 << 20, 256);

        private static long[] RentCleared(int length)
        {
            var array = Longs.Rent(length);
            Array.Clear(array, 0, length);
            return array;
        }

        public void Dispose()
        {
            // A query that failed midway may leave anything in its arrays: they are dropped rather than pooled.
            if (_complete)
            {
                for (var i = 0; i < _data.Words; i++)
                {
                    if (Written[i] != 0)
                    {
                        var from = i << 6;
                        var length = Math.Min(64, _data.MaxDoc - from);
                        Array.Clear(Score, from, length);
                        Array.Clear(Extra, from, length);
                        Array.Clear(Matched, from, length);
                        Array.Clear(Extras, from, length);
                    }
                }
                Floats.Return(Score);
                Floats.Return(Max);
                Floats.Return(Sum);
                Floats.Return(Option);
                Floats.Return(Extra);
                Bytes.Return(Matched);
                Bytes.Return(Extras);
            }
            foreach (var bits in _bits)
            {
                Longs.Return(bits);
            }
        }
    }

    /// <summary>The best <c>size</c> documents offered, ties to the lower document as Lucene's collector breaks them.</summary>
    private sealed class Ranking(int size)
    {
        private readonly PriorityQueue<int, (float Score, int Doc)> _best = new(Comparer<(float Score, int Doc)>.Create((a, b) =>
            a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Doc.CompareTo(a.Doc)));

        /// <summary>Ranks a document if it is among the best so far; says whether it was.</summary>
        public bool Offer(int doc, float score)
        {
            if (size <= 0)
            {
                return false;
            }
            if (_best.Count < size)
            {
                _best.Enqueue(doc, (score, doc));
                return true;
            }
            _best.TryPeek(out _, out var worst);
            if (score > worst.Score || score == worst.Score && doc < worst.Doc)
            {
                _best.DequeueEnqueue(doc, (score, doc));
                return true;
            }
            return false;
        }

        public bool IsFull => size <= 0 || _best.Count >= size;

        /// <summary>The lowest score ranked (the ranking is full), or minus infinity.</summary>
        public float Worst => size <= 0 ? float.PositiveInfinity : _best.Count < size ? float.NegativeInfinity : _best.TryPeek(out _, out var worst) ? worst.Score : float.NegativeInfinity;

        public List<(int Doc, float Score)> Sorted()
        {
            var list = new List<(int Doc, float Score)>(_best.Count);
            while (_best.TryDequeue(out var doc, out var key))
            {
                list.Add((doc, key.Score));
            }
            list.Reverse();
            return list;
        }
    }
}
