using System.Net;
using ArtSouk.Manager.Administration;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The delivery log of one webhook over <c>GET …/webhooks/{id}/deliveries</c>, and its Replay button.</summary>
public sealed class WebhookDeliveriesTests : BunitContext
{
    private const string HookId = "6f1c3e2a-0b4d-4c5e-8f60-718293a4b5c6";
    private const string Hooks = $$"""[{"id":"{{HookId}}","name":"Site rebuild","url":"https://hooks.example/rebuild","events":["*"],"types":["*"],"createdAt":"2026-12-01T08:00:00+00:00","secret":null}]""";
    private const string Log = """
        {"items":[
          {"id":"0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5","deliveryId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","event":"entry.published","statusCode":503,"succeeded":false,"durationMs":41,"error":"HTTP 503","attemptedAt":"2026-12-01T09:30:00+00:00","replay":false}
        ],"next":"1"}
        """;
    private const string Replayed = """
        {"id":"1d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6","deliveryId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","event":"entry.published","statusCode":200,"succeeded":true,"durationMs":12,"error":null,"attemptedAt":"2026-12-01T09:40:00+00:00","replay":true}
        """;

    private readonly FakeApi _api = new();

    private IRenderedComponent<WebhookDeliveries> Render(string locale)
    {
        _api.Answer(HttpMethod.Get, "/api/v1/manage/webhooks", HttpStatusCode.OK, Hooks)
            .Answer(HttpMethod.Get, $"/api/v1/manage/webhooks/{HookId}/deliveries", HttpStatusCode.OK, Log)
            .Answer(HttpMethod.Post, $"/api/v1/manage/webhooks/{HookId}/deliveries/", HttpStatusCode.OK, Replayed);
        _api.Install(this, locale);
        var page = Render<WebhookDeliveries>(p => p.Add(x => x.Id, Guid.Parse(HookId)));
        page.WaitForElement("[data-table=deliveries]");
        return page;
    }

    [Fact]
    public void An_attempt_shows_its_time_event_status_error_duration_and_delivery_id()
    {
        var page = Render("en");

        var row = page.Find("[data-attempt='0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5']");
        Assert.Contains("1 Dec 2026, 12:30", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("entry.published", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("503", row.QuerySelector("[data-status]")!.TextContent);
        Assert.Equal("HTTP 503", row.QuerySelector("[data-error]")!.TextContent);
        Assert.Contains("41 ms", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("9a8b7c6d", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Site rebuild", page.Find("h1").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_posts_the_attempt_and_says_the_receiver_took_it()
    {
        var page = Render("ar");

        page.Find("[data-action=replay]").Click();

        Assert.Contains(_api.Requests, r => r.Method == HttpMethod.Post
            && r.PathAndQuery == $"/api/v1/manage/webhooks/{HookId}/deliveries/0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5/redeliver");
        var status = page.WaitForElement("[data-replayed]");
        Assert.Contains("استلمه المستقبِل", status.TextContent, StringComparison.Ordinal);
        Assert.Contains("سجل التسليم", page.Find("h1").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_asks_for_the_next_page_of_the_log()
    {
        var page = Render("en");

        page.Find("[data-action=next-page]").Click();

        Assert.Contains("cursor=1", _api.Requests.Last(r => r.PathAndQuery.Contains("/deliveries?", StringComparison.Ordinal)).PathAndQuery, StringComparison.Ordinal);
    }
}
