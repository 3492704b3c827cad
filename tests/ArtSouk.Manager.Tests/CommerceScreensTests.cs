using System.Net;
using System.Text.Json.Nodes;
using ArtSouk.Manager.Administration;
using ArtSouk.Manager.Commerce;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Manager.Tests;

/// <summary>The order desk, an order's actions as its state allows them, an entry's listing, and the users search.</summary>
public sealed class CommerceScreensTests : BunitContext
{
    private const string OrderId = "019ada1c-7f3e-7b6a-9c1d-2e3f4a5b6c7d";
    private const string WorkId = "0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01";

    private readonly FakeApi _api = new();

    private IRenderedComponent<OrderDetail> Detail(string wire, string locale)
    {
        _api.Answer(HttpMethod.Get, $"/api/v1/manage/orders/{OrderId}", HttpStatusCode.OK, FakeApi.Wire(wire)).Install(this, locale);
        var page = Render<OrderDetail>(p => p.Add(x => x.Id, Guid.Parse(OrderId)));
        page.WaitForElement("[data-panel=actions]");
        return page;
    }

    private static string[] Offered(IRenderedComponent<OrderDetail> page) =>
        page.FindAll("[data-panel=actions] [data-action]").Select(b => b.GetAttribute("data-action")!).ToArray();

    [Fact]
    public void The_list_filters_by_state_and_shows_buyer_amount_and_state_in_arabic()
    {
        _api.Answer(HttpMethod.Get, "/api/v1/manage/orders", HttpStatusCode.OK, FakeApi.Wire("orders-page")).Install(this, "ar");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/manager/orders?state=paid&q=reem");

        var page = Render<Orders>();

        var row = page.WaitForElement($"[data-order='{OrderId}']");
        Assert.Contains("ريم العتيبي", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2,000.00 ر.س", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("مدفوع", row.QuerySelector(".badge")!.TextContent);
        Assert.Equal("page", page.Find("[data-state=paid]").GetAttribute("aria-current"));
        Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v1/manage/orders?limit=25&state=paid&q=reem" && r.Language == "ar");
        Assert.Contains("cursor=1", page.Find("[data-action=next-page]").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_bank_transfer_offers_only_mark_paid_and_cancel_and_sends_the_reference()
    {
        var page = Detail("order-pending", "en");
        Assert.Equal(["mark-paid", "cancel"], Offered(page));

        _api.Answer(HttpMethod.Post, $"/api/v1/manage/orders/{OrderId}/mark-paid", HttpStatusCode.OK, FakeApi.Wire("order-paid"))
            .Answer(HttpMethod.Get, $"/api/v1/manage/orders/{OrderId}", HttpStatusCode.OK, FakeApi.Wire("order-paid"));
        page.Find("#transfer-reference").Change("TRF-88213");
        page.Find("[data-form=mark-paid]").Submit();

        var sent = _api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal("TRF-88213", JsonNode.Parse(sent.Body!)!["reference"]!.GetValue<string>());
        page.WaitForAssertion(() => Assert.Equal(["fulfil", "refund"], Offered(page)));
        Assert.Contains("Payment recorded", page.Find("[data-notice]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Paid", page.Find("h1 .badge").TextContent);
    }

    [Fact]
    public void Mark_paid_without_a_reference_asks_for_one_and_sends_nothing()
    {
        var page = Detail("order-pending", "ar");

        page.Find("[data-form=mark-paid]").Submit();

        Assert.DoesNotContain(_api.Requests, r => r.Method == HttpMethod.Post);
        Assert.Equal("مطلوب", page.Find("[data-form=mark-paid] .field-error").TextContent);
    }

    [Fact]
    public void A_partial_refund_sends_its_amount_and_the_history_reads_in_riyadh_time()
    {
        var page = Detail("order-paid", "en");
        var history = page.FindAll("[data-history] li");
        Assert.Equal(2, history.Count);
        Assert.Contains("Reference: TRF-88213", history[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Refund: SAR 500.00", history[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("1 Dec 2026, 13:00", history[1].TextContent, StringComparison.Ordinal);

        _api.Answer(HttpMethod.Post, $"/api/v1/manage/orders/{OrderId}/refund", HttpStatusCode.OK, FakeApi.Wire("order-paid"));
        page.Find("[data-action=refund]").Click();
        page.Find("[data-refund=partial]").Change(true);
        page.Find("#refund-amount").Change("250.5");
        page.Find("[data-form=refund]").Submit();

        var sent = _api.Requests.Single(r => r.Method == HttpMethod.Post);
        Assert.Equal(250.5m, JsonNode.Parse(sent.Body!)!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public void A_refusal_from_the_api_is_shown_in_the_users_language()
    {
        var page = Detail("order-paid", "ar");
        _api.Answer(HttpMethod.Post, $"/api/v1/manage/orders/{OrderId}/fulfil", HttpStatusCode.Conflict, FakeApi.Wire("problem-illegal-transition-ar"));

        page.Find("[data-action=fulfil]").Click();

        page.WaitForAssertion(() => Assert.Contains("لا يمكن نقله", page.Find("[data-problem]").TextContent, StringComparison.Ordinal));
        Assert.Equal("ar", _api.Requests.Last(r => r.Method == HttpMethod.Post).Language);
    }

    [Fact]
    public void The_listing_panel_saves_price_availability_and_stock_and_shows_field_problems_beside_them()
    {
        const string validation = """
            {"type":"https://artsouk.sa/problems/validation-failed","title":"Validation failed","status":400,"code":"validation-failed",
             "errors":{"stock":["stock is a whole number from 0 to 1000000"]}}
            """;
        _api.Answer(HttpMethod.Get, "/api/v1/commerce/entries", HttpStatusCode.OK, "[]")
            .Answer(HttpMethod.Put, $"/api/v1/manage/listings/{WorkId}", HttpStatusCode.BadRequest, validation)
            .Install(this, "en");
        var panel = Render<ListingPanel>(p => p.Add(x => x.EntryId, Guid.Parse(WorkId)).Add(x => x.Type, "artwork"));
        panel.WaitForElement("[data-not-listed]");

        panel.Find("#listing-price").Change("12500");
        panel.Find("#listing-availability").Change("not_for_sale");
        panel.Find("#listing-stock").Change("-1");
        panel.Find("[data-form=listing]").Submit();

        var sent = JsonNode.Parse(_api.Requests.Single(r => r.Method == HttpMethod.Put).Body!)!;
        Assert.Equal(12500m, sent["price"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("SAR", sent["price"]!["currency"]!.GetValue<string>());
        Assert.Equal("not_for_sale", sent["availability"]!.GetValue<string>());
        panel.WaitForAssertion(() => Assert.Contains("whole number", panel.Find("#listing-stock ~ .field-error").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void The_users_search_asks_the_api_for_the_typed_words()
    {
        _api.Answer(HttpMethod.Get, "/api/v1/manage/users", HttpStatusCode.OK, """{"items":[],"next":null}""").Install(this, "en");
        var page = Render<Users>();

        page.Find("#user-q").Change("reem@");
        page.Find("[data-form=user-search]").Submit();

        page.WaitForAssertion(() => Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v1/manage/users?limit=100&q=reem%40"));
        Assert.Contains("reem@", page.Find("[data-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_payouts_report_shows_each_sellers_commission_and_payout_and_links_to_their_sales()
    {
        const string report = """
            {"from":"2026-11-30T21:00:00+00:00","to":"2026-12-01T21:00:00+00:00","commissionPercent":20,
             "sellers":[{"sellerId":"9d8c7b6a-5f4e-4d3c-8b2a-190817161514","seller":"نوف الحربي","lines":2,"gross":{"amount":12500.00,"currency":"SAR"},"refunded":{"amount":2500.00,"currency":"SAR"},"net":{"amount":10000.00,"currency":"SAR"},"commission":{"amount":2000.00,"currency":"SAR"},"payout":{"amount":8000.00,"currency":"SAR"}}],
             "total":{"sellerId":null,"seller":null,"lines":2,"gross":{"amount":12500.00,"currency":"SAR"},"refunded":{"amount":2500.00,"currency":"SAR"},"net":{"amount":10000.00,"currency":"SAR"},"commission":{"amount":2000.00,"currency":"SAR"},"payout":{"amount":8000.00,"currency":"SAR"}}}
            """;
        _api.Answer(HttpMethod.Get, "/api/v1/manage/payouts", HttpStatusCode.OK, report).Install(this, "en");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/manager/payouts?from=2026-12-01&to=2026-12-01");

        var page = Render<Payouts>();

        var row = page.WaitForElement("[data-seller='9d8c7b6a-5f4e-4d3c-8b2a-190817161514']");
        Assert.Contains("SAR 2,000.00", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("SAR 8,000.00", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("/manager/sales?seller=9d8c7b6a-5f4e-4d3c-8b2a-190817161514&from=2026-12-01&to=2026-12-01", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Commission (20%)", page.Find("[data-table=payouts] thead").TextContent, StringComparison.Ordinal);
        var query = Uri.UnescapeDataString(_api.Requests.Single().PathAndQuery);
        Assert.Equal("/api/v1/manage/payouts?from=2026-11-30T21:00:00.0000000+00:00&to=2026-12-01T21:00:00.0000000+00:00", query);
    }

    [Fact]
    public void The_inbox_accepts_an_open_offer_and_shows_its_new_state()
    {
        const string offer = """
            {"id":"7e6d5c4b-3a29-4187-9665-544332211000","entryId":"0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01","state":"pending","amount":{"amount":4200.00,"currency":"SAR"},"counter":null,"paymentMethod":"bank-transfer","message":"هل يشمل الإطار؟","createdAt":"2026-12-01T08:15:00+00:00","updatedAt":null,"orderId":null}
            """;
        _api.Answer(HttpMethod.Get, "/api/v1/commerce/offers/received", HttpStatusCode.OK,
                $$"""{"items":[{"offer":{{offer}},"entryType":"artwork","entryTitle":"صحراء النفود"}],"next":null}""")
            .Answer(HttpMethod.Post, "/api/v1/commerce/offers/7e6d5c4b-3a29-4187-9665-544332211000/accept", HttpStatusCode.OK,
                offer.Replace("\"pending\"", "\"accepted\"", StringComparison.Ordinal))
            .Install(this, "ar");
        var page = Render<Inbox>();

        var item = page.WaitForElement("[data-offer='7e6d5c4b-3a29-4187-9665-544332211000']");
        Assert.Contains("4,200.00 ر.س", item.TextContent, StringComparison.Ordinal);
        Assert.Equal("/manager/content/artwork/0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains(_api.Requests, r => r.PathAndQuery == "/api/v1/commerce/offers/received?limit=25&open=true");
        page.Find("[data-action=accept]").Click();

        page.WaitForAssertion(() => Assert.Equal("مقبول", page.Find("[data-offer] .badge").TextContent));
        Assert.Empty(page.FindAll("[data-action=accept]"));
    }

    [Fact]
    public void A_sold_listing_shows_every_unit_for_sale_and_the_offers_on_the_work()
    {
        const string listing = """
            {"entryId":"0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01","entryType":"artwork","price":{"amount":12500.00,"currency":"SAR"},"availability":"sold","stock":0,"sold":1,"reserved":0,"updatedAt":"2026-12-01T08:15:00+00:00"}
            """;
        const string offers = """
            [{"id":"7e6d5c4b-3a29-4187-9665-544332211000","entryId":"0b1c6f3e-7a51-4d0e-9a0e-2f1d5a6c7b01","state":"declined","amount":{"amount":4200.00,"currency":"SAR"},"counter":null,"paymentMethod":"bank-transfer","message":null,"createdAt":"2026-12-01T08:15:00+00:00","updatedAt":"2026-12-01T09:15:00+00:00","orderId":null}]
            """;
        _api.Answer(HttpMethod.Get, $"/api/v1/manage/listings/{WorkId}", HttpStatusCode.OK, listing)
            .Answer(HttpMethod.Get, $"/api/v1/commerce/entries/{WorkId}/inquiries", HttpStatusCode.OK, "[]")
            .Answer(HttpMethod.Get, $"/api/v1/commerce/entries/{WorkId}/offers", HttpStatusCode.OK, offers)
            .Install(this, "en");

        var panel = Render<ListingPanel>(p => p.Add(x => x.EntryId, Guid.Parse(WorkId)).Add(x => x.Type, "artwork"));

        panel.WaitForElement("[data-counters]");
        Assert.Equal("1", panel.Find("#listing-stock").GetAttribute("value"));
        Assert.Contains("Declined", panel.Find("[data-panel=offers] [data-offer]").TextContent, StringComparison.Ordinal);
    }
}
