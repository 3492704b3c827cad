using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using ArtSouk.Search.Analysis;
using ArtSouk.Search.Querying;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Directory = System.IO.Directory;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// The embedded adapter: a Lucene.NET 4.8 index under <c>{DataPath}/search</c>. Text is analyzed by our
/// <see cref="TextAnalyzer"/> before Lucene sees it (Lucene only splits on the spaces we put between forms), so the
/// Elasticsearch adapter indexes exactly the same terms. Facets are counted by our own collector over doc values.
/// </summary>
internal static class StoredText
{
    public static string? Text(this Document document, string name) => document.Get(name, CultureInfo.InvariantCulture);
}

/// <param name="folder">Where the index lives (a <c>current</c> file names the live generation).</param>
/// <param name="gate">The gate this index's searches pass, shared with the process's other indexes so that together
/// they compute no more searches at once than there are cores; without one, the index has its own.</param>
/// <param name="clock">Whose time a rebuild's start is marked in (the one the CMS stamps its events with), and its generations' folders are named by.</param>
internal sealed class LuceneSearchIndex(string folder, SearchGate? gate = null, TimeProvider? clock = null) : ISearchIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string CurrentFile = "current";

    /// <summary>The commit data key of <see cref="RebuiltFromAsync"/>, in UTC ticks; later commits carry it over.</summary>
    private const string RebuiltFromKey = "rebuilt-from";

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>One write (upsert, delete, swap) at a time.</summary>
    private readonly SemaphoreSlim _writes = new(1, 1);
    private volatile Generation? _live;
    private Generation? _building;

    /// <summary>A live write to the generation being built holds this for writing, the rebuild's adds for reading.</summary>
    private readonly ReaderWriterLockSlim _adding = new(LockRecursionPolicy.NoRecursion);

    /// <summary>Entries already in the generation being built, by id: each is added once, and a live write wins over the rebuild's copy.</summary>
    private ConcurrentDictionary<string, byte>? _claimed;

    private sealed record Generation(string Path, FSDirectory Directory, IndexWriter Writer, SearcherManager Searchers) : IDisposable
    {
        /// <param name="rebuilding">Opened for a rebuild: a larger buffer and no compound files until its commit.</param>
        public static Generation Open(string path, bool rebuilding = false)
        {
            System.IO.Directory.CreateDirectory(path);
            var directory = FSDirectory.Open(path);
            // A rebuild's few large segments are written as plain files: packing them into a compound file copies every
            // byte once more at the commit. Live writes flush small segments, which are packed (fewer open files).
            var config = new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version))
            {
                OpenMode = OpenMode.CREATE_OR_APPEND, RAMBufferSizeMB = rebuilding ? RebuildBufferMb : LiveBufferMb, UseCompoundFile = !rebuilding,
            };
            var writer = new IndexWriter(directory, config);
            return new Generation(path, directory, writer, new SearcherManager(writer, true, null));
        }

        /// <summary>Answers kept per reader of this generation (reader versions only compare within one index).</summary>
        public ResultCache<SearchResult> Searches { get; } = new();

        public ResultCache<IReadOnlyList<Suggestion>> Suggestions { get; } = new();

        public void Dispose()
        {
            Searchers.Dispose();
            Writer.Dispose();
            Directory.Dispose();
        }
    }

    /// <summary>A rebuild writes 100,000 documents in a few segments rather than a dozen to merge (the buffer is freed at the commit).</summary>
    private const double RebuildBufferMb = 256;

    private const double LiveBufferMb = 64;

    public bool IsOpen => _live is not null;

    /// <summary>Replaces the query plan (search, suggest): the benchmark measures the previous queries against it in the same run.</summary>
    internal Func<QueryTerms, bool, Query>? Queries { get; set; }

    /// <summary>
    /// Searches computed at once (<see cref="SearchGate"/>): as many as there are cores, for this index and those it
    /// shares the gate with. The benchmark measures without it (<c>null</c>) in the same run.
    /// </summary>
    internal SearchGate? Gate { get; set; } = gate ?? SearchGate.OnePerCore();

    private readonly bool _ownsGate = gate is null;

    /// <summary>Whether answers are kept per reader (<see cref="ResultCache{T}"/>); the benchmark measures both ways.</summary>
    internal bool CacheAnswers { get; set; } = true;

    /// <summary>
    /// Whether suggestions are read from ranked postings and shown from fields kept per segment
    /// (<see cref="TieredSearch.Top"/>), rather than scored in full and loaded from stored fields: the same answers, which
    /// the benchmark measures both ways and compares.
    /// </summary>
    internal bool RankedSuggest { get; set; } = true;

    /// <summary>Whether exact phrases are scored from positions (<see cref="TieredSearch.Prepare"/>); the tests compare both ways.</summary>
    internal bool PhrasesFromPositions { get; set; } = true;

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_live is not null)
        {
            return Task.CompletedTask;
        }
        Directory.CreateDirectory(folder);
        var pointer = Path.Combine(folder, CurrentFile);
        var name = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : "";
        if (name.Length == 0 || !Directory.Exists(Path.Combine(folder, name)))
        {
            name = NewName();
            File.WriteAllText(pointer, name);
        }
        _live = Generation.Open(Path.Combine(folder, name));
        return Task.CompletedTask;
    }

    /// <summary>
    /// A folder name for a new generation, stamped with the time it was made and never one already there: the live
    /// generation and a rebuild started in the same millisecond would otherwise share a folder (and its write lock), and a
    /// rebuild that failed would delete the live index with its own folder.
    /// </summary>
    private string NewName()
    {
        var stamp = "index-" + _clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var name = stamp;
        for (var n = 2; Directory.Exists(Path.Combine(folder, name)); n++)
        {
            name = stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
        }
        return name;
    }

    private Generation Live => _live ?? throw new InvalidOperationException("The search index is not open yet.");

    public async Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var lucene = documents.Select(d => (Id: d.Id.ToString(), Document: ToLucene(d))).ToList();
            foreach (var generation in Targets())
            {
                WriteLive(generation, lucene.Select(d => d.Id), writer =>
                {
                    foreach (var (id, document) in lucene)
                    {
                        writer.UpdateDocument(new Term(F.Id, id), document);
                    }
                });
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            foreach (var generation in Targets())
            {
                WriteLive(generation, [id.ToString()], writer => writer.DeleteDocuments(new Term(F.Id, id.ToString())));
            }
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>
    /// Writes and commits a live change. On the generation being built it excludes the rebuild's adds and claims the ids
    /// it wrote, so the rebuild's copy of those entries (read earlier, or a deleted one) is not added after it.
    /// </summary>
    private void WriteLive(Generation generation, IEnumerable<string> ids, Action<IndexWriter> write)
    {
        var building = ReferenceEquals(generation, _building) ? _claimed : null;
        if (building is not null)
        {
            _adding.EnterWriteLock();
        }
        try
        {
            foreach (var id in building is null ? [] : ids)
            {
                building![id] = 1;
            }
            write(generation.Writer);
            generation.Writer.Commit();
            generation.Searchers.MaybeRefreshBlocking();
        }
        finally
        {
            if (building is not null)
            {
                _adding.ExitWriteLock();
            }
        }
    }

    /// <summary>The live index, and the one being rebuilt beside it, so a change made during a rebuild is in both.</summary>
    private IEnumerable<Generation> Targets() => _building is null ? [Live] : [Live, _building];

    public Task<long> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Use(Live, s => (long)s.IndexReader.NumDocs));

    public Task<DateTimeOffset?> RebuiltFromAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Live.Writer.CommitData.TryGetValue(RebuiltFromKey, out var ticks)
            ? new DateTimeOffset(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero)
            : (DateTimeOffset?)null);

    private static T Use<T>(Generation generation, Func<IndexSearcher, T> read)
    {
        var searcher = generation.Searchers.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            generation.Searchers.Release(searcher);
        }
    }

    public Task<SearchResult> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var terms = new QueryTerms(request.Query);
        if (terms.Words.Count == 0)
        {
            return Task.FromResult(new SearchResult([], 0, request.Facets.ToDictionary(f => f, _ => (IReadOnlyList<FacetCount>)[])));
        }
        var filter = Filters(request);
        if (!CacheAnswers || Queries is not null)
        {
            return Compute(() => Use(Live, searcher => Search(searcher, request, terms, filter)), cancellationToken);
        }
        var key = Key(request);
        // An answer already kept is read without waiting at the gate: it costs microseconds, not a search. The live
        // generation is read again once through the gate: a rebuild may have swapped it in the meantime.
        var live = Live;
        return Use(live, searcher => live.Searches.Find(searcher.IndexReader, key)) is { } kept
            ? Task.FromResult(kept)
            : Compute(() =>
            {
                var current = Live;
                return Use(current, searcher => current.Searches.GetOrAdd(searcher.IndexReader, key, () => Search(searcher, request, terms, filter)));
            }, cancellationToken);
    }

    private Task<T> Compute<T>(Func<T> compute, CancellationToken cancellationToken) =>
        Gate is { } gate ? gate.RunAsync(compute, cancellationToken) : Task.FromResult(compute());

    private static string Key(SearchRequest request) => string.Join('\u001f', request.Query, request.Locale, string.Join(',', request.Types),
        string.Join(';', request.Filters.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + string.Join(',', f.Value))),
        string.Join(',', request.Facets), request.Offset.ToString(CultureInfo.InvariantCulture), request.Limit.ToString(CultureInfo.InvariantCulture));

    private SearchResult Search(IndexSearcher searcher, SearchRequest request, QueryTerms terms, BooleanQuery? filter)
    {
        var reader = searcher.IndexReader;
        var plan = QueryPlan.Search(terms, (field, term) => TieredSearch.DocFreq(reader, field, term));
        if (Queries is null && TieredSearch.Prepare(searcher, plan, PhrasesFromPositions) is { } tiered)
        {
            var (page, total, counted) = tiered.Run(filter, request.Facets, request.Locale, request.Offset, request.Limit);
            var shown = new List<SearchHit>(page.Count);
            foreach (var (doc, score) in page)
            {
                shown.Add(Hit(ShownFields.Hit(reader, doc, request.Locale, terms), score));
            }
            return new SearchResult(shown, total, FacetCollector.Ordered(counted));
        }
        var query = Queries?.Invoke(terms, false) ?? LuceneQueries.Build(plan);
        if (filter is not null)
        {
            query = new FilteredQuery(query, new QueryWrapperFilter(filter));
        }
        // Out of order: a disjunction is then scored a window of documents at a time (BooleanScorer), not one by one.
        var top = TopScoreDocCollector.Create(request.Offset + request.Limit, false);
        var facets = new FacetCollector(request.Facets, request.Locale);
        searcher.Search(query, MultiCollector.Wrap(top, facets));
        var counts = facets.Counts();
        var hits = top.GetTopDocs(request.Offset, request.Limit).ScoreDocs.Select(d => Hit(ShownFields.Hit(searcher.IndexReader, d.Doc, request.Locale, terms), d.Score)).ToList();
        return new SearchResult(hits, top.TotalHits, counts);
    }

    public Task<IReadOnlyList<Suggestion>> SuggestAsync(string query, string locale, int limit, CancellationToken cancellationToken)
    {
        var terms = new QueryTerms(query);
        if (terms.Words.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Suggestion>>([]);
        }
        var key = string.Join('\u001f', query, locale, limit.ToString(CultureInfo.InvariantCulture));
        var live = Live;
        return Task.FromResult(Use(live, searcher => CacheAnswers && Queries is null
            ? live.Suggestions.GetOrAdd(searcher.IndexReader, key, () => Suggest(searcher, terms, locale, limit))
            : Suggest(searcher, terms, locale, limit)));
    }

    private List<Suggestion> Suggest(IndexSearcher searcher, QueryTerms terms, string locale, int limit)
    {
        var plan = QueryPlan.Suggest(terms);
        var ranked = RankedSuggest && Queries is null;
        IEnumerable<int> top = Queries is null && TieredSearch.Prepare(searcher, plan) is { } tiered
            ? ((ranked ? tiered.Top(limit * 2) : null) ?? tiered.Run(null, [], locale, 0, limit * 2).Page).Select(d => d.Doc)
            : searcher.Search(Queries?.Invoke(terms, true) ?? LuceneQueries.Build(plan), limit * 2).ScoreDocs.Select(d => d.Doc);
        var suggestions = new List<Suggestion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in top.Select(d => ranked ? SuggestFields.Of(searcher.IndexReader, d) : SuggestFields.Load(searcher.IndexReader, d)))
        {
            // The title in the script typed first, so "nou" suggests Nouf Al-Harbi and "نو" نوف الحربي.
            var (first, second) = terms.IsArabic ? (doc.TitleAr, doc.TitleEn) : (doc.TitleEn, doc.TitleAr);
            var text = first ?? second;
            var other = second;
            if (text is null || !seen.Add(text))
            {
                continue;
            }
            suggestions.Add(new Suggestion(text, other == text ? null : other, doc.Id, doc.Type,
                doc.Url(locale)));
            if (suggestions.Count == limit)
            {
                break;
            }
        }
        return suggestions;
    }

    public async Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await OpenAsync(cancellationToken);
        var from = _clock.GetUtcNow();
        var name = NewName();
        var building = Generation.Open(Path.Combine(folder, name), rebuilding: true);
        var claimed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        await _writes.WaitAsync(cancellationToken);
        _claimed = claimed;
        _building = building;
        _writes.Release();
        var count = 0;
        try
        {
            // Analysis is most of the cost of a document and IndexWriter takes adds from several threads at once: one
            // reader feeds a worker per core. Adds instead of updates: the generation starts empty and each id is claimed
            // once, so no delete term is buffered per document. Each worker is a thread of its own: it analyses without a
            // pause for as long as the reader keeps up (seconds), and on the thread pool two builds held every thread
            // requests are answered on, so a start with both indexes to build answered its first request a second late.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var channel = Channel.CreateBounded<SearchDocument>(new BoundedChannelOptions(1024) { SingleWriter = true });
            var workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Task.Factory.StartNew(() =>
            {
                try
                {
                    while (channel.Reader.WaitToReadAsync(stop.Token).AsTask().GetAwaiter().GetResult())
                    {
                        while (channel.Reader.TryRead(out var document))
                        {
                            var id = document.Id.ToString();
                            var lucene = ToLucene(document);
                            _adding.EnterReadLock();
                            try
                            {
                                if (claimed.TryAdd(id, 0))
                                {
                                    building.Writer.AddDocument(lucene);
                                }
                            }
                            finally
                            {
                                _adding.ExitReadLock();
                            }
                            if (Interlocked.Increment(ref count) % 1000 == 0)
                            {
                                progress?.Report(Volatile.Read(ref count));
                            }
                        }
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Stopped by the caller, or by a failure elsewhere in the build: that one is reported.
                }
                catch
                {
                    stop.Cancel();
                    throw;
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();
            Exception? feeding = null;
            try
            {
                await foreach (var document in documents.WithCancellation(stop.Token))
                {
                    await channel.Writer.WriteAsync(document, stop.Token);
                }
            }
            catch (Exception e)
            {
                feeding = e;
                await stop.CancelAsync();
            }
            channel.Writer.TryComplete();
            try
            {
                await Task.WhenAll(workers);
            }
            catch when (!workers.Any(w => w.IsFaulted))
            {
                // Only cancelled because reading the documents failed: that failure is the one to report.
            }
            if (feeding is not null)
            {
                ExceptionDispatchInfo.Throw(feeding);
            }
            cancellationToken.ThrowIfCancellationRequested();
            // Marked in the commit that completes the build only: a build cut short leaves no mark to trust.
            building.Writer.SetCommitData(new Dictionary<string, string> { [RebuiltFromKey] = from.UtcTicks.ToString(CultureInfo.InvariantCulture) });
            building.Writer.Commit();
            building.Writer.Config.UseCompoundFile = true;
            building.Searchers.MaybeRefreshBlocking();
        }
        catch
        {
            await _writes.WaitAsync(CancellationToken.None);
            _building = null;
            _claimed = null;
            _writes.Release();
            building.Dispose();
            Directory.Delete(building.Path, recursive: true);
            throw;
        }
        Generation old;
        await _writes.WaitAsync(CancellationToken.None);
        try
        {
            old = Live;
            File.WriteAllText(Path.Combine(folder, CurrentFile), name);
            _live = building;
            _building = null;
            _claimed = null;
        }
        finally
        {
            _writes.Release();
        }
        progress?.Report(count);
        // Searches that acquired the old searcher finish first; then its files go.
        _ = Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ =>
        {
            old.Dispose();
            try
            {
                Directory.Delete(old.Path, recursive: true);
            }
            catch (IOException)
            {
                // Removed on a later rebuild.
            }
        }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        _building?.Dispose();
        _live?.Dispose();
        _writes.Dispose();
        if (_ownsGate)
        {
            Gate?.Dispose();
        }
        _adding.Dispose();
    }

    private static BooleanQuery? Filters(SearchRequest request)
    {
        var all = new BooleanQuery();
        if (request.Types.Count > 0)
        {
            all.Add(AnyOf(F.Filter("type"), request.Types), Occur.MUST);
        }
        foreach (var (field, values) in request.Filters)
        {
            if (field == "price")
            {
                var any = new BooleanQuery();
                foreach (var value in values)
                {
                    // Checked by the API; a range that does not read matches nothing rather than everything.
                    var ok = PriceBands.TryParse(value, out var min, out var max);
                    any.Add(ok ? NumericRangeQuery.NewInt64Range(PriceBands.Field, min, max, true, false) : new TermQuery(new Term(PriceBands.Field, "")), Occur.SHOULD);
                }
                all.Add(any, Occur.MUST);
                continue;
            }
            all.Add(AnyOf(F.Filter(field), values.Select(FilterValue)), Occur.MUST);
        }
        return all.Clauses.Count == 0 ? null : all;
    }

    private static BooleanQuery AnyOf(string field, IEnumerable<string> values)
    {
        var any = new BooleanQuery();
        foreach (var value in values)
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }
        return any;
    }

    /// <summary>A filter value as it is indexed: normalized words, so الرياض, الریاض and Riyadh each match their own city.</summary>
    public static string FilterValue(string value) => IndexedForms.FilterValue(value);

    private static SearchHit Hit(ShownFields.ShownHit shown, float score) =>
        new(shown.Id, shown.Type, shown.Slug, shown.Title, shown.Snippet, Math.Round(score, 4), shown.Url);

    internal static Document ToLucene(SearchDocument source)
    {
        var forms = IndexedForms.Of(source);
        var doc = new Document
        {
            new KeywordField(F.Id, source.Id.ToString(), Field.Store.YES),
            new KeywordField(F.Type, source.Type, Field.Store.YES),
        };
        foreach (var (locale, text) in forms.Shown)
        {
            doc.Add(new StoredField("title_" + locale, text.Title));
            doc.Add(new StoredField("body_" + locale, text.Body));
            doc.Add(new StoredField("slug_" + locale, text.Slug));
            doc.Add(new StoredField("url_" + locale, text.Url));
        }
        if (ShownFields.Encode(source.Id, source.Type, forms.Shown) is { } shown)
        {
            doc.Add(new BinaryDocValuesField(ShownFields.Field, shown));
        }
        foreach (var whole in forms.TitleWhole)
        {
            doc.Add(new KeywordField(F.TitleWhole, whole, Field.Store.NO));
        }
        foreach (var (field, text) in forms.Analyzed)
        {
            doc.Add(new TextField(field, text, Field.Store.NO));
        }
        foreach (var (facet, values) in forms.Filters)
        {
            foreach (var value in values)
            {
                doc.Add(new KeywordField(F.Filter(facet), value, Field.Store.NO));
            }
        }
        foreach (var (field, value) in forms.FacetValues)
        {
            doc.Add(new SortedDocValuesField(field, new BytesRef(value)));
        }
        if (forms.PriceMinor is { } price)
        {
            doc.Add(new Int64Field(PriceBands.Field, price, Field.Store.NO));
        }
        return doc;
    }
}
