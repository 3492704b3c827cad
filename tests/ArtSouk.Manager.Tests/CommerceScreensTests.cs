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
}
