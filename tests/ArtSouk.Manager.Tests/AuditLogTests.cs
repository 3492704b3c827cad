using System.Net;
using System.Text.Json.Nodes;
using ArtSouk.Manager.Administration;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The audit log screen over <c>GET /api/v1/manage/audit</c> (<c>{items, next}</c>, items shaped like Kernel's AuditItem).</summary>
public sealed class AuditLogTests : BunitContext
{
    private const string FirstPage = """
        {"items":[
          {"id":"cms:42","module":"cms","at":"2026-12-01T08:15:00+00:00","userId":"5c6d7e8f-0a1b-4c2d-9e3f-405162738495","userName":"Layla Curator","action":"entry.update","entityType":"artist","entityId":"0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01",
           "changes":[{"field":"bio","locale":"ar","before":"قديم","after":"جديد"}]}
        ],"next":"NEXT-CURSOR"}
        """;

    private readonly FakeApi _api = new();

    private IRenderedComponent<AuditLog> Log(string locale)
    {
        var artist = JsonNode.Parse(FakeApi.Wire("content-type-artist"))!;
        _api.Answer(HttpMethod.Get, "/api/v1/content-types", HttpStatusCode.OK, new JsonObject { ["items"] = new JsonArray(artist), ["next"] = null }.ToJsonString())
            .Answer(HttpMethod.Get, "/api/v1/manage/audit", HttpStatusCode.OK, FirstPage);
        _api.Install(this, locale);
        var log = Render<AuditLog>();
        log.WaitForElement("[data-table=audit]");
        return log;
    }

    [Fact]
    public void A_record_shows_who_what_on_which_entry_and_when_in_riyadh_time()
    {
        var log = Log("en");

        var row = log.Find("[data-audit='cms:42']");
        Assert.Contains("1 Dec 2026, 11:15", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Layla Curator", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("edited an entry", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("bio (ar)", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/manager/content/artist/0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Filters_go_to_the_api_and_dates_are_riyadh_days()
    {
        var log = Log("ar");

        log.Find("#audit-user").Change("5c6d7e8f-0a1b-4c2d-9e3f-405162738495");
        log.Find("#audit-entry").Change("0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01");
        log.Find("#audit-from").Change("2026-12-01");
        log.Find("#audit-to").Change("2026-12-01");
        log.Find("[data-form=audit-filter]").Submit();

        var query = Uri.UnescapeDataString(_api.Requests.Last(r => r.PathAndQuery.StartsWith("/api/v1/manage/audit", StringComparison.Ordinal)).PathAndQuery);
        Assert.Contains("userId=5c6d7e8f-0a1b-4c2d-9e3f-405162738495", query, StringComparison.Ordinal);
        Assert.Contains("entryId=0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01", query, StringComparison.Ordinal);
        Assert.Contains("from=2026-11-30T21:00:00.0000000+00:00", query, StringComparison.Ordinal);
        Assert.Contains("to=2026-12-01T21:00:00.0000000+00:00", query, StringComparison.Ordinal);
        Assert.Contains("سجل التدقيق", log.Find("h1").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_asks_for_the_next_page_with_the_cursor()
    {
        var log = Log("en");

        log.Find("[data-action=next-page]").Click();

        Assert.Contains("cursor=NEXT-CURSOR", _api.Requests.Last().PathAndQuery, StringComparison.Ordinal);
        log.WaitForElement("[data-action=first-page]");
    }
}
