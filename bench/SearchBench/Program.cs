using System.Diagnostics;
using System.Globalization;
using ArtSouk.Search;
using ArtSouk.Search.Lucene;
using SearchBench;

// Search benchmark (not a test): generated bilingual documents into the Lucene adapter, then queries and suggestions
// from 8 concurrent clients for a fixed time each, first with the previous queries (BaselineQueries) and then with the
// current plan, on the same index in the same run. Usage:
//   dotnet run -c Release --project bench/SearchBench [docs=100000] [seconds=10]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
const int Clients = 8;

var documents = Corpus.Generate(count, new Random(42));
var folder = Directory.CreateTempSubdirectory("artsouk-search-bench-").FullName;
try
{
    using var index = new LuceneSearchIndex(folder);
    await index.OpenAsync(CancellationToken.None);
    var watch = Stopwatch.StartNew();
    // The full-index path the reindex command and the manager's button take: a new generation, one commit, a swap.
    await index.RebuildAsync(documents.ToAsyncEnumerable(), null, CancellationToken.None);
    var rate = count / watch.Elapsed.TotalSeconds;
    Console.WriteLine($"indexed {count:N0} documents in {watch.Elapsed.TotalSeconds:0.0} s: {rate:N0} docs/s");

    // Queries a visitor types: names in both scripts and spellings, plurals, typos, phrases, a year; prefixes as typed.
    string[] queries = ["نوف الحربي", "Nouf Alharbi", "Mohamed Kahtani", "الفنانون", "watercolor painting", "caligraphy", "Abdel Rahman Ghamdi",
        "لوحات زيتية", "desert night", "منحوطة", "Riyadh exhibiton", "عبد الله الشهري", "sadu weaving", "2019", "kufic calligraphy workshop",
        "الخط العربي", "ceramic vessels", "Jawaher Sudairi", "معرض الرياض", "portraits"];
    string[] prefixes = ["نو", "نوف ال", "moh", "abd", "Nouf Al", "الص", "cal", "kha", "ريم", "jaw", "عبدالر", "sculp", "مع", "des", "خزف"];
    var filters = new Dictionary<string, IReadOnlyList<string>>();
    // What the collector cost each mode of the last comparison: the time every client stood still, and the garbage made.
    var paused = new TimeSpan[4];
    var allocated = new long[4];
    // How many collections of each generation ran during each mode's turns: a pause's cost is mostly per collection.
    var collections = new int[4, 3];
    // The modes compared run in turns of a quarter second each, so the load other processes put on this shared machine
    // falls on all of them alike (one after the other, a busy minute would favour whichever ran in a quiet one).
    async Task<List<double>[]> Compare(params (Action Setup, Func<int, Task> Call)[] modes)
    {
        var times = modes.Select(_ => new List<double>()).ToArray();
        var counters = new int[modes.Length];
        Array.Clear(paused);
        Array.Clear(allocated);
        Array.Clear(collections);
        foreach (var (setup, call) in modes)
        {
            // Warm up the JIT, the searcher and the term dictionaries before measuring.
            setup();
            for (var n = 0; n < 50; n++)
            {
                await call(n);
            }
        }
        for (var turn = 0; turn < seconds * 4; turn++)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                var (setup, call) = modes[m];
                setup();
                var pausedBefore = GC.GetTotalPauseDuration();
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                var collectedBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
                var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 4;
                var mode = m;
                var tasks = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
                {
                    var mine = new List<double>();
                    while (Stopwatch.GetTimestamp() < until)
                    {
                        var n = Interlocked.Increment(ref counters[mode]) + 50;
                        var start = Stopwatch.GetTimestamp();
                        await call(n);
                        mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    }
                    return mine;
                })).ToList();
                foreach (var t in tasks)
                {
                    times[m].AddRange(await t);
                }
                paused[m] += GC.GetTotalPauseDuration() - pausedBefore;
                allocated[m] += GC.GetTotalAllocatedBytes() - allocatedBefore;
                for (var g = 0; g < 3; g++)
                {
                    collections[m, g] += GC.CollectionCount(g) - collectedBefore[g];
                }
            }
        }
        foreach (var t in times)
        {
            t.Sort();
        }
        return times;
    }
    void Collected(string what, params string[] names)
    {
        for (var m = 0; m < names.Length; m++)
        {
            // CollectionCount(0) counts every collection, CollectionCount(1) those of generation 1 and 2.
            var (all, older, full) = (collections[m, 0], collections[m, 1], collections[m, 2]);
            Console.WriteLine($"  {what} {names[m],-18} GC pauses {paused[m].TotalMilliseconds / seconds,6:0.0} ms/s, allocated {allocated[m] / 1e6 / seconds,7:N0} MB/s, "
                + $"collections/s gen0 {(all - older) / (double)seconds:0} gen1 {(older - full) / (double)seconds:0} gen2 {full / (double)seconds:0.0}");
        }
    }
    static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * q))];
    static string Describe(List<double> sorted, int seconds) =>
        $"{sorted.Count / (double)seconds,8:N0}/s  p50 {P(sorted, 0.5),7:0.00} ms  p95 {P(sorted, 0.95),7:0.00} ms  p99 {P(sorted, 0.99),7:0.00} ms";

    Task Search(int n) => index.SearchAsync(new SearchRequest(queries[n % queries.Length], n % 2 == 0 ? "ar" : "en", [], filters, ["type", "city"], 0, 10), CancellationToken.None);
    Task Suggest(int n) => index.SuggestAsync(prefixes[n % prefixes.Length], n % 2 == 0 ? "ar" : "en", 10, CancellationToken.None);

    // Every query computed (answer cache off), baseline plan against current plan; then, as visitors ask, with the cache.
    void Baseline()
    {
        index.CacheAnswers = false;
        index.Queries = BaselineQueries.Build;
        index.Gate = null;
    }
    var gate = index.Gate;
    void Current()
    {
        index.CacheAnswers = false;
        index.Queries = null;
        index.RankedSuggest = true;
        index.Gate = gate;
    }
    // The same plan with every client's search computed at once, as before the gate (SearchGate).
    void Ungated()
    {
        Current();
        index.Gate = null;
    }
    // Suggestions as they were computed before the ranked postings: every match scored, stored fields read.
    void Scored()
    {
        index.CacheAnswers = false;
        index.Queries = null;
        index.RankedSuggest = false;
    }
    void Cached()
    {
        index.CacheAnswers = true;
        index.Queries = null;
        index.RankedSuggest = true;
        index.Gate = gate;
    }

    // As visitors ask: a Zipf stream over the head queries above and a long tail of titles and names taken from the
    // documents (one to three of their words, prefixes of them for suggest), with the answer cache on. A first sight of
    // a query is a miss; the figures count both.
    var tailRandom = new Random(7);
    string Piece(string title, bool prefix)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var from = tailRandom.Next(words.Length);
        var piece = string.Join(' ', words.Skip(from).Take(1 + tailRandom.Next(3)));
        return prefix ? piece[..Math.Min(piece.Length, Math.Max(2, tailRandom.Next(piece.Length + 1)))] : piece;
    }
    var tail = documents.Where((_, i) => i % 20 == 0).Select(d => (d.Arabic ?? d.English)!.Title).ToList();
    var searchStream = queries.Concat(tail.Select(t => Piece(t, false))).ToArray();
    var suggestStream = prefixes.Concat(tail.Select(t => Piece(t, true))).ToArray();
    var streamRandom = new Random(11);
    int Zipf(int n) => Math.Min(n - 1, (int)Math.Floor(Math.Exp(streamRandom.NextDouble() * Math.Log(n + 1)) - 1));
    var searchDraws = Enumerable.Range(0, 1_000_000).Select(_ => Zipf(searchStream.Length)).ToArray();
    var suggestDraws = Enumerable.Range(0, 1_000_000).Select(_ => Zipf(suggestStream.Length)).ToArray();
    Task StreamSearch(int n) => index.SearchAsync(new SearchRequest(searchStream[searchDraws[n % searchDraws.Length]], n % 2 == 0 ? "ar" : "en", [], filters, ["type", "city"], 0, 10), CancellationToken.None);
    Task StreamSuggest(int n) => index.SuggestAsync(suggestStream[suggestDraws[n % suggestDraws.Length]], n % 2 == 0 ? "ar" : "en", 10, CancellationToken.None);

    var searches = await Compare((Baseline, Search), (Ungated, Search), (Current, Search), (Cached, StreamSearch));
    Collected("search ", "baseline", "current, ungated", "current", "current, cached");
    var suggests = await Compare((Baseline, Suggest), (Scored, Suggest), (Current, Suggest), (Cached, StreamSuggest));
    Collected("suggest", "baseline", "scored in full", "current (ranked)", "current, cached");
    var (baseSearch, ungatedSearch, search, cachedSearch) = (searches[0], searches[1], searches[2], searches[3]);
    var (baseSuggest, scoredSuggest, suggest, cachedSuggest) = (suggests[0], suggests[1], suggests[2], suggests[3]);

    // The ranked suggestions must be the scored ones: every prefix of the stream, both ways, on the same reader.
    var differing = 0;
    var compared = suggestStream.Distinct(StringComparer.Ordinal).Take(3000).ToList();
    foreach (var q in compared)
    {
        Scored();
        var scored = await index.SuggestAsync(q, "en", 10, CancellationToken.None);
        Current();
        differing += scored.SequenceEqual(await index.SuggestAsync(q, "en", 10, CancellationToken.None)) ? 0 : 1;
    }
    static string Distinct(List<double> runs, int[] draws, string[] stream) =>
        $"{draws.Take(runs.Count + 51).Select(d => stream[d]).Distinct().Count():N0} distinct of {runs.Count + 50:N0} asked";

    Console.WriteLine($"{Clients} clients, {seconds} s each, {count:N0} documents");
    Console.WriteLine($"search  baseline          {Describe(baseSearch, seconds)}");
    Console.WriteLine($"search  current, ungated  {Describe(ungatedSearch, seconds)}");
    Console.WriteLine($"search  current           {Describe(search, seconds)}  ({gate?.Width} at once)");
    Console.WriteLine($"search  current, cached   {Describe(cachedSearch, seconds)}  ({Distinct(cachedSearch, searchDraws, searchStream)})");
    Console.WriteLine($"suggest baseline          {Describe(baseSuggest, seconds)}");
    Console.WriteLine($"suggest scored in full    {Describe(scoredSuggest, seconds)}");
    Console.WriteLine($"suggest current (ranked)  {Describe(suggest, seconds)}");
    Console.WriteLine($"ranked suggestions differing from the scored ones: {differing} of {compared.Count} prefixes");
    Console.WriteLine($"suggest current, cached   {Describe(cachedSuggest, seconds)}  ({Distinct(cachedSuggest, suggestDraws, suggestStream)})");
    Console.WriteLine($"p95 ratio baseline/current: search {P(baseSearch, 0.95) / P(search, 0.95):0.0}x, suggest {P(baseSuggest, 0.95) / P(suggest, 0.95):0.0}x");
    index.CacheAnswers = false;

    // One client, each query alone: where the time goes (median of 15 runs, with its hit count).
    Console.WriteLine("per query, one client, median ms baseline / current, hits:");
    async Task<(double Median, int Total)> Alone(string q)
    {
        var times = new List<double>();
        var total = 0;
        for (var n = 0; n < 15; n++)
        {
            var start = Stopwatch.GetTimestamp();
            total = (await index.SearchAsync(new SearchRequest(q, "ar", [], filters, ["type", "city"], 0, 10), CancellationToken.None)).Total;
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], total);
    }
    foreach (var q in queries)
    {
        Baseline();
        var before = await Alone(q);
        Current();
        var now = await Alone(q);
        Console.WriteLine($"  {before.Median,7:0.00} / {now.Median,7:0.00}  {now.Total,7:N0}  {q}");
    }
    Console.WriteLine("per prefix, one client, median ms scored in full / ranked:");
    async Task<double> Typed(string q)
    {
        var times = new List<double>();
        for (var n = 0; n < 15; n++)
        {
            var start = Stopwatch.GetTimestamp();
            await index.SuggestAsync(q, "en", 10, CancellationToken.None);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
    foreach (var q in prefixes)
    {
        Scored();
        var scored = await Typed(q);
        Current();
        Console.WriteLine($"  {scored,7:0.00} / {await Typed(q),7:0.00}  {q}");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}
