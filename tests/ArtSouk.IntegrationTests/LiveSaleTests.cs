using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>The auctioneer's calls in a live sale (open, fair warning, hammer, pass) on SQLite and PostgreSQL.</summary>
public abstract class LiveSaleTests(HostFixture fixture)
{
    private HostFixture Host
    {
        get
        {
            if (fixture.SkipReason is { } reason)
            {
                Assert.Skip(reason);
            }
            return fixture;
        }
    }

    private async Task<Guid> LiveSaleAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var created = await Host.Admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = Auctioneer.Unique("مزاد حي"), en = Auctioneer.Unique("Live sale") },
            type = "live", startsAt = now.AddMinutes(-1), endsAt = now.AddHours(3), biddersNeedApproval = false, softCloseMinutes = 0,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return Guid.Parse((await Auctioneer.JsonAsync(created))["id"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> CallAsync(Guid lot, string call, string locale = "en") =>
        Host.Admin.PostAsync($"/api/v1/manage/lots/{lot}/{call}?locale={locale}", null);

    [Fact]
    public async Task The_hammer_sells_to_the_leader_at_the_price_and_the_lot_takes_no_more_bids()
    {
        var sale = await LiveSaleAsync();
        var lot = await Auctioneer.LotAsync(Host.Admin, sale, startingBid: 1000m, reserve: 1500m);
        var first = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var second = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(lot, "open")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(first, lot, 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(second, lot, 1500m)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(lot, "fair-warning")).StatusCode);

        using var hammer = await CallAsync(lot, "hammer");

        Assert.Equal(HttpStatusCode.OK, hammer.StatusCode);
        var view = await Auctioneer.JsonAsync(hammer);
        Assert.Equal("closed", view["state"]!.GetValue<string>());
        Assert.Equal("sold", view["outcome"]!.GetValue<string>());
        Assert.Equal(1500m, view["currentBid"]!.GetValue<decimal>());
        Assert.NotNull(view["orderId"]);
        using var late = await Auctioneer.BidAsync(first, lot, 5000m);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Single((await second.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
    }

    [Fact]
    public async Task A_hammer_below_the_reserve_passes_the_lot_and_pass_never_sells()
    {
        var sale = await LiveSaleAsync();
        var belowReserve = await Auctioneer.LotAsync(Host.Admin, sale, startingBid: 1000m, reserve: 9000m);
        var passed = await Auctioneer.LotAsync(Host.Admin, sale, startingBid: 1000m);
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, belowReserve, 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, passed, 1000m)).StatusCode);

        var hammered = await Auctioneer.JsonAsync(await CallAsync(belowReserve, "hammer"));
        var unsold = await Auctioneer.JsonAsync(await CallAsync(passed, "pass"));

        Assert.Equal("passed", hammered["outcome"]!.GetValue<string>());
        Assert.Equal("passed", unsold["outcome"]!.GetValue<string>());
        Assert.Empty((await bidder.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
    }

    [Theory]
    [InlineData("open")]
    [InlineData("fair-warning")]
    [InlineData("hammer")]
    [InlineData("pass")]
    public async Task Each_call_refuses_an_unknown_lot_a_timed_sale_and_a_closed_lot_in_both_languages(string call)
    {
        using var missing = await CallAsync(Guid.NewGuid(), call);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var timed = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        using var notLive = await CallAsync(timed, call, "ar");
        Assert.Equal(HttpStatusCode.Conflict, notLive.StatusCode);
        Assert.Equal("application/problem+json", notLive.Content.Headers.ContentType?.MediaType);
        Assert.Matches("[\u0600-\u06FF]", (await Auctioneer.JsonAsync(notLive))["detail"]!.GetValue<string>());

        var closed = await Auctioneer.LotAsync(Host.Admin, await LiveSaleAsync());
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(closed, "pass")).StatusCode);
        using var again = await CallAsync(closed, call);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("closed", (await Auctioneer.JsonAsync(again))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task The_winners_order_is_in_the_language_they_chose(string locale)
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await LiveSaleAsync());
        var (_, email) = await People.RegisterAsync(Host.App, locale);
        var winner = await People.SignedInAsync(Host.App, email);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(winner, lot, 1000m)).StatusCode);

        var order = (await Auctioneer.JsonAsync(await CallAsync(lot, "hammer")))["orderId"]!.GetValue<string>();

        await using var scope = Host.App.Services.CreateAsyncScope();
        var commerce = scope.ServiceProvider.GetRequiredService<ArtSouk.Commerce.Persistence.CommerceDbContext>();
        Assert.Equal(locale, (await commerce.Orders.AsNoTracking().SingleAsync(o => o.Id == Guid.Parse(order))).Locale);
    }

    [Fact]
    public async Task Only_an_administrator_calls_the_lot()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await LiveSaleAsync());
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        using var refused = await bidder.PostAsync($"/api/v1/manage/lots/{lot}/hammer", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("open", (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["state"]!.GetValue<string>());
    }
}

[Collection("sqlite")]
public sealed class SqliteLiveSaleTests(SqliteHost host) : LiveSaleTests(host);

[Collection("postgres")]
public sealed class PostgresLiveSaleTests(PostgresHost host) : LiveSaleTests(host);
