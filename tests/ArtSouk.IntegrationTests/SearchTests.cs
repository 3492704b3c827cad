using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using ArtSouk.Search;
using ArtSouk.Search.Indexing;
using ArtSouk.Search.Lucene;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Search through HTTP on a seeded host: the first build, ranking across scripts, facets, paging, live updates and refusals.</summary>
public sealed class SearchTests(SqliteHost host) : IClassFixture<SqliteHost>
{
    private HttpClient Anonymous => host.Anonymous;

    private static string Q(string text) => Uri.EscapeDataString(text);

    /// <summary>The first build runs in the background after start-up; wait for it (bounded) before asking.</summary>
    private async Task<JsonObject> SearchAsync(string query)
    {
        await host.SearchSettledAsync();
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var response = await Anonymous.GetAsync("/api/v1/search?" + query);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if (body["total"]!.GetValue<int>() > 0 || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                return body;
            }
            await Task.Delay(250);
        }
    }

    private async Task<JsonObject> SearchUntilAsync(string query, Func<JsonObject, bool> done, TimeSpan within)
    {
        var watch = Stopwatch.StartNew();
        JsonObject body;
        do
        {
            body = (await Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/search?" + query))!;
            if (done(body))
            {
                return body;
            }
            await Task.Delay(100);
        }
        while (watch.Elapsed < within);
        return body;
    }

    private static List<string> Titles(JsonObject body) => body["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ToList();

    [Fact]
    public void The_public_and_editors_indexes_pass_one_gate_as_wide_as_the_cores()
    {
        var services = host.App.Services;
        var visitors = Assert.IsType<LuceneSearchIndex>(services.GetRequiredService<ISearchIndex>());
        var editors = Assert.IsType<LuceneSearchIndex>(services.GetRequiredKeyedService<ISearchIndex>(Audience.Editors));

        Assert.NotNull(visitors.Gate);
        Assert.Same(visitors.Gate, editors.Gate);
        Assert.Equal(Environment.ProcessorCount, visitors.Gate.Width);
    }

    [Fact]
    public async Task The_seeded_catalogue_is_indexed_at_first_start_and_an_arabic_name_ranks_its_artist_first()
    {
        var body = await SearchAsync($"q={Q("نوف الحربي")}&locale=ar");
        var first = body["items"]![0]!;
        Assert.Equal("artist", first["type"]!.GetValue<string>());
        Assert.Equal("نوف الحربي", first["title"]!.GetValue<string>());
        Assert.StartsWith("/ar/artists/", first["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transliterated_name_finds_the_artist_in_both_scripts()
    {
        var body = await SearchAsync($"q={Q("Nuf Alharbi")}&locale=en");
        Assert.Equal("Nouf Al-Harbi", Titles(body)[0]);
    }

    [Fact]
    public async Task Snippets_mark_the_words_matched_in_any_form()
    {
        var body = await SearchAsync($"q={Q("الرياض")}&locale=ar&type=artwork");
        Assert.Contains(body["items"]!.AsArray(), i => i!["snippet"]!.GetValue<string>().Contains("<mark>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Type_facet_counts_add_up_to_the_total_and_a_filter_narrows_to_it()
    {
        var body = await SearchAsync($"q={Q("Riyadh")}&locale=en&facets=type,city");
        var types = body["facets"]!["type"]!.AsArray();
        Assert.Equal(body["total"]!.GetValue<int>(), types.Sum(t => t!["count"]!.GetValue<int>()));
        var artworks = types.Single(t => t!["value"]!.GetValue<string>() == "artwork")!["count"]!.GetValue<int>();
        var filtered = await SearchAsync($"q={Q("Riyadh")}&locale=en&filter[type]=artwork");
        Assert.Equal(artworks, filtered["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_city_filter_accepts_the_city_in_either_language()
    {
        var english = await SearchAsync($"q={Q("painting")}&locale=en&filter[city]=Jeddah");
        var arabic = await SearchAsync($"q={Q("painting")}&locale=en&filter[city]={Q("جدة")}");
        Assert.True(english["total"]!.GetValue<int>() > 0);
        Assert.Equal(english["total"]!.GetValue<int>(), arabic["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_cursor_gives_the_next_page_without_repeating_items()
    {
        var first = await SearchAsync($"q={Q("الفن")}&limit=5");
        var next = first["next"]!.GetValue<string>();
        var second = await SearchAsync($"q={Q("الفن")}&limit=5&cursor={next}");
        var ids = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => i!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(10, ids.Distinct().Count());
    }

    [Fact]
    public async Task Suggestions_come_in_the_script_typed_with_the_other_beside_them()
    {
        await SearchAsync($"q={Q("نوف")}");
        var arabic = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/search/suggest?q={Q("نو")}"))!["items"]!.AsArray();
        var latin = (await Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/search/suggest?q=nou&locale=en"))!["items"]!.AsArray();
        Assert.InRange(arabic.Count, 1, 10);
        Assert.Contains(arabic, s => s!["text"]!.GetValue<string>() == "نوف الحربي" && s["alternate"]!.GetValue<string>() == "Nouf Al-Harbi");
        Assert.Contains(latin, s => s!["text"]!.GetValue<string>() == "Nouf Al-Harbi");
    }

    [Fact]
    public async Task A_publish_becomes_searchable_through_the_outbox_and_an_unpublish_or_delete_removes_it()
    {
        await SearchAsync($"q={Q("نوف")}");
        var admin = host.Admin;
        // How soon is a benchmark's business (bench/search-latency.py); here, on a machine the whole suite shares, only
        // that each change arrives, bounded so a lost event fails rather than hangs.
        var bound = TimeSpan.FromSeconds(30);
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new
        {
            fields = new { name = new { ar = "زينب المحيسن", en = "Zainab Al-Muhaisen" } },
            publish = true,
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var found = await SearchUntilAsync($"q={Q("Zeinab Almuhaisin")}", b => b["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == id), bound);
        Assert.Contains(found["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
        // The exact name ranks first (an entry of the same name that another run left behind may share the top).
        Assert.Contains(found["items"]![0]!["title"]!.GetValue<string>(), new[] { "زينب المحيسن", "Zainab Al-Muhaisen" });

        (await admin.PostAsJsonAsync($"/api/v1/manage/content/artist/{id}/unpublish", new { })).EnsureSuccessStatusCode();
        var gone = await SearchUntilAsync($"q={Q("زينب المحيسن")}", b => b["items"]!.AsArray().All(i => i!["id"]!.GetValue<string>() != id), bound);
        Assert.DoesNotContain(gone["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);

        (await admin.PostAsJsonAsync($"/api/v1/manage/content/artist/{id}/publish", new { })).EnsureSuccessStatusCode();
        var back = await SearchUntilAsync($"q={Q("زينب المحيسن")}", b => b["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == id), bound);
        Assert.Contains(back["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
        (await admin.DeleteAsync($"/api/v1/manage/content/artist/{id}")).EnsureSuccessStatusCode();
        var deleted = await SearchUntilAsync($"q={Q("زينب المحيسن")}", b => b["items"]!.AsArray().All(i => i!["id"]!.GetValue<string>() != id), bound);
        Assert.DoesNotContain(deleted["items"]!.AsArray(), i => i!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Renaming_an_artist_reaches_the_artworks_that_name_it()
    {
        await SearchAsync($"q={Q("نوف")}");
        var admin = host.Admin;
        var artist = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new
        {
            fields = new { name = new { ar = "هتان الزامل", en = "Hatan Al-Zamil" } },
            publish = true,
        });
        artist.EnsureSuccessStatusCode();
        var artistId = (await artist.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var artwork = await admin.PostAsJsonAsync("/api/v1/manage/content/artwork", new
        {
            fields = new { title = new { ar = "سكون الظهيرة", en = "Noon Stillness" }, artist = artistId },
            publish = true,
        });
        artwork.EnsureSuccessStatusCode();
        var artworkId = (await artwork.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        bool HasArtwork(JsonObject b) => b["items"]!.AsArray().Any(i => i!["id"]!.GetValue<string>() == artworkId);
        Assert.True(HasArtwork(await SearchUntilAsync($"q={Q("Hatan Zamil")}&type=artwork", HasArtwork, TimeSpan.FromSeconds(60))));

        (await admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{artistId}",
            new { fields = new { name = new { ar = "هتون الزامل", en = "Hatoon Al-Zamil" } }, publish = true })).EnsureSuccessStatusCode();

        var renamed = await SearchUntilAsync($"q={Q("Hatoon Al-Zamil")}&type=artwork", HasArtwork, TimeSpan.FromSeconds(10));
        Assert.True(HasArtwork(renamed), "the artwork is found under its artist's new name");
    }

    [Fact]
    public async Task An_administrator_rebuilds_the_index_from_the_manager_api_and_follows_its_progress()
    {
        await SearchAsync($"q={Q("نوف")}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous.PostAsync("/api/v1/manage/search/reindex", null)).StatusCode);
        var admin = host.Admin;

        var started = await admin.PostAsync("/api/v1/manage/search/reindex", null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("running", (await started.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        var watch = Stopwatch.StartNew();
        JsonObject status;
        do
        {
            await Task.Delay(100);
            status = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/search"))!;
        }
        while (status["state"]!.GetValue<string>() == "running" && watch.Elapsed < TimeSpan.FromSeconds(60));
        Assert.Equal("done", status["state"]!.GetValue<string>());
        // Every published entry was written; the outbox may add one more after the count.
        Assert.InRange(status["indexed"]!.GetValue<int>(), 1, status["documents"]!.GetValue<long>());
        // Search answers from the new index.
        Assert.Equal("نوف الحربي", Titles(await SearchAsync($"q={Q("نوف الحربي")}&locale=ar"))[0]);
    }

    [Theory]
    [InlineData("/api/v1/search?q=", "q")]
    [InlineData("/api/v1/search?q=%20%20%20", "q")]
    [InlineData("/api/v1/search?q=art&facets=colour", "facets")]
    [InlineData("/api/v1/search?q=art&filter[price]=5", "filter[price]")]
    [InlineData("/api/v1/search?q=art&cursor=not-a-cursor", "cursor")]
    [InlineData("/api/v1/search?q=art&limit=500", "limit")]
    [InlineData("/api/v1/search?q=art&type=page", "type")]
    [InlineData("/api/v1/search?q=art&locale=fr", "locale")]
    [InlineData("/api/v1/search/suggest?q=", "q")]
    public async Task Bad_search_input_is_a_400_problem_naming_the_parameter(string url, string parameter)
    {
        var response = await Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("bad-query", problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]![parameter]);
    }

    [Fact]
    public async Task An_over_long_query_is_refused_in_the_requests_language()
    {
        var q = new string('ف', 201);
        var arabic = (await (await Anonymous.GetAsync($"/api/v1/search?q={Q(q)}")).Content.ReadFromJsonAsync<JsonObject>())!;
        var english = (await (await Anonymous.GetAsync($"/api/v1/search?q={Q(q)}&locale=en")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("أطول", arabic["errors"]!["q"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("longer", english["errors"]!["q"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_from_another_search_is_refused()
    {
        var first = await SearchAsync($"q={Q("الفن")}&limit=2");
        var response = await Anonymous.GetAsync($"/api/v1/search?q=Riyadh&limit=2&cursor={first["next"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_includes_the_search_index()
    {
        var health = (await Anonymous.GetFromJsonAsync<JsonObject>("/health/ready"))!;
        Assert.Contains(health["checks"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "search" && c["status"]!.GetValue<string>() == "Healthy");
    }
}
