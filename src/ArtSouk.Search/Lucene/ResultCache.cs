using System.Collections.Concurrent;
using Lucene.Net.Index;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// Answers already computed on the current reader: visitors repeat the same searches (a name, a city, what the home page
/// links to), and an answer cannot change until the index does. Every write opens a new reader, which starts an empty
/// cache, so nothing stale is ever served; at <see cref="Capacity"/> entries the cache starts again rather than tracking
/// recency, which costs one miss per popular query. Elasticsearch's shard request cache works the same way.
/// </summary>
internal sealed class ResultCache<T>
    where T : class
{
    public const int Capacity = 1024;

    private volatile Entries _current = new(null, -1);

    /// <summary>The answers for one reader. Its version is kept, not read again: an old reader may be closed by now.</summary>
    private sealed record Entries(IndexReader? Reader, long Version)
    {
        public ConcurrentDictionary<string, T> Answers { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The answer kept for <paramref name="key"/> on this very reader, if any.</summary>
    public T? Find(IndexReader reader, string key)
    {
        var entries = _current;
        return ReferenceEquals(entries.Reader, reader) && entries.Answers.TryGetValue(key, out var answer) ? answer : null;
    }

    /// <param name="reader">The reader the caller holds (acquired, so open while this runs).</param>
    public T GetOrAdd(IndexReader reader, string key, Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(compute);
        var entries = _current;
        if (!ReferenceEquals(entries.Reader, reader))
        {
            var version = reader is DirectoryReader directory ? directory.Version : 0;
            // An older reader, still held by a search that began before a write, is answered without touching the
            // newer reader's answers; a newer one (a write was committed, or a rebuild swapped in) starts again.
            if (entries.Reader is not null && version < entries.Version)
            {
                return compute();
            }
            entries = _current = new Entries(reader, version);
        }
        if (entries.Answers.TryGetValue(key, out var answer))
        {
            return answer;
        }
        answer = compute();
        if (entries.Answers.Count >= Capacity)
        {
            entries.Answers.Clear();
        }
        entries.Answers[key] = answer;
        return answer;
    }
}
