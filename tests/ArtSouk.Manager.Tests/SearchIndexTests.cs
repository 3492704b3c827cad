using System.Net;
using ArtSouk.Manager.Administration;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The search index page: documents, the reindex button and the progress it polls over <c>/api/v1/manage/search</c>.</summary>
public sealed class SearchIndexTests : BunitContext
{
    private const string Idle = """{"provider":"Lucene","documents":120,"state":"idle","indexed":0,"startedAt":null,"finishedAt":null}""";
    private const string Running = """{"provider":"Lucene","documents":120,"state":"running","indexed":40,"startedAt":"2026-12-01T09:00:00+00:00","finishedAt":null}""";
    private const string Done = """{"provider":"Lucene","documents":131,"state":"done","indexed":131,"startedAt":"2026-12-01T09:00:00+00:00","finishedAt":"2026-12-01T09:00:05+00:00"}""";

    private readonly FakeApi _api = new();

    [Fact]
    public void The_page_shows_the_documents_in_the_index_and_that_no_rebuild_ran()
    {
        _api.Answer(HttpMethod.Get, "/api/v1/manage/search", HttpStatusCode.OK, Idle).Install(this, "en");
        var page = Render<SearchIndex>();
        page.WaitForElement("[data-state=idle]");
        Assert.Equal("120", page.Find("[data-documents]").TextContent);
        Assert.Equal("Lucene", page.Find("[data-provider]").TextContent);
    }

    [Fact]
    public void Reindex_starts_a_rebuild_shows_its_progress_and_then_that_it_is_done()
    {
        _api.Answer(HttpMethod.Get, "/api/v1/manage/search", HttpStatusCode.OK, Idle)
            .Answer(HttpMethod.Post, "/api/v1/manage/search/reindex", HttpStatusCode.Accepted, Running)
            .Install(this, "ar");
        var page = Render<SearchIndex>();
        page.WaitForElement("[data-state=idle]");
        // What the page reads when it polls after the click (it polls only while a rebuild runs, so not before).
        _api.Answer(HttpMethod.Get, "/api/v1/manage/search", HttpStatusCode.OK, Done);

        page.Find("[data-action=reindex]").Click();

        Assert.Contains(_api.Requests, r => r.Method == HttpMethod.Post && r.PathAndQuery == "/api/v1/manage/search/reindex");
        var running = page.WaitForElement("[data-state=running]");
        Assert.Contains("40", running.TextContent, StringComparison.Ordinal);
        Assert.Equal("40", page.Find("[data-progress]").GetAttribute("value"));
        Assert.True(page.Find("[data-action=reindex]").HasAttribute("disabled"));
        var done = page.WaitForElement("[data-state=done]", TimeSpan.FromSeconds(10));
        Assert.Contains("اكتملت إعادة البناء: 131", done.TextContent, StringComparison.Ordinal);
    }
}
