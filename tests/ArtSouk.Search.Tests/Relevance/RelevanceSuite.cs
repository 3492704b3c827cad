using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ArtSouk.Search.Lucene;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Ar;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ArtSouk.Search.Tests.Relevance;

public sealed record CorpusText(string Title, string Body);

public sealed record CorpusDocument(string Id, string Type, CorpusText? Ar, CorpusText? En, string?[]? City, string? Category, int? Year, string? Names);

public sealed record JudgedQuery(string Category, string Q, string[] Relevant);

public sealed record Metrics(int Queries, double SuccessAt5, double Mrr, double RecallAt10);

/// <summary>
/// The judged bilingual corpus (<c>corpus.json</c>, <c>queries.json</c>, made by <c>make-corpus.py</c>), run against our
/// analysis on the Lucene adapter and against stock Lucene ArabicAnalyzer/EnglishAnalyzer (Elasticsearch's stock
/// <c>arabic</c> and <c>english</c> chains) in the same run.
/// </summary>
public static class RelevanceSuite
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowReadingFromString };

    public static IReadOnlyList<CorpusDocument> Corpus() =>
        JsonSerializer.Deserialize<CorpusFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Relevance", "corpus.json")), Json)!.Documents;

    public static IReadOnlyList<JudgedQuery> Queries() =>
        JsonSerializer.Deserialize<QueryFile>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Relevance", "queries.json")), Json)!.Queries;

    private sealed record CorpusFile(List<CorpusDocument> Documents);

    private sealed record QueryFile(List<JudgedQuery> Queries);

    public static Guid IdOf(string key) => new(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    public static SearchDocument ToSearchDocument(CorpusDocument d)
    {
        SearchText? Text(CorpusText? t, string locale, string? city) => t is null ? null
            : new SearchText(t.Title, t.Body, d.Names ?? "", d.Id, $"/{locale}/{d.Type}/{d.Id}", city, null, null);
        return new SearchDocument(IdOf(d.Id), d.Type, Text(d.Ar, "ar", d.City?[0]), Text(d.En, "en", d.City?.ElementAtOrDefault(1)), d.Category, d.Year);
    }

    /// <summary>Ranked corpus ids for each query, from our index.</summary>
    public static async Task<Dictionary<JudgedQuery, List<string>>> RunOursAsync(IReadOnlyList<CorpusDocument> corpus, IReadOnlyList<JudgedQuery> queries, string folder)
    {
        using var index = new LuceneSearchIndex(folder);
        await index.OpenAsync(CancellationToken.None);
        await index.UpsertAsync(corpus.Select(ToSearchDocument).ToList(), CancellationToken.None);
        var byId = corpus.ToDictionary(d => IdOf(d.Id), d => d.Id);
        var results = new Dictionary<JudgedQuery, List<string>>();
        foreach (var query in queries)
        {
            var locale = TextIsArabic(query.Q) ? "ar" : "en";
            var found = await index.SearchAsync(new SearchRequest(query.Q, locale, [], new Dictionary<string, IReadOnlyList<string>>(), [], 0, 10), CancellationToken.None);
            results[query] = found.Items.Select(h => byId[h.Id]).ToList();
        }
        return results;
    }

    /// <summary>Ranked corpus ids from the stock chains: Arabic fields through ArabicAnalyzer, English through EnglishAnalyzer.</summary>
    public static Dictionary<JudgedQuery, List<string>> RunStock(IReadOnlyList<CorpusDocument> corpus, IReadOnlyList<JudgedQuery> queries)
    {
        const LuceneVersion version = LuceneVersion.LUCENE_48;
        using var arabic = new ArabicAnalyzer(version);
        using var english = new EnglishAnalyzer(version);
        using var analyzer = new PerFieldAnalyzerWrapper(english, new Dictionary<string, Analyzer>
        {
            ["title_ar"] = arabic, ["body_ar"] = arabic, ["names_ar"] = arabic,
        });
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(version, analyzer)))
        {
            foreach (var d in corpus)
            {
                var doc = new Document { new StringField("id", d.Id, Field.Store.YES) };
                foreach (var (suffix, text) in new[] { ("ar", d.Ar), ("en", d.En) })
                {
                    if (text is not null)
                    {
                        doc.Add(new TextField("title_" + suffix, text.Title, Field.Store.NO));
                        doc.Add(new TextField("body_" + suffix, text.Body, Field.Store.NO));
                        doc.Add(new TextField("names_" + suffix, (d.Names ?? "") + " " + string.Join(' ', d.City ?? []), Field.Store.NO));
                    }
                }
                writer.AddDocument(doc);
            }
            writer.Commit();
        }
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var results = new Dictionary<JudgedQuery, List<string>>();
        foreach (var query in queries)
        {
            var bool_ = new BooleanQuery();
            foreach (var (suffix, chain) in new[] { ("ar", (Analyzer)arabic), ("en", english) })
            {
                foreach (var (field, boost) in new[] { ("title_", 3f), ("body_", 1f), ("names_", 1f) })
                {
                    foreach (var term in Terms(chain, field + suffix, query.Q))
                    {
                        bool_.Add(new TermQuery(new Term(field + suffix, term)) { Boost = boost }, Occur.SHOULD);
                    }
                }
            }
            results[query] = bool_.Clauses.Count == 0 ? [] : searcher.Search(bool_, 10).ScoreDocs.Select(s => searcher.Doc(s.Doc).Get("id", CultureInfo.InvariantCulture)!).ToList();
        }
        return results;
    }

    private static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }

    private static bool TextIsArabic(string text) => text.Any(c => c is >= '\u0600' and <= '\u06FF');

    public static Metrics Measure(IEnumerable<KeyValuePair<JudgedQuery, List<string>>> results)
    {
        var list = results.ToList();
        if (list.Count == 0)
        {
            return new Metrics(0, 0, 0, 0);
        }
        double success = 0, mrr = 0, recall = 0;
        foreach (var (query, ranked) in list)
        {
            var first = ranked.FindIndex(query.Relevant.Contains);
            success += first is >= 0 and < 5 ? 1 : 0;
            mrr += first >= 0 ? 1.0 / (first + 1) : 0;
            recall += (double)ranked.Take(10).Count(query.Relevant.Contains) / query.Relevant.Length;
        }
        return new Metrics(list.Count, success / list.Count, mrr / list.Count, recall / list.Count);
    }

    public static string Report(Dictionary<JudgedQuery, List<string>> ours, Dictionary<JudgedQuery, List<string>> stock)
    {
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"{"category",-20} {"n",3} | {"ours s@5",8} {"MRR",5} {"R@10",5} | {"stock s@5",9} {"MRR",5} {"R@10",5}");
        foreach (var category in ours.Keys.Select(q => q.Category).Distinct().Append("overall"))
        {
            var o = Measure(ours.Where(r => category == "overall" || r.Key.Category == category));
            var s = Measure(stock.Where(r => category == "overall" || r.Key.Category == category));
            report.AppendLine(CultureInfo.InvariantCulture, $"{category,-20} {o.Queries,3} | {o.SuccessAt5,8:0.00} {o.Mrr,5:0.00} {o.RecallAt10,5:0.00} | {s.SuccessAt5,9:0.00} {s.Mrr,5:0.00} {s.RecallAt10,5:0.00}");
        }
        return report.ToString();
    }
}
