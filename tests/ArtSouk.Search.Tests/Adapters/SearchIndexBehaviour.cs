using ArtSouk.Search.Elasticsearch;
using ArtSouk.Search.Lucene;
using ArtSouk.Search.Tests.Elasticsearch;
using ArtSouk.Search.Tests.Relevance;

namespace ArtSouk.Search.Tests.Adapters;

/// <summary>
/// What every <see cref="ISearchIndex"/> adapter must do, run against each: the Lucene adapter on disk, and the
/// Elasticsearch adapter through the official client against <see cref="FakeElasticsearch"/>. The judged corpus is
/// the content.
/// </summary>
public abstract class SearchIndexBehaviour : IAsyncLifetime
{
    private static readonly Dictionary<string, IReadOnlyList<string>> NoFilters = [];

    protected ISearchIndex Index { get; private set; } = null!;

    protected abstract Task<ISearchIndex> CreateAsync();

    public async ValueTask InitializeAsync()
    {
        Index = await CreateAsync();
        await Index.OpenAsync(CancellationToken.None);
        await Index.UpsertAsync(RelevanceSuite.Corpus().Select(RelevanceSuite.ToSearchDocument).ToList(), CancellationToken.None);
    }

    public virtual ValueTask DisposeAsync()
    {
        (Index as IDisposable)?.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<SearchResult> SearchAsync(string q, string locale = "ar", IReadOnlyList<string>? types = null,
        Dictionary<string, IReadOnlyList<string>>? filters = null, IReadOnlyList<string>? facets = null, int limit = 10) =>
        Index.SearchAsync(new SearchRequest(q, locale, types ?? [], filters ?? NoFilters, facets ?? [], 0, limit), CancellationToken.None);

    private static Guid Id(string key) => RelevanceSuite.IdOf(key);

    [Fact]
    public async Task An_arabic_name_ranks_its_artist_first()
    {
        var result = await SearchAsync("نوف الحربي");
        Assert.Equal(Id("a01"), result.Items[0].Id);
    }

    [Fact]
    public async Task A_transliterated_name_with_a_typo_finds_the_artist_and_shows_the_english_title()
    {
        var result = await SearchAsync("Nuf Alharbi", "en");
        Assert.Equal("Nouf Al-Harbi", result.Items[0].Title);
    }

    [Fact]
    public async Task An_english_spelling_finds_the_arabic_name()
    {
        var result = await SearchAsync("Mohamed Kahtani", "ar");
        Assert.Equal("محمد القحطاني", result.Items[0].Title);
    }

    [Fact]
    public async Task Arabic_plural_and_prefixed_forms_meet_the_same_word()
    {
        var plural = await SearchAsync("الفنانون");
        var prefixed = await SearchAsync("والفنان");
        Assert.NotEmpty(plural.Items);
        Assert.Contains(plural.Items[0].Id, prefixed.Items.Select(i => i.Id));
        Assert.Contains(prefixed.Items[0].Id, plural.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Snippets_mark_the_matched_words()
    {
        var result = await SearchAsync("الرياض");
        Assert.Contains(result.Items, i => i.Snippet.Contains("<mark>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Type_facet_counts_add_up_to_the_total_and_the_type_filter_keeps_only_that_type()
    {
        var all = await SearchAsync("Riyadh", "en", facets: ["type"]);
        Assert.Equal(all.Total, all.Facets["type"].Sum(f => f.Count));
        var artists = await SearchAsync("Riyadh", "en", types: ["artist"]);
        Assert.All(artists.Items, i => Assert.Equal("artist", i.Type));
        Assert.Equal(all.Facets["type"].Single(f => f.Value == "artist").Count, artists.Total);
    }

    [Fact]
    public async Task City_facet_is_counted_in_the_locale_asked_and_a_city_filter_narrows_to_it()
    {
        var arabic = await SearchAsync("فن", facets: ["city"]);
        var english = await SearchAsync("art", "en", facets: ["city"]);
        Assert.Contains(arabic.Facets["city"], f => f.Value == "الرياض");
        Assert.Contains(english.Facets["city"], f => f.Value == "Riyadh");
        var inJeddah = await SearchAsync("painting", "en", filters: new() { ["city"] = ["Jeddah"] }, facets: ["city"]);
        Assert.All(inJeddah.Facets["city"], f => Assert.Equal("Jeddah", f.Value));
    }

    /// <summary>Four listed works under one made-up title word, at 3,000, 5,000, 45,000 and 250,000 SAR.</summary>
    private async Task<Guid[]> ListedWorksAsync()
    {
        (long Sar, string Availability)[] listings = [(3_000, "available"), (5_000, "sold"), (45_000, "available"), (250_000, "not_for_sale")];
        var works = listings.Select((l, i) => new SearchDocument(Id("listed-" + i), "artwork",
            new SearchText($"زمرد {i}", "", "", $"zumurrud-{i}", $"/ar/artworks/zumurrud-{i}", null, null, null),
            new SearchText($"Zumurrud {i}", "", "", $"zumurrud-{i}", $"/en/artworks/zumurrud-{i}", null, null, null),
            null, 2020, new SearchListing(l.Sar * 100, l.Availability))).ToList();
        await Index.UpsertAsync(works, CancellationToken.None);
        return [.. works.Select(w => w.Id)];
    }

    [Fact]
    public async Task Price_bands_are_counted_and_a_band_sent_back_as_a_price_filter_keeps_what_it_counted()
    {
        await ListedWorksAsync();
        var all = await SearchAsync("Zumurrud", "en", facets: ["price"]);
        Assert.Equal(["0-5000:1", "5000-20000:1", "20000-100000:1", "100000-:1"],
            all.Facets["price"].OrderBy(f => long.Parse(f.Value.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).Select(f => $"{f.Value}:{f.Count}"));
        var band = await SearchAsync("Zumurrud", "en", filters: new() { ["price"] = ["5000-20000"] });
        Assert.Equal(Id("listed-1"), Assert.Single(band.Items).Id);
    }

    [Fact]
    public async Task A_price_range_keeps_the_works_priced_from_its_minimum_up_to_below_its_maximum()
    {
        await ListedWorksAsync();
        var range = await SearchAsync("Zumurrud", "en", filters: new() { ["price"] = ["3000-45000"] });
        Assert.Equal(new[] { Id("listed-0"), Id("listed-1") }.Order(), range.Items.Select(i => i.Id).Order());
        var open = await SearchAsync("Zumurrud", "en", filters: new() { ["price"] = ["45000-"] });
        Assert.Equal(new[] { Id("listed-2"), Id("listed-3") }.Order(), open.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Availability_is_counted_and_filtered_and_unlisted_entries_have_none()
    {
        await ListedWorksAsync();
        var all = await SearchAsync("Zumurrud", "en", facets: ["availability"]);
        Assert.Equal(["available:2", "not_for_sale:1", "sold:1"], all.Facets["availability"].Select(f => $"{f.Value}:{f.Count}").Order(StringComparer.Ordinal));
        var forSale = await SearchAsync("Zumurrud", "en", filters: new() { ["availability"] = ["not_for_sale"] });
        Assert.Equal(Id("listed-3"), Assert.Single(forSale.Items).Id);
        var unlisted = await SearchAsync("نوف الحربي", facets: ["availability", "price"]);
        Assert.Empty(unlisted.Facets["availability"]);
        Assert.Empty(unlisted.Facets["price"]);
    }

    [Fact]
    public async Task A_work_indexed_again_with_a_new_price_moves_to_its_new_band()
    {
        var ids = await ListedWorksAsync();
        await Index.UpsertAsync([new SearchDocument(ids[0], "artwork", null,
            new SearchText("Zumurrud 0", "", "", "zumurrud-0", "/en/artworks/zumurrud-0", null, null, null), null, 2020,
            new SearchListing(150_000 * 100, "available"))], CancellationToken.None);
        var top = await SearchAsync("Zumurrud", "en", filters: new() { ["price"] = ["100000-"] });
        Assert.Equal(new[] { ids[0], ids[3] }.Order(), top.Items.Select(i => i.Id).Order());
        var under = await SearchAsync("Zumurrud", "en", filters: new() { ["price"] = ["0-5000"] });
        Assert.Empty(under.Items);
    }

    [Fact]
    public async Task Paging_continues_where_the_first_page_ended()
    {
        var first = await Index.SearchAsync(new SearchRequest("art", "en", [], NoFilters, [], 0, 3), CancellationToken.None);
        var second = await Index.SearchAsync(new SearchRequest("art", "en", [], NoFilters, [], 3, 3), CancellationToken.None);
        Assert.True(first.Total > 6, $"{first.Total} hits");
        Assert.Empty(first.Items.Select(i => i.Id).Intersect(second.Items.Select(i => i.Id)));
    }

    [Fact]
    public async Task A_deleted_entry_is_no_longer_found_and_deleting_it_again_is_harmless()
    {
        await Index.DeleteAsync(Id("a01"), CancellationToken.None);
        await Index.DeleteAsync(Id("a01"), CancellationToken.None);
        var result = await SearchAsync("نوف الحربي");
        Assert.DoesNotContain(result.Items, i => i.Id == Id("a01"));
        Assert.Equal(RelevanceSuite.Corpus().Count - 1, await Index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Upserting_an_entry_again_replaces_it()
    {
        var changed = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        changed = changed with { English = changed.English! with { Title = "Nouf Al-Harbi Renamed" } };
        await Index.UpsertAsync([changed], CancellationToken.None);
        var result = await SearchAsync("Renamed", "en");
        Assert.Equal("Nouf Al-Harbi Renamed", Assert.Single(result.Items).Title);
        Assert.Equal(RelevanceSuite.Corpus().Count, await Index.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_search_asked_before_a_change_is_answered_afresh_after_it()
    {
        var changed = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        changed = changed with { English = changed.English! with { Title = "Nouf Al-Harbi Xylobrandt" } };
        Assert.Empty((await SearchAsync("Xylobrandt", "en")).Items);
        Assert.Empty(await Index.SuggestAsync("Xylobr", "en", 10, CancellationToken.None));
        await Index.UpsertAsync([changed], CancellationToken.None);
        Assert.Equal(changed.Id, Assert.Single((await SearchAsync("Xylobrandt", "en")).Items).Id);
        Assert.Contains(await Index.SuggestAsync("Xylobr", "en", 10, CancellationToken.None), s => s.Id == changed.Id);
        await Index.DeleteAsync(changed.Id, CancellationToken.None);
        Assert.Empty((await SearchAsync("Xylobrandt", "en")).Items);
    }

    [Fact]
    public async Task Suggestions_complete_a_prefix_in_the_script_typed_with_the_other_beside_it()
    {
        var arabic = await Index.SuggestAsync("نو", "ar", 10, CancellationToken.None);
        var latin = await Index.SuggestAsync("nou", "en", 10, CancellationToken.None);
        Assert.Contains(arabic, s => s.Text == "نوف الحربي" && s.Alternate == "Nouf Al-Harbi");
        Assert.Contains(latin, s => s.Text == "Nouf Al-Harbi" && s.Alternate == "نوف الحربي");
    }

    [Fact]
    public async Task A_suggestion_for_a_second_word_being_typed_puts_the_whole_name_first()
    {
        var suggestions = await Index.SuggestAsync("نوف الح", "ar", 10, CancellationToken.None);
        Assert.Equal("نوف الحربي", suggestions[0].Text);
    }

    [Fact]
    public async Task A_deleted_entry_is_no_longer_suggested()
    {
        Assert.Contains(await Index.SuggestAsync("نوف", "ar", 10, CancellationToken.None), s => s.Id == Id("a01"));
        await Index.DeleteAsync(Id("a01"), CancellationToken.None);
        Assert.DoesNotContain(await Index.SuggestAsync("نوف", "ar", 10, CancellationToken.None), s => s.Id == Id("a01"));
    }

    [Fact]
    public async Task State_and_access_filters_keep_only_the_editors_entries_that_carry_them()
    {
        var owner = Guid.NewGuid();
        var source = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        SearchDocument Named(string ar, string en, SearchEditorial editorial) => source with
        {
            Id = Guid.NewGuid(), Arabic = source.Arabic! with { Title = ar }, English = source.English! with { Title = en }, Editorial = editorial,
        };
        var draft = Named("لميس الغامدي", "Lamees Al-Ghamdi", new(["in_review", "draft"], ["type:artist", $"artist:{owner:N}"]));
        var live = Named("لميس الغامدي الثانية", "Lamees Al-Ghamdi II", new(["published"], ["type:artist"]));
        await Index.UpsertAsync([draft, live], CancellationToken.None);

        async Task<List<Guid>> Found(Dictionary<string, IReadOnlyList<string>> filters) =>
            (await SearchAsync("Lamis Alghamdi", "en", filters: filters)).Items.Select(i => i.Id).Where(id => id == draft.Id || id == live.Id).ToList();

        Assert.Equal([draft.Id], await Found(new() { ["state"] = ["in_review"] }));
        Assert.Equal([live.Id], await Found(new() { ["state"] = ["published"], ["access"] = ["type:artist"] }));
        Assert.Equal([draft.Id], await Found(new() { ["access"] = [$"artist:{owner:N}", "type:event"] }));
        Assert.Empty(await Found(new() { ["access"] = ["type:artwork", $"artwork:{owner:N}"] }));
        Assert.Equal(2, (await Found(new() { ["access"] = ["type:artist"] })).Count);
    }

    [Fact]
    public async Task A_suggestion_needs_every_word_typed()
    {
        var suggestions = await Index.SuggestAsync("نوف القح", "ar", 10, CancellationToken.None);
        Assert.DoesNotContain(suggestions, s => s.Text is "نوف الحربي" or "محمد القحطاني");
    }

    [Fact]
    public async Task A_rebuild_replaces_the_content_and_search_answers_from_the_new_index()
    {
        var one = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a02"));
        var reported = new List<int>();
        await Index.RebuildAsync(Single(one), new Progress<int>(reported.Add), CancellationToken.None);
        Assert.Equal(1, await Index.CountAsync(CancellationToken.None));
        Assert.Empty((await SearchAsync("نوف الحربي")).Items);
        Assert.Equal(one.Id, (await SearchAsync("محمد القحطاني")).Items[0].Id);
    }

    [Fact]
    public async Task A_change_made_while_a_rebuild_runs_is_in_the_rebuilt_index()
    {
        var release = new TaskCompletionSource();
        var added = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a03"));
        var late = added with { Id = Guid.NewGuid(), Arabic = added.Arabic! with { Title = "ريم السديري" }, English = added.English! with { Title = "Reem Al-Sudairi" } };
        var started = new TaskCompletionSource();
        var rebuild = Index.RebuildAsync(Held(added, started, release.Task), null, CancellationToken.None);
        await started.Task;
        // Live meanwhile: the old content still answers, and a change goes to both indexes.
        Assert.Equal(Id("a01"), (await SearchAsync("نوف الحربي")).Items[0].Id);
        await Index.UpsertAsync([late], CancellationToken.None);
        release.SetResult();
        await rebuild;
        Assert.Equal(2, await Index.CountAsync(CancellationToken.None));
        Assert.Equal(late.Id, (await SearchAsync("Reem Al-Sudairi", "en")).Items[0].Id);
    }

    private static async IAsyncEnumerable<SearchDocument> Single(SearchDocument document)
    {
        await Task.Yield();
        yield return document;
    }

    private static async IAsyncEnumerable<SearchDocument> Held(SearchDocument document, TaskCompletionSource started, Task until)
    {
        started.SetResult();
        yield return document;
        await until;
    }
}

public sealed class LuceneSearchIndexTests : SearchIndexBehaviour
{
    private readonly string _folder = Directory.CreateTempSubdirectory("artsouk-lucene-").FullName;

    protected override Task<ISearchIndex> CreateAsync() => Task.FromResult<ISearchIndex>(new LuceneSearchIndex(_folder));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_rebuild_analyses_on_threads_of_its_own_and_leaves_the_pool_to_requests()
    {
        // Two builds at a start (both indexes empty) on pool threads held every one of them for seconds, and requests
        // waited for the pool to add threads. Progress is reported from the analysing thread, every 1,000 documents.
        var template = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        var documents = Enumerable.Range(0, 1000).Select(_ => template with { Id = Guid.NewGuid() }).ToList();
        var reporters = new ThreadsReporting();
        await Index.RebuildAsync(documents.ToAsyncEnumerable(), reporters, CancellationToken.None);
        Assert.Equal(1000, await Index.CountAsync(CancellationToken.None));
        // The first report is the worker's; the last, the build's own once it is done, comes from the caller's thread.
        Assert.True(reporters.Threads.TryPeek(out var worker));
        Assert.False(worker, "a rebuild's worker ran on a thread-pool thread");
    }

    /// <summary>Reports in line, on the reporting thread, whether that thread is one of the pool's.</summary>
    private sealed class ThreadsReporting : IProgress<int>
    {
        public System.Collections.Concurrent.ConcurrentQueue<bool> Threads { get; } = [];

        public void Report(int value) => Threads.Enqueue(Thread.CurrentThread.IsThreadPoolThread);
    }

    [Fact]
    public async Task Suggestions_ranked_from_kept_postings_are_the_ones_scored_in_full()
    {
        var index = (LuceneSearchIndex)Index;
        index.CacheAnswers = false;
        // A second segment and a deletion in the first, as a refreshed reader holds them.
        var renamed = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        await index.UpsertAsync([renamed with { English = renamed.English! with { Title = "Nouf Al-Harbi Studio" } }], CancellationToken.None);
        await index.DeleteAsync(RelevanceSuite.IdOf("a02"), CancellationToken.None);
        // Every prefix of every title as typed, in both scripts, whole words and the next being typed.
        var typed = RelevanceSuite.Corpus().SelectMany(d => new[] { d.Ar?.Title, d.En?.Title, d.Names }).OfType<string>()
            .SelectMany(text => Enumerable.Range(1, text.Length).Select(n => text[..n])).Distinct(StringComparer.Ordinal).ToList();
        var differing = new List<string>();
        foreach (var q in typed)
        {
            foreach (var locale in new[] { "ar", "en" })
            {
                index.RankedSuggest = false;
                var scored = await index.SuggestAsync(q, locale, 10, CancellationToken.None);
                index.RankedSuggest = true;
                if (!scored.SequenceEqual(await index.SuggestAsync(q, locale, 10, CancellationToken.None)))
                {
                    differing.Add($"{q} ({locale})");
                }
            }
        }
        Assert.Empty(differing);
    }

    [Fact]
    public async Task Exact_phrases_scored_from_positions_score_as_lucenes_phrase_scorer()
    {
        var index = (LuceneSearchIndex)Index;
        index.CacheAnswers = false;
        var renamed = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        await index.UpsertAsync([renamed with { English = renamed.English! with { Title = "Nouf Al-Harbi Studio" } }], CancellationToken.None);
        await index.DeleteAsync(RelevanceSuite.IdOf("a02"), CancellationToken.None);
        // Every title and name as typed (the phrases rank them), and every judged query.
        var queries = RelevanceSuite.Corpus().SelectMany(d => new[] { d.Ar?.Title, d.En?.Title, d.Names }).OfType<string>()
            .Concat(RelevanceSuite.Queries().Select(q => q.Q)).Where(q => q.Contains(' ', StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        var differing = new List<string>();
        foreach (var q in queries)
        {
            var request = new SearchRequest(q, "ar", [], new Dictionary<string, IReadOnlyList<string>>(), [], 0, 20);
            index.PhrasesFromPositions = false;
            var scored = await index.SearchAsync(request, CancellationToken.None);
            index.PhrasesFromPositions = true;
            var fromPositions = await index.SearchAsync(request, CancellationToken.None);
            if (!scored.Items.Select(i => (i.Id, i.Score)).SequenceEqual(fromPositions.Items.Select(i => (i.Id, i.Score))))
            {
                differing.Add(q);
            }
        }
        Assert.NotEmpty(queries);
        Assert.Empty(differing);
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task A_completed_rebuild_leaves_a_mark_of_its_start_that_later_writes_and_a_reopen_keep()
    {
        var folder = Directory.CreateTempSubdirectory("artsouk-lucene-mark-").FullName;
        var from = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);
        var document = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        using (var index = new LuceneSearchIndex(folder, clock: new StoppedClock(from)))
        {
            await index.OpenAsync(CancellationToken.None);
            Assert.Null(await index.RebuiltFromAsync(CancellationToken.None));
            await index.RebuildAsync(new[] { document }.ToAsyncEnumerable(), null, CancellationToken.None);
            await index.UpsertAsync([document with { Id = Guid.NewGuid() }], CancellationToken.None);
        }

        using var reopened = new LuceneSearchIndex(folder);
        await reopened.OpenAsync(CancellationToken.None);

        Assert.Equal(from, await reopened.RebuiltFromAsync(CancellationToken.None));
        Assert.Equal(2, await reopened.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_rebuild_cut_short_leaves_the_mark_of_the_one_before()
    {
        var folder = Directory.CreateTempSubdirectory("artsouk-lucene-mark-").FullName;
        var first = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);
        var document = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        using (var index = new LuceneSearchIndex(folder, clock: new StoppedClock(first)))
        {
            await index.RebuildAsync(new[] { document }.ToAsyncEnumerable(), null, CancellationToken.None);
        }
        using (var index = new LuceneSearchIndex(folder, clock: new StoppedClock(first.AddHours(1))))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => index.RebuildAsync(Failing(document), null, CancellationToken.None));
        }

        using var reopened = new LuceneSearchIndex(folder);
        await reopened.OpenAsync(CancellationToken.None);

        Assert.Equal(first, await reopened.RebuiltFromAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Generations_made_in_the_same_instant_keep_folders_of_their_own()
    {
        // A stopped clock makes the live generation and both rebuilds in one millisecond: a rebuild that shared the live
        // folder could not take its write lock, and a failed one would delete the live index with its own folder.
        var folder = Directory.CreateTempSubdirectory("artsouk-lucene-instant-").FullName;
        var document = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        using var index = new LuceneSearchIndex(folder, clock: new StoppedClock(new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero)));
        await index.OpenAsync(CancellationToken.None);
        await index.UpsertAsync([document], CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => index.RebuildAsync(Failing(document with { Id = Guid.NewGuid() }), null, CancellationToken.None));
        Assert.Equal(1, await index.CountAsync(CancellationToken.None));
        Assert.Single(Directory.GetDirectories(folder));
        await index.RebuildAsync(new[] { document, document with { Id = Guid.NewGuid() } }.ToAsyncEnumerable(), null, CancellationToken.None);

        Assert.Equal(2, await index.CountAsync(CancellationToken.None));
    }

    private static async IAsyncEnumerable<SearchDocument> Failing(SearchDocument document)
    {
        yield return document;
        await Task.Yield();
        throw new InvalidOperationException("the content store went away");
    }

    [Fact]
    public async Task An_entry_too_long_for_its_shown_doc_value_shows_its_stored_fields()
    {
        var source = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a01"));
        // Over Lucene's 32 kB bound for one binary doc value: the hit is read from its stored fields instead.
        var body = string.Join(' ', Enumerable.Repeat("صحراء", 8_000)) + " زمردية";
        var longer = source with { Id = Guid.NewGuid(), Arabic = source.Arabic! with { Body = body, Slug = "long-entry" } };
        await Index.UpsertAsync([longer], CancellationToken.None);
        var hit = Assert.Single((await Index.SearchAsync(new SearchRequest("زمردية", "ar", [], new Dictionary<string, IReadOnlyList<string>>(), [], 0, 10),
            CancellationToken.None)).Items);
        Assert.Equal((longer.Id, "long-entry", source.Arabic!.Title), (hit.Id, hit.Slug, hit.Title));
        Assert.Contains("<mark>زمردية</mark>", hit.Snippet, StringComparison.Ordinal);
    }
}

public sealed class ElasticsearchSearchIndexTests : SearchIndexBehaviour
{
    private FakeElasticsearch? _server;

    protected override async Task<ISearchIndex> CreateAsync()
    {
        _server = await FakeElasticsearch.StartAsync();
        var options = new SearchOptions { Provider = SearchProvider.Elasticsearch, ElasticsearchUrl = _server.Url, ElasticsearchIndex = "artsouk" };
        return new ElasticsearchSearchIndex(ElasticsearchSearchIndex.Client(options), options.ElasticsearchIndex, TimeProvider.System);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public void Opening_creates_an_index_behind_the_alias_with_our_forms_mapped_whitespace_and_nothing_dynamic()
    {
        var index = Assert.Single(_server!.IndicesBehind("artsouk"));
        Assert.StartsWith("artsouk-", index, StringComparison.Ordinal);
        var mapping = _server.MappingOf(index)!;
        Assert.Equal("false", mapping["dynamic"]!.ToString());
        Assert.Equal("whitespace", mapping["properties"]!["tx"]!["analyzer"]!.GetValue<string>());
        Assert.Equal("keyword", mapping["properties"]!["f_city"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_editors_index_has_its_own_alias_beside_the_public_one_and_rebuilding_it_leaves_the_public_one_alone()
    {
        var options = new SearchOptions { Provider = SearchProvider.Elasticsearch, ElasticsearchUrl = _server!.Url, ElasticsearchIndex = "artsouk" };
        using var editors = new ElasticsearchSearchIndex(ElasticsearchSearchIndex.Client(options), "artsouk-editors", TimeProvider.System);
        var live = Assert.Single(_server.IndicesBehind("artsouk"));
        var draft = RelevanceSuite.ToSearchDocument(RelevanceSuite.Corpus().Single(d => d.Id == "a02")) with { Editorial = new(["draft"], ["type:artist"]) };

        await editors.OpenAsync(CancellationToken.None);
        await editors.RebuildAsync(new[] { draft }.ToAsyncEnumerable(), null, CancellationToken.None);

        Assert.Equal(live, Assert.Single(_server.IndicesBehind("artsouk")));
        var behind = Assert.Single(_server.IndicesBehind("artsouk-editors"));
        Assert.Equal("keyword", _server.MappingOf(behind)!["properties"]!["f_state"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", _server.MappingOf(behind)!["properties"]!["f_access"]!["type"]!.GetValue<string>());
        Assert.Equal(1, await editors.CountAsync(CancellationToken.None));
        Assert.Equal(RelevanceSuite.Corpus().Count, await Index.CountAsync(CancellationToken.None));
        var found = await editors.SearchAsync(new SearchRequest("محمد القحطاني", "ar", [], new Dictionary<string, IReadOnlyList<string>> { ["state"] = ["draft"] }, [], 0, 10),
            CancellationToken.None);
        Assert.Equal(draft.Id, Assert.Single(found.Items).Id);
    }

    [Fact]
    public async Task Opening_again_finds_the_alias_and_creates_nothing()
    {
        var before = _server!.AllIndices();
        await Index.OpenAsync(CancellationToken.None);
        Assert.Equal(before, _server.AllIndices());
    }

    [Fact]
    public async Task A_rebuild_moves_the_alias_in_one_call_and_the_old_index_goes()
    {
        var old = Assert.Single(_server!.IndicesBehind("artsouk"));
        await Task.Delay(5); // index names carry the millisecond
        await Index.RebuildAsync(RelevanceSuite.Corpus().Select(RelevanceSuite.ToSearchDocument).ToAsyncEnumerable(), null, CancellationToken.None);
        var current = Assert.Single(_server.IndicesBehind("artsouk"));
        Assert.NotEqual(old, current);
        Assert.DoesNotContain(old, _server.AllIndices());
        Assert.Contains("POST /_aliases", _server.Requests);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_as_a_search_index_failure()
    {
        await _server!.DisposeAsync();
        await Assert.ThrowsAsync<SearchIndexException>(() => Index.CountAsync(CancellationToken.None));
    }
}
