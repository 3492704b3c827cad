using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// What every query reads from one segment, read once per segment rather than once per match: field lengths (norms) as
/// bytes, facet ordinals as ints, and the documents of common terms as bit sets. A segment never changes once written
/// (deletions are applied by the caller from the reader's live docs), so this lives as long as the segment's core.
/// </summary>
internal sealed class SegmentData
{
    private static readonly ConditionalWeakTable<object, SegmentData> All = new();

    /// <summary>A term in at least this share of a segment's documents is kept as a bit set: one OR of maxDoc/64 words
    /// costs less than walking its postings, and common body words are what every broad query asks for.</summary>
    private const int CommonShare = 128;

    /// <summary>Bit sets kept per segment: at 100,000 documents one is 12.5 kB, so this bounds a segment to about 32 MB.</summary>
    private const long MaxCachedWords = 4_000_000;

    private readonly ConcurrentDictionary<string, byte[]?> _norms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]?> _ords = new(StringComparer.Ordinal);
    // Keyed by field and term as a pair, not a joined string: a query looks terms up once per segment and pass.
    private readonly ConcurrentDictionary<(string Field, string Term), long[]> _common = new();
    private long _cachedWords;
    private readonly ConcurrentDictionary<(string Field, string Term), int[]> _ranked = new();
    private long _rankedDocs;

    /// <summary>Ranked postings kept per segment: 4 bytes a posting, so about 32 MB a segment.</summary>
    private const long MaxRankedDocs = 8_000_000;

    /// <summary>A term in at least this many documents keeps its ranked postings: ordering fewer costs less than the lookup saves.</summary>
    private const int RankedFrom = 64;

    /// <summary>Norm bytes from the largest norm (the shortest field) down, as <see cref="Ranked"/> orders documents.</summary>
    private static readonly byte[] NormOrder = BuildNormOrder();

    private SegmentData(int maxDoc)
    {
        MaxDoc = maxDoc;
        Words = (maxDoc + 63) >> 6;
    }

    public int MaxDoc { get; }

    /// <summary>Length of a bit set over this segment, in 64-bit words.</summary>
    public int Words { get; }

    public static SegmentData Of(AtomicReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        // Looked up apart from the closure that makes one: every segment of every request asks.
        return All.TryGetValue(reader.CoreCacheKey, out var data) ? data : Add(reader);
    }

    private static SegmentData Add(AtomicReader reader) => All.GetValue(reader.CoreCacheKey, _ => new SegmentData(reader.MaxDoc));

    /// <summary>The encoded length norm of each document for <paramref name="field"/>, or null when the field has none.</summary>
    public byte[]? Norms(AtomicReader reader, string field) => _norms.TryGetValue(field, out var norms) ? norms : ReadNorms(reader, field);

    // Apart from the look-up, so the look-up makes no closure.
    private byte[]? ReadNorms(AtomicReader reader, string field) => _norms.GetOrAdd(field, f =>
    {
        var values = reader.GetNormValues(f);
        if (values is null)
        {
            return null;
        }
        var norms = new byte[MaxDoc];
        for (var doc = 0; doc < norms.Length; doc++)
        {
            norms[doc] = (byte)(values.Get(doc) & 0xFF);
        }
        return norms;
    });

    /// <summary>Each document's ordinal in a sorted doc-values field (-1 without a value), or null when the segment has none.</summary>
    public int[]? Ords(AtomicReader reader, string field) => _ords.TryGetValue(field, out var ords) ? ords : ReadOrds(reader, field);

    private int[]? ReadOrds(AtomicReader reader, string field) => _ords.GetOrAdd(field, f =>
    {
        if (reader.GetSortedDocValues(f) is not { } values)
        {
            return null;
        }
        var ords = new int[MaxDoc];
        for (var doc = 0; doc < ords.Length; doc++)
        {
            ords[doc] = values.GetOrd(doc);
        }
        return ords;
    });

    /// <summary>
    /// A facet field in this segment: each document's ordinal (-1 without a value), each ordinal's value, and, for a field
    /// of few values, each value's documents as a bit set, so a query matching most of the segment counts a value with an
    /// AND and a popcount per 64 documents instead of a look-up per match.
    /// </summary>
    internal sealed class Facet(int[] ords, string[] values, long[][]? sets)
    {
        /// <summary>Values up to which each is kept as a bit set: 256 sets are 3 MB at 100,000 documents.</summary>
        public const int MaxSets = 256;

        public int[] Ords { get; } = ords;

        public string[] Values { get; } = values;

        public long[][]? Sets { get; } = sets;
    }

    private readonly ConcurrentDictionary<string, Facet?> _facets = new(StringComparer.Ordinal);

    /// <summary>A sorted doc-values field's <see cref="Facet"/>, or null when the segment has none.</summary>
    public Facet? FacetOf(AtomicReader reader, string field) => _facets.TryGetValue(field, out var facet) ? facet : ReadFacet(reader, field);

    private Facet? ReadFacet(AtomicReader reader, string field) => _facets.GetOrAdd(field, f =>
    {
        if (Ords(reader, f) is not { } ords || reader.GetSortedDocValues(f) is not { } sorted)
        {
            return null;
        }
        var values = new string[sorted.ValueCount];
        var bytes = new BytesRef();
        for (var ord = 0; ord < values.Length; ord++)
        {
            sorted.LookupOrd(ord, bytes);
            values[ord] = bytes.Utf8ToString();
        }
        long[][]? sets = null;
        if (values.Length <= Facet.MaxSets)
        {
            sets = new long[values.Length][];
            for (var ord = 0; ord < values.Length; ord++)
            {
                sets[ord] = new long[Words];
            }
            for (var doc = 0; doc < ords.Length; doc++)
            {
                if (ords[doc] >= 0)
                {
                    Bits.Set(sets[ords[doc]], doc);
                }
            }
        }
        return new Facet(ords, values, sets);
    });

    /// <summary>
    /// A terms enumerator and the postings enumerator it last gave, on one field of this segment, for one request at a
    /// time: Lucene.NET's enumerators are kilobytes of buffers each, and a request that opens its own for every segment
    /// and field makes most of its garbage there.
    /// </summary>
    internal sealed class Cursor(string field, TermsEnum terms)
    {
        public string Field { get; } = field;

        public TermsEnum Terms { get; } = terms;

        /// <summary>Passed back to <see cref="TermsEnum.Docs(IBits, DocsEnum, DocsFlags)"/> to be reused.</summary>
        public DocsEnum? Docs;

        /// <summary>Passed back to <see cref="TermsEnum.DocsAndPositions(IBits, DocsAndPositionsEnum)"/> to be reused.</summary>
        public DocsAndPositionsEnum? Positions;
    }

    private readonly ConcurrentDictionary<string, ConcurrentBag<Cursor>> _cursors = new(StringComparer.Ordinal);

    /// <summary>A cursor on <paramref name="field"/> to give back with <see cref="Return"/>, or null when the segment has no such field.</summary>
    public Cursor? Take(AtomicReader reader, string field)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (_cursors.TryGetValue(field, out var kept) && kept.TryTake(out var cursor))
        {
            return cursor;
        }
        return reader.GetTerms(field)?.GetEnumerator() is { } terms ? new Cursor(field, terms) : null;
    }

    /// <summary>Keeps a cursor for the next request (as many are kept as requests used at once).</summary>
    public void Return(Cursor cursor)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        _cursors.GetOrAdd(cursor.Field, static _ => []).Add(cursor);
    }

    /// <summary>The kept bit set of a common term, to read, not write (see <see cref="Or"/>).</summary>
    public bool TryCommon(string field, string term, [NotNullWhen(true)] out long[]? bits) => _common.TryGetValue((field, term), out bits);

    /// <summary>
    /// The documents holding the term <paramref name="terms"/> is positioned on (deleted ones included), shortest field
    /// first by <paramref name="norms"/> (the length norm every match of one term is scaled by), then by document: the
    /// order in which a term's matches rank, so a top-k reads from the front and stops. Kept for common terms.
    /// </summary>
    public int[] Ranked(TermsEnum terms, string field, string term, byte[]? norms, ref DocsEnum? reuse)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var key = (field, term);
        if (_ranked.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var docFreq = terms.DocFreq;
        var docs = new List<int>(docFreq);
        reuse = terms.Docs(null, reuse, DocsFlags.NONE);
        for (var doc = reuse.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = reuse.NextDoc())
        {
            docs.Add(doc);
        }
        var ranked = new int[docs.Count];
        if (norms is null)
        {
            docs.CopyTo(ranked);
        }
        else
        {
            // A counting sort on the norm byte, stable, so documents stay ascending within a norm.
            var starts = new int[257];
            foreach (var doc in docs)
            {
                starts[NormPosition[norms[doc]] + 1]++;
            }
            for (var i = 1; i < starts.Length; i++)
            {
                starts[i] += starts[i - 1];
            }
            foreach (var doc in docs)
            {
                ranked[starts[NormPosition[norms[doc]]]++] = doc;
            }
        }
        if (docFreq >= RankedFrom)
        {
            if (Interlocked.Add(ref _rankedDocs, ranked.Length) > MaxRankedDocs)
            {
                _ranked.Clear();
                Interlocked.Exchange(ref _rankedDocs, ranked.Length);
            }
            _ranked[key] = ranked;
        }
        return ranked;
    }

    private readonly ConcurrentDictionary<(string Field, string Term), Postings> _postings = new();
    private long _postingsDocs;

    /// <summary>Postings kept per segment as arrays: 8 bytes a posting, so about 16 MB a segment.</summary>
    private const long MaxPostingsDocs = 2_000_000;

    /// <summary>A term's documents in order with the square root of each frequency (the tf a score multiplies by).</summary>
    internal sealed record Postings(int[] Docs, float[] Tf);

    /// <summary>
    /// The documents holding the term <paramref name="terms"/> is positioned on (deleted ones included), with their tf, as
    /// arrays: a query walks them in a plain loop instead of through Lucene.NET's postings enumerator (a few virtual calls
    /// and a buffer refill per document), and the same title and name terms are asked again and again.
    /// </summary>
    public Postings Scored(TermsEnum terms, string field, string term, ref DocsEnum? reuse)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var key = (field, term);
        if (_postings.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var docFreq = terms.DocFreq;
        var docs = new int[docFreq];
        var tf = new float[docFreq];
        var n = 0;
        reuse = terms.Docs(null, reuse, DocsFlags.FREQS);
        for (var doc = reuse.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = reuse.NextDoc())
        {
            docs[n] = doc;
            tf[n++] = MathF.Sqrt(reuse.Freq);
        }
        var postings = n == docFreq ? new Postings(docs, tf) : new Postings(docs[..n], tf[..n]);
        if (Interlocked.Add(ref _postingsDocs, n) > MaxPostingsDocs)
        {
            _postings.Clear();
            Interlocked.Exchange(ref _postingsDocs, n);
        }
        _postings[key] = postings;
        return postings;
    }

    private readonly ConcurrentDictionary<(string Field, string Phrase), Postings> _phrases = new();
    private long _phraseDocs;

    /// <summary>The kept matches of an exact phrase (its terms joined by spaces) in this segment, with √freq as their tf.</summary>
    public bool TryPhrase(string field, string phrase, [NotNullWhen(true)] out Postings? found) => _phrases.TryGetValue((field, phrase), out found);

    /// <summary>
    /// Keeps an exact phrase's matches (<see cref="TryPhrase"/>): a title phrase of common words walks the positions of
    /// thousands of titles, and visitors repeat their phrases. Bounded like the postings.
    /// </summary>
    public Postings KeepPhrase(string field, string phrase, Postings found)
    {
        ArgumentNullException.ThrowIfNull(found);
        if (Interlocked.Add(ref _phraseDocs, found.Docs.Length + 1) > MaxPostingsDocs)
        {
            _phrases.Clear();
            Interlocked.Exchange(ref _phraseDocs, found.Docs.Length + 1);
        }
        _phrases[(field, phrase)] = found;
        return found;
    }

    private readonly ConcurrentDictionary<string, float> _maxNorms = new(StringComparer.Ordinal);

    /// <summary>The largest length norm of the field in this segment, decoded by <paramref name="decoded"/>, or 1 without norms.</summary>
    public float MaxNorm(AtomicReader reader, string field, float[] decoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        if (_maxNorms.TryGetValue(field, out var max))
        {
            return max;
        }
        max = 1f;
        if (Norms(reader, field) is { } norms)
        {
            max = 0f;
            foreach (var norm in norms)
            {
                max = Math.Max(max, decoded[norm]);
            }
        }
        return _maxNorms[field] = max;
    }

    /// <summary>Each norm byte's place in <see cref="NormOrder"/>.</summary>
    private static readonly int[] NormPosition = BuildNormPosition();

    private static byte[] BuildNormOrder()
    {
        var similarity = new DefaultSimilarity();
        return Enumerable.Range(0, 256).OrderByDescending(b => similarity.DecodeNormValue(b)).ThenBy(b => b).Select(b => (byte)b).ToArray();
    }

    private static int[] BuildNormPosition()
    {
        var position = new int[256];
        for (var i = 0; i < NormOrder.Length; i++)
        {
            position[NormOrder[i]] = i;
        }
        return position;
    }

    /// <summary>ORs the documents holding <paramref name="term"/> into <paramref name="into"/> (deleted ones included).</summary>
    public void Or(TermsEnum terms, string field, string term, long[] into, ref DocsEnum? reuse)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(into);
        var key = (field, term);
        if (_common.TryGetValue(key, out var cached))
        {
            Bits.Or(into, cached, Words);
            return;
        }
        var docFreq = terms.DocFreq;
        var common = docFreq >= 256 && docFreq >= MaxDoc / CommonShare;
        var target = common ? new long[Words] : into;
        reuse = terms.Docs(null, reuse, DocsFlags.NONE);
        for (var doc = reuse.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = reuse.NextDoc())
        {
            target[doc >> 6] |= 1L << doc;
        }
        if (common)
        {
            if (Interlocked.Add(ref _cachedWords, Words) > MaxCachedWords)
            {
                // Start again rather than track recency: the common terms come back on the next queries that need them.
                _common.Clear();
                Interlocked.Exchange(ref _cachedWords, Words);
            }
            _common[key] = target;
            Bits.Or(into, target, Words);
        }
    }
}

/// <summary>Bit sets as plain <c>long[]</c>, a document per bit.</summary>
internal static class Bits
{
    /// <param name="words">The segment's length in words: pooled arrays may be longer.</param>
    public static void Or(long[] into, long[] other, int words)
    {
        for (var i = 0; i < words; i++)
        {
            into[i] |= other[i];
        }
    }

    /// <summary>How many documents are in both sets.</summary>
    public static int CountAnd(long[] a, long[] b, int words)
    {
        var count = 0;
        for (var i = 0; i < words; i++)
        {
            count += BitOperations.PopCount((ulong)(a[i] & b[i]));
        }
        return count;
    }

    public static void Set(long[] bits, int doc) => bits[doc >> 6] |= 1L << doc;

    public static bool Get(long[] bits, int doc) => (bits[doc >> 6] & (1L << doc)) != 0;
}
