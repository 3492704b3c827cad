using ArtSouk.Search.Querying;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// Counts facet values over every matching document (Lucene.Net.Facet is not served to us): per segment, counts by
/// doc-value ordinal in an array, turned into values when the segment is done.
/// </summary>
internal sealed class FacetCollector(IReadOnlyList<string> facets, string locale) : ICollector
{
    private readonly Dictionary<string, Dictionary<string, int>> _counts = facets.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal));
    private readonly List<(string Facet, SortedDocValues Values, int[] Counts)> _segment = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        FlushSegment();
        foreach (var facet in facets)
        {
            if (context.AtomicReader.GetSortedDocValues(F.FacetValue(facet, locale)) is { } values)
            {
                _segment.Add((facet, values, new int[values.ValueCount]));
            }
        }
    }

    public void Collect(int doc)
    {
        foreach (var (_, values, counts) in _segment)
        {
            var ord = values.GetOrd(doc);
            if (ord >= 0)
            {
                counts[ord]++;
            }
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Counts()
    {
        FlushSegment();
        return Ordered(_counts);
    }

    /// <summary>Each facet's 50 most frequent values, most frequent first, ties in value order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> Ordered(Dictionary<string, Dictionary<string, int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var ordered = new Dictionary<string, IReadOnlyList<FacetCount>>(counts.Count, StringComparer.Ordinal);
        foreach (var (facet, values) in counts)
        {
            // A sort of the counts themselves rather than LINQ's ordering: values are distinct, so the order is the same.
            var list = new List<FacetCount>(values.Count);
            foreach (var (value, count) in values)
            {
                list.Add(new FacetCount(value, count));
            }
            list.Sort(ByCount);
            if (list.Count > 50)
            {
                list.RemoveRange(50, list.Count - 50);
            }
            ordered[facet] = list;
        }
        return ordered;
    }

    private static readonly Comparison<FacetCount> ByCount = (a, b) =>
        a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value);

    private void FlushSegment()
    {
        var bytes = new BytesRef();
        foreach (var (facet, values, counts) in _segment)
        {
            for (var ord = 0; ord < counts.Length; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, bytes);
                    var value = bytes.Utf8ToString();
                    _counts[facet][value] = _counts[facet].GetValueOrDefault(value) + counts[ord];
                }
            }
        }
        _segment.Clear();
    }
}
