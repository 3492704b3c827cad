using System.Diagnostics;
using System.Globalization;
using ArtSouk.Search;
using ArtSouk.Search.Lucene;

// Search benchmark (not a test): 100,000 generated bilingual documents into the Lucene adapter, then queries and
// suggestions from 8 concurrent clients for a fixed time each. Usage: dotnet run -c Release --project bench/SearchBench [docs] [seconds]
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
const int Clients = 8;

string[] firstAr = ["محمد", "نوف", "عبدالله", "فاطمة", "يوسف", "ريم", "خالد", "سارة", "حسين", "ليلى", "عبدالرحمن", "منيرة", "ظافر", "جواهر", "عثمان", "هيا", "صالح", "مها", "زينب", "ماجد"];
string[] firstEn = ["Mohammed", "Nouf", "Abdullah", "Fatimah", "Yousef", "Reem", "Khalid", "Sara", "Hussain", "Layla", "Abdulrahman", "Munira", "Dhafer", "Jawaher", "Othman", "Haya", "Saleh", "Maha", "Zainab", "Majed"];
string[] lastAr = ["الحربي", "القحطاني", "الغامدي", "الشهري", "الزهراني", "العتيبي", "الدوسري", "المطيري", "الشمري", "الجشي", "المناعي", "السبيعي", "الشهراني", "السديري", "الخزيم", "العنزي", "الملوح", "المحيسن", "البقمي", "السيد"];
string[] lastEn = ["Al-Harbi", "Al-Qahtani", "Al-Ghamdi", "Al-Shehri", "Al-Zahrani", "Al-Otaibi", "Al-Dossary", "Al-Mutairi", "Al-Shammari", "Al-Jishi", "Al-Mannai", "Al-Subaie", "Al-Shahrani", "Al-Sudairi", "Al-Khuzaim", "Al-Anazi", "Malluh", "Al-Muhaisen", "Al-Buqami", "Al-Sayed"];
string[] wordsAr = ["لوحة", "الصحراء", "البحر", "النخيل", "الضوء", "الذاكرة", "المدينة", "أبواب", "بيوت", "الطين", "خزف", "نسيج", "السدو", "الخط", "الكوفي", "منحوتة", "الصقر", "الخيل", "الحجر", "الليل", "الفنانون", "معرض", "ورشة", "ألوان", "مائية", "زيت", "قماش", "حبر", "ورق", "الرياض", "جدة", "أبها"];
string[] wordsEn = ["painting", "desert", "sea", "palms", "light", "memory", "city", "doors", "houses", "clay", "ceramics", "weaving", "sadu", "calligraphy", "kufic", "sculpture", "falcon", "horses", "stone", "night", "artists", "exhibition", "workshop", "colours", "watercolour", "oil", "canvas", "ink", "paper", "Riyadh", "Jeddah", "Abha"];
string[] types = ["artist", "artwork", "artwork", "artwork", "event", "workshop", "article", "gallery", "collection"];
string[] citiesAr = ["الرياض", "جدة", "أبها", "الدمام", "حائل"];
string[] citiesEn = ["Riyadh", "Jeddah", "Abha", "Dammam", "Hail"];

var random = new Random(42);
string Words(string[] pool, int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => pool[random.Next(pool.Length)]));
var documents = new List<SearchDocument>(count);
for (var i = 0; i < count; i++)
{
    var type = types[i % types.Length];
    var f = random.Next(firstAr.Length);
    var l = random.Next(lastAr.Length);
    var c = random.Next(citiesAr.Length);
    var titleAr = type == "artist" ? $"{firstAr[f]} {lastAr[l]}" : Words(wordsAr, 3);
    var titleEn = type == "artist" ? $"{firstEn[f]} {lastEn[l]}" : Words(wordsEn, 3);
    documents.Add(new SearchDocument(Guid.NewGuid(), type,
        new SearchText(titleAr, Words(wordsAr, 30), $"{firstAr[f]} {lastAr[l]}", $"ar-{i}", $"/ar/{type}/ar-{i}", citiesAr[c], null, null),
        new SearchText(titleEn, Words(wordsEn, 30), $"{firstEn[f]} {lastEn[l]}", $"en-{i}", $"/en/{type}/en-{i}", citiesEn[c], null, null),
        null, 1950 + random.Next(75)));
}

var folder = Directory.CreateTempSubdirectory("artsouk-search-bench-").FullName;
try
{
    using var index = new LuceneSearchIndex(folder);
    await index.OpenAsync(CancellationToken.None);
    var watch = Stopwatch.StartNew();
    foreach (var batch in documents.Chunk(5_000))
    {
        await index.UpsertAsync(batch, CancellationToken.None);
    }
    var rate = count / watch.Elapsed.TotalSeconds;
    Console.WriteLine($"indexed {count:N0} documents in {watch.Elapsed.TotalSeconds:0.0} s: {rate:N0} docs/s");

    string[] queries = ["نوف الحربي", "Nouf Alharbi", "Mohamed Kahtani", "الفنانون", "watercolor painting", "caligraphy", "Abdel Rahman Ghamdi",
        "لوحات زيتية", "desert night", "منحوطة", "Riyadh exhibiton", "عبد الله الشهري", "sadu weaving", "2019", "kufic calligraphy workshop"];
    string[] prefixes = ["نو", "نوف ال", "moh", "abd", "Nouf Al", "الص", "cal", "kha", "ريم", "jaw"];
    var filters = new Dictionary<string, IReadOnlyList<string>>();
    async Task<List<double>> Run(Func<int, Task> call)
    {
        var all = new List<double>();
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var tasks = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var mine = new List<double>();
            for (var n = client; Stopwatch.GetTimestamp() < until; n++)
            {
                var start = Stopwatch.GetTimestamp();
                await call(n);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            return mine;
        })).ToList();
        foreach (var t in tasks)
        {
            all.AddRange(await t);
        }
        all.Sort();
        return all;
    }
    static string Describe(List<double> sorted, int seconds) =>
        $"{sorted.Count / (double)seconds:N0}/s, p50 {sorted[sorted.Count / 2]:0.00} ms, p95 {sorted[(int)(sorted.Count * 0.95)]:0.00} ms, p99 {sorted[(int)(sorted.Count * 0.99)]:0.00} ms";

    // Warm up the JIT and the searcher before measuring.
    foreach (var q in queries)
    {
        await index.SearchAsync(new SearchRequest(q, "ar", [], filters, ["type", "city"], 0, 10), CancellationToken.None);
    }
    var search = await Run(n => index.SearchAsync(new SearchRequest(queries[n % queries.Length], "ar", [], filters, ["type", "city"], 0, 10), CancellationToken.None));
    Console.WriteLine($"search, {Clients} clients, facets type+city: {Describe(search, seconds)}");
    var suggest = await Run(n => index.SuggestAsync(prefixes[n % prefixes.Length], "ar", 10, CancellationToken.None));
    Console.WriteLine($"suggest, {Clients} clients: {Describe(suggest, seconds)}");
}
finally
{
    Directory.Delete(folder, recursive: true);
}
