namespace ArtSouk.Search.Tests.Relevance;

public sealed class RelevanceTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("artsouk-relevance-").FullName;

    [Fact]
    public async Task Our_analysis_finds_the_judged_answers_and_beats_the_stock_analyzers()
    {
        var corpus = RelevanceSuite.Corpus();
        var queries = RelevanceSuite.Queries();
        Assert.True(queries.Count >= 80, $"{queries.Count} judged queries");
        var ours = await RelevanceSuite.RunOursAsync(corpus, queries, _folder);
        var stock = RelevanceSuite.RunStock(corpus, queries);
        var report = RelevanceSuite.Report(ours, stock);
        output.WriteLine(report);
        Console.WriteLine(report);
        var misses = ours.Where(r => !r.Key.Relevant.Intersect(r.Value.Take(5)).Any())
            .Select(r => $"miss [{r.Key.Category}] {r.Key.Q}: expected {string.Join(",", r.Key.Relevant)}, got {string.Join(",", r.Value.Take(5))}").ToList();
        misses.ForEach(output.WriteLine);
        // Kept beside the binaries for a reader of a CI log: TestResults is where they look.
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "relevance-report.txt"), report + string.Join(Environment.NewLine, misses));

        var overall = RelevanceSuite.Measure(ours);
        Assert.True(overall.SuccessAt5 >= 0.90, $"success@5 overall {overall.SuccessAt5:0.00}\n{report}");
        foreach (var category in queries.Select(q => q.Category).Distinct().Where(c => c != "cross-language"))
        {
            var metrics = RelevanceSuite.Measure(ours.Where(r => r.Key.Category == category));
            Assert.True(metrics.SuccessAt5 >= 0.75, $"success@5 for {category} {metrics.SuccessAt5:0.00}\n{report}");
        }
        Assert.True(overall.SuccessAt5 > RelevanceSuite.Measure(stock).SuccessAt5, report);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
    }
}
