using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Auctions.Bidding;
using ArtSouk.Auctions.Closing;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Notices;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Rules;
using ArtSouk.Commerce.Orders;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ArtSouk.IntegrationTests;

/// <summary>What auctions need from a host: a sale, a lot on a fresh artwork, bidders.</summary>
internal static class Auctioneer
{
    public static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..6]}";

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static async Task<Guid> SaleAsync(HttpClient admin, int softCloseMinutes = 0, bool approval = false, DateTimeOffset? endsAt = null)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = Unique("مزاد"), en = Unique("Sale") },
            type = "timed",
            startsAt = now.AddMinutes(-1),
            endsAt = endsAt ?? now.AddHours(1),
            biddersNeedApproval = approval,
            softCloseMinutes,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return Guid.Parse((await JsonAsync(created))["id"]!.GetValue<string>());
    }

    /// <param name="closesIn">Counted from when the lot is posted, after its artist and artwork are created, so a slow machine does not eat the window.</param>
    public static async Task<Guid> LotAsync(HttpClient admin, Guid sale, decimal startingBid = 1000m, decimal? reserve = null, DateTimeOffset? closesAt = null, TimeSpan? closesIn = null)
    {
        var work = await WorkAsync(admin);
        closesAt = closesIn is { } window ? DateTimeOffset.UtcNow + window : closesAt;
        return await LotOfAsync(admin, sale, work, startingBid, reserve, closesAt);
    }

    /// <summary>An artwork (with its artist) to offer as a lot.</summary>
    public static async Task<Guid> WorkAsync(HttpClient admin)
    {
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = Unique("فنانة"), en = Unique("Artist") } });
        return await admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل"), en = Unique("Work") }, artist });
    }

    /// <summary>Offers an artwork already made as a lot of the sale.</summary>
    public static async Task<Guid> LotOfAsync(HttpClient admin, Guid sale, Guid work, decimal startingBid = 1000m, decimal? reserve = null, DateTimeOffset? closesAt = null)
    {
        var created = await admin.PostAsJsonAsync($"/api/v1/manage/auctions/{sale}/lots", new { entryId = work, startingBid, reserve, closesAt });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return Guid.Parse((await JsonAsync(created))["id"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> BidAsync(HttpClient bidder, Guid lot, decimal amount, decimal? maxAmount = null, string? clientBidId = null) =>
        bidder.PostAsJsonAsync($"/api/v1/lots/{lot}/bids", new { amount, maxAmount, clientBidId = clientBidId ?? Guid.NewGuid().ToString() });

    public static async Task<JsonObject> LotViewAsync(HttpClient client, Guid lot) => (await client.GetFromJsonAsync<JsonObject>($"/api/v1/lots/{lot}"))!;

    public static async Task<HttpClient> BidderAsync(ArtSoukApp app, HttpClient admin) => (await app.AccountAsync(admin, "collector")).Client;
}

/// <summary>Sales, lots and bidding through the API on a shared host, on SQLite and PostgreSQL.</summary>
public abstract class AuctionTests(HostFixture fixture)
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

    [Fact]
    public async Task Every_refusal_is_a_bilingual_problem_and_nothing_is_changed()
    {
        var missing = Guid.NewGuid();
        var sale = await Auctioneer.SaleAsync(Host.Admin);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale);
        var key = await Host.App.KeyClientAsync(Host.Admin, "manage");
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        async Task Refused(HttpStatusCode status, Task<HttpResponseMessage> call)
        {
            using var response = await call;
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        await Refused(HttpStatusCode.BadRequest, Host.Anonymous.GetAsync("/api/v1/auctions?limit=0"));
        await Refused(HttpStatusCode.BadRequest, Host.Anonymous.GetAsync("/api/v1/auctions?cursor=yesterday"));
        await Refused(HttpStatusCode.NotFound, Host.Anonymous.GetAsync($"/api/v1/auctions/{missing}"));
        await Refused(HttpStatusCode.NotFound, Host.Anonymous.GetAsync($"/api/v1/lots/{missing}/bids"));
        await Refused(HttpStatusCode.NotFound, Host.Admin.PostAsJsonAsync($"/api/v1/manage/auctions/{missing}/lots", new { entryId = Guid.NewGuid(), startingBid = 1000m }));
        var artist = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Auctioneer.Unique("فنان") } });
        await Refused(HttpStatusCode.UnprocessableEntity, Host.Admin.PostAsJsonAsync($"/api/v1/manage/auctions/{sale}/lots", new { entryId = artist, startingBid = 1000m }));
        var entry = (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["entryId"]!.GetValue<string>();
        await Refused(HttpStatusCode.Conflict, Host.Admin.PostAsJsonAsync($"/api/v1/manage/auctions/{sale}/lots", new { entryId = entry, startingBid = 1000m }));
        await Refused(HttpStatusCode.Forbidden, key.PostAsync($"/api/v1/auctions/{sale}/registrations", null));
        await Refused(HttpStatusCode.NotFound, bidder.PostAsync($"/api/v1/auctions/{missing}/registrations", null));
        await Refused(HttpStatusCode.NotFound, Host.Admin.PostAsync($"/api/v1/manage/auctions/{sale}/registrations/999999/approve", null));
        await Refused(HttpStatusCode.NotFound, Host.Admin.PostAsync($"/api/v1/manage/auctions/{sale}/registrations/999999/reject", null));
        await Refused(HttpStatusCode.Forbidden, key.PostAsync($"/api/v1/lots/{lot}/watch", null));
        await Refused(HttpStatusCode.Forbidden, key.DeleteAsync($"/api/v1/lots/{lot}/watch"));
        await Refused(HttpStatusCode.NotFound, bidder.PostAsync($"/api/v1/lots/{missing}/watch", null));
        await Refused(HttpStatusCode.NotFound, Host.Admin.PostAsync($"/api/v1/manage/lots/{lot}/bids/999999/retract", null));

        // The refusals left the lot as it was: open, no bids, its work still on offer in it.
        var view = await Auctioneer.LotViewAsync(Host.Anonymous, lot);
        Assert.Equal("open", view["state"]!.GetValue<string>());
        Assert.Empty((await Host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/lots/{lot}/bids"))!["items"]!.AsArray());

        // In Arabic by default, in English when asked.
        using var arabic = await Host.Anonymous.GetAsync($"/api/v1/auctions/{missing}");
        Assert.Matches("[\u0600-\u06FF]", (await arabic.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        using var english = await Host.Anonymous.GetAsync($"/api/v1/auctions/{missing}?locale=en");
        Assert.Contains("No auction", (await english.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bid_on_a_closed_lot_cannot_be_retracted()
    {
        var sale = await Auctioneer.SaleAsync(Host.Admin);
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale, closesIn: TimeSpan.FromSeconds(3));
        var bid = await Auctioneer.JsonAsync(await Auctioneer.BidAsync(bidder, lot, 1000m));
        // The host's own closer (every 2 s) closes the lot.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Auctioneer.LotViewAsync(Host.Anonymous, lot))["state"]!.GetValue<string>() == "open" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.NotEqual("open", (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["state"]!.GetValue<string>());
        using var refused = await Host.Admin.PostAsync($"/api/v1/manage/lots/{lot}/bids/{bid["id"]!.GetValue<long>()}/retract", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_lot_shows_its_state_and_next_amount_but_never_the_reserve_or_a_maximum()
    {
        var sale = await Auctioneer.SaleAsync(Host.Admin);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale, 1000m, reserve: 7777m);
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1000m, maxAmount: 4321m)).StatusCode);

        var raw = await Host.Anonymous.GetStringAsync($"/api/v1/lots/{lot}");
        var view = JsonNode.Parse(raw)!;
        Assert.Equal("open", view["state"]!.GetValue<string>());
        Assert.Equal(1000m, view["currentBid"]!.GetValue<decimal>());
        Assert.Equal(1100m, view["nextValidAmount"]!.GetValue<decimal>());
        Assert.False(view["reserveMet"]!.GetValue<bool>());
        Assert.DoesNotContain("7777", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", raw, StringComparison.Ordinal);
        var history = await Host.Anonymous.GetStringAsync($"/api/v1/lots/{lot}/bids");
        Assert.DoesNotContain("4321", history, StringComparison.Ordinal);
        Assert.DoesNotContain("bidder", history, StringComparison.OrdinalIgnoreCase);
        var sales = await Host.Anonymous.GetFromJsonAsync<JsonObject>("/api/v1/auctions");
        Assert.Contains(sales!["items"]!.AsArray(), s => s!["id"]!.GetValue<string>() == sale.ToString());
        var one = await Host.Anonymous.GetStringAsync($"/api/v1/auctions/{sale}");
        Assert.Contains(lot.ToString(), one, StringComparison.Ordinal);
        Assert.DoesNotContain("7777", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Proxy_bidding_keeps_the_leader_one_increment_above_the_runner_up()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var a = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var b = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(a, lot, 1000m, 5000m)).StatusCode);
        var outbid = await Auctioneer.BidAsync(b, lot, 2000m);
        Assert.Equal(HttpStatusCode.Created, outbid.StatusCode);
        Assert.False((await Auctioneer.JsonAsync(outbid))["leading"]!.GetValue<bool>());
        Assert.Equal(2200m, (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["currentBid"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Bid_below_next_increment_is_rejected_with_the_next_valid_amount_in_the_callers_language()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1500m)).StatusCode);
        var other = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/lots/{lot}/bids") { Content = JsonContent.Create(new { amount = 1550m, clientBidId = "low-1" }) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var low = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.Conflict, low.StatusCode);
        var problem = await People.ProblemAsync(low);
        Assert.Equal("bid-too-low", problem["code"]!.GetValue<string>());
        Assert.Equal(1600m, problem["nextValidAmount"]!.GetValue<decimal>());
        Assert.Contains("next valid amount", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var arabic = await People.ProblemAsync(await Auctioneer.BidAsync(other, lot, 1m));
        Assert.Contains("المبلغ التالي", arabic["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_client_bid_id_twice_is_one_bid()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var answers = await Race.AllAsync(6, _ => Auctioneer.BidAsync(bidder, lot, 1200m, clientBidId: "same-bid"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
        var ids = await Task.WhenAll(answers.Select(async a => (await Auctioneer.JsonAsync(a))["id"]!.GetValue<long>()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["bidCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Of_twenty_four_bidders_racing_at_the_same_amount_exactly_one_is_accepted()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var bidders = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Auctioneer.BidderAsync(Host.App, Host.Admin)));
        var answers = await Race.AllAsync(bidders.Length, i => Auctioneer.BidAsync(bidders[i], lot, 1500m));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        var view = await Auctioneer.LotViewAsync(Host.Anonymous, lot);
        Assert.Equal(1500m, view["currentBid"]!.GetValue<decimal>());
        Assert.Equal(1, view["bidCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_random_sequence_of_bids_is_judged_as_the_proxy_engine_judges_it()
    {
        // The endpoint (on PostgreSQL: the database's place_bid) against the pure engine the FsCheck properties check.
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin), reserve: 6000m);
        var bidders = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Auctioneer.BidderAsync(Host.App, Host.Admin)));
        var identities = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var terms = new Terms(1_000_00, 6_000_00, Ladder.Default);
        var book = Book.Empty;
        var random = new Random(20261202);
        for (var i = 0; i < 40; i++)
        {
            var who = random.Next(4);
            var amount = Math.Max(100L, terms.NextValid(book) + random.Next(-4, 5) * 100_00L);
            var max = random.Next(3) == 0 ? amount : amount + random.Next(0, 25) * 100_00L;
            var expected = ProxyAuction.Place(book, terms, identities[who], amount, max);
            var response = await Auctioneer.BidAsync(bidders[who], lot, amount / 100m, max / 100m);
            var body = await Auctioneer.JsonAsync(response);
            Assert.True(expected.Accepted == (response.StatusCode == HttpStatusCode.Created), $"bid {i}: {amount}/{max} on {book}: {response.StatusCode} {body}");
            Assert.Equal(expected.NextValidMinor / 100m, body["nextValidAmount"]!.GetValue<decimal>());
            if (expected.Accepted)
            {
                Assert.Equal(expected.EffectiveMinor / 100m, body["amount"]!.GetValue<decimal>());
                Assert.Equal(expected.Book.PriceMinor / 100m, body["currentBid"]!.GetValue<decimal>());
                Assert.Equal(expected.Leading, body["leading"]!.GetValue<bool>());
                book = expected.Book;
            }
            else
            {
                Assert.Equal(expected.Refusal == Refusal.AlreadyLeading ? "already-leading" : "bid-too-low", body["code"]!.GetValue<string>());
            }
        }
        var view = await Auctioneer.LotViewAsync(Host.Anonymous, lot);
        Assert.Equal(book.PriceMinor / 100m, view["currentBid"]!.GetValue<decimal>());
        Assert.Equal(terms.ReserveMet(book), view["reserveMet"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Bidders_racing_with_one_stale_amount_are_placed_where_their_maxima_reach_and_the_book_replays()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        await Auctioneer.BidAsync(await Auctioneer.BidderAsync(Host.App, Host.Admin), lot, 1400m);
        var bidders = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Auctioneer.BidderAsync(Host.App, Host.Admin)));
        // Everyone saw 1,400 and bids 1,500, each with another maximum: all but the first to arrive are overtaken on the way.
        var maxima = Enumerable.Range(0, 24).Select(i => 1500m + 100m * i).ToArray();
        var answers = await Race.AllAsync(bidders.Length, i => Auctioneer.BidAsync(bidders[i], lot, 1500m, maxima[i]));
        var accepted = 0;
        for (var i = 0; i < answers.Length; i++)
        {
            var body = await Auctioneer.JsonAsync(answers[i]);
            if (answers[i].StatusCode == HttpStatusCode.Created)
            {
                accepted++;
                Assert.InRange(body["amount"]!.GetValue<decimal>(), 1500m, maxima[i]);
            }
            else
            {
                // Refused only when its maximum did not reach the next valid amount at the moment it was judged.
                Assert.Equal(HttpStatusCode.Conflict, answers[i].StatusCode);
                Assert.Equal("bid-too-low", body["code"]!.GetValue<string>());
                Assert.True(body["nextValidAmount"]!.GetValue<decimal>() > maxima[i], body.ToJsonString());
            }
        }
        Assert.True(accepted > 1, $"{accepted} accepted");
        // The highest maximum covers every next valid amount a rival can leave: it is placed, and it leads.
        Assert.Equal(HttpStatusCode.Created, answers[^1].StatusCode);
        await using var scope = Host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuctionsDbContext>();
        var stored = await db.Bids.AsNoTracking().Where(b => b.LotId == lot && b.Kind == "bid").OrderBy(b => b.Id).ToListAsync();
        var row = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lot);
        Assert.Equal(accepted + 1, stored.Count);
        Assert.Equal(accepted + 1, row.BidCount);
        // Replayed in the server's order through the engine, every stored bid is accepted at the price stored with it.
        var terms = new Terms(1_000_00, null, Ladder.Default);
        var book = Book.Empty;
        foreach (var bid in stored)
        {
            var outcome = ProxyAuction.Place(book, terms, bid.BidderId, bid.AmountMinor, bid.MaxMinor);
            Assert.True(outcome.Accepted, $"bid {bid.Id} refused on replay");
            Assert.True(outcome.Book.PriceMinor > book.PriceMinor, $"bid {bid.Id} did not raise the price");
            Assert.Equal(bid.PriceAfterMinor, outcome.Book.PriceMinor);
            book = outcome.Book;
        }
        Assert.Equal(book, row.Book);
        Assert.Equal(3_800_00, book.LeaderMaxMinor);
    }

    [Fact]
    public async Task Registered_bidders_racing_on_one_lot_are_judged_in_one_order_that_replays_through_the_engine()
    {
        var sale = await Auctioneer.SaleAsync(Host.Admin);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale);
        var bidders = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Auctioneer.BidderAsync(Host.App, Host.Admin)));
        // Registered before the race, so no bid of it registers on its way (on PostgreSQL: all are judged by the lot's queue).
        foreach (var bidder in bidders)
        {
            using var registered = await bidder.PostAsync($"/api/v1/auctions/{sale}/registrations", null);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        // Maxima shuffled against the order of arrival, the last far above every other.
        var maxima = Enumerable.Range(0, 30).Select(i => i == 29 ? 10_000m : 1000m + 100m * (i * 7 % 29)).ToArray();
        var answers = await Race.AllAsync(bidders.Length, i => Auctioneer.BidAsync(bidders[i], lot, 1000m, maxima[i]));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        var accepted = answers.Count(a => a.StatusCode == HttpStatusCode.Created);
        await using var scope = Host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuctionsDbContext>();
        var stored = await db.Bids.AsNoTracking().Where(b => b.LotId == lot && b.Kind == "bid").OrderBy(b => b.Id).ToListAsync();
        var row = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lot);
        Assert.Equal(accepted, stored.Count);
        Assert.Equal(accepted, row.BidCount);
        var terms = new Terms(1_000_00, null, Ladder.Default);
        var book = Book.Empty;
        foreach (var bid in stored)
        {
            var outcome = ProxyAuction.Place(book, terms, bid.BidderId, bid.AmountMinor, bid.MaxMinor);
            Assert.True(outcome.Accepted, $"bid {bid.Id} refused on replay");
            Assert.Equal(bid.PriceAfterMinor, outcome.Book.PriceMinor);
            book = outcome.Book;
        }
        Assert.Equal(book, row.Book);
        // Whenever the far highest maximum was judged, it covered the next valid amount: it leads.
        Assert.Equal(10_000_00, book.LeaderMaxMinor);
    }

    [Fact]
    public async Task The_same_client_bid_id_racing_from_a_registered_bidder_is_one_bid()
    {
        var sale = await Auctioneer.SaleAsync(Host.Admin);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale);
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        using (var registered = await bidder.PostAsync($"/api/v1/auctions/{sale}/registrations", null))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }
        var answers = await Race.AllAsync(8, _ => Auctioneer.BidAsync(bidder, lot, 1200m, clientBidId: "same-queued-bid"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, a.StatusCode.ToString()));
        var ids = await Task.WhenAll(answers.Select(async a => (await Auctioneer.JsonAsync(a))["id"]!.GetValue<long>()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["bidCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_accepted_bid_in_the_last_minutes_extends_the_lot_and_a_rejected_one_does_not()
    {
        var sale = await Auctioneer.SaleAsync(Host.Admin, softCloseMinutes: 2);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale, closesIn: TimeSpan.FromSeconds(60));
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var before = (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["endsAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(HttpStatusCode.Conflict, (await Auctioneer.BidAsync(bidder, lot, 10m)).StatusCode);
        Assert.Equal(before, (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["endsAt"]!.GetValue<DateTimeOffset>());
        // Lot times are kept in whole milliseconds: a bid taken within the same millisecond ends 2 minutes after its start.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1000m)).StatusCode);
        var after = (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["endsAt"]!.GetValue<DateTimeOffset>();
        Assert.True(after >= at.AddMinutes(2) && after > before, $"{before:O} -> {after:O}");
    }

    [Fact]
    public async Task A_hard_stop_caps_the_soft_close()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var stop = now.AddSeconds(90);
        var created = await Host.Admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = Auctioneer.Unique("مزاد بإيقاف نهائي"), en = Auctioneer.Unique("Sale with a hard stop") },
            type = "timed", startsAt = now.AddMinutes(-1), endsAt = now.AddSeconds(60), hardStopAt = stop, softCloseMinutes = 2, biddersNeedApproval = false,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lot = await Auctioneer.LotAsync(Host.Admin, Guid.Parse((await Auctioneer.JsonAsync(created))["id"]!.GetValue<string>()));
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);

        // Two minutes after this bid would pass the hard stop: the lot ends at the stop, no later.
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1000m)).StatusCode);
        Assert.Equal(stop, (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["endsAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Bidding_in_a_sale_with_approval_waits_for_an_administrator()
    {
        var sale = await Auctioneer.SaleAsync(Host.Admin, approval: true);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale);
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var refused = await Auctioneer.BidAsync(bidder, lot, 1000m);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("registration-required", await People.CodeAsync(refused));
        var registered = await bidder.PostAsync($"/api/v1/auctions/{sale}/registrations", null);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var registration = await Auctioneer.JsonAsync(registered);
        Assert.Equal("pending", registration["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await Auctioneer.BidAsync(bidder, lot, 1000m)).StatusCode);
        var paddle = registration["paddle"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/v1/manage/auctions/{sale}/registrations/{paddle}/approve", null)).StatusCode);
        var accepted = await Auctioneer.BidAsync(bidder, lot, 1000m);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(paddle, (await Auctioneer.JsonAsync(accepted))["paddle"]!.GetValue<long>());
    }

    [Fact]
    public async Task Only_an_administrator_retracts_a_bid_and_the_price_falls_back()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var a = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var b = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(a, lot, 1000m)).StatusCode);
        var wrong = await Auctioneer.JsonAsync(await Auctioneer.BidAsync(b, lot, 9000m));
        var bidId = wrong["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.Forbidden, (await b.PostAsync($"/api/v1/manage/lots/{lot}/bids/{bidId}/retract", null)).StatusCode);
        var retracted = await Host.Admin.PostAsync($"/api/v1/manage/lots/{lot}/bids/{bidId}/retract", null);
        Assert.Equal(HttpStatusCode.OK, retracted.StatusCode);
        Assert.Equal(1000m, (await Auctioneer.JsonAsync(retracted))["currentBid"]!.GetValue<decimal>());
        var audit = await Host.Admin.GetStringAsync($"/api/v1/manage/audit?entryId={lot}");
        Assert.Contains("bid.retracted", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_bids_and_unknown_lots_are_problems_not_server_errors()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.Equal(HttpStatusCode.BadRequest, (await Auctioneer.BidAsync(bidder, lot, 1000.001m)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await bidder.PostAsJsonAsync($"/api/v1/lots/{lot}/bids", new { amount = 1000m })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Auctioneer.BidAsync(bidder, lot, 2000m, 1500m)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Auctioneer.BidAsync(bidder, Guid.NewGuid(), 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Anonymous.GetAsync($"/api/v1/lots/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Auctioneer.BidAsync(Host.Anonymous, lot, 1000m)).StatusCode);
        var badSale = await Host.Admin.PostAsJsonAsync("/api/v1/manage/auctions", new { title = new { en = "x" }, type = "dutch" });
        Assert.Equal(HttpStatusCode.BadRequest, badSale.StatusCode);
        Assert.Equal("validation-failed", await People.CodeAsync(badSale));
    }

    [Fact]
    public async Task A_sale_without_rules_gets_the_defaults_and_its_lots_close_one_interval_apart()
    {
        var ends = DateTimeOffset.UtcNow.AddHours(3);
        var created = await Host.Admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = Auctioneer.Unique("مزاد متدرج"), en = Auctioneer.Unique("Staggered sale") },
            type = "timed", startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = ends, lotIntervalSeconds = 60,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sale = await Auctioneer.JsonAsync(created);
        // The house defaults: a 2-minute soft close, no hard stop, bidders approved by an administrator, the ~10% ladder, Christie's premium.
        Assert.Equal(2, sale["softCloseMinutes"]!.GetValue<int>());
        Assert.Null(sale["hardStopAt"]);
        Assert.True(sale["biddersNeedApproval"]!.GetValue<bool>());
        Assert.Equal(26m, sale["premiumTiers"]![0]!["rate"]!.GetValue<decimal>());
        Assert.NotEmpty(sale["increments"]!.AsArray());

        var id = Guid.Parse(sale["id"]!.GetValue<string>());
        var lots = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            lots.Add(await Auctioneer.LotAsync(Host.Admin, id));
        }
        var closes = new List<DateTimeOffset>();
        foreach (var lot in lots)
        {
            closes.Add((await Auctioneer.LotViewAsync(Host.Anonymous, lot))["endsAt"]!.GetValue<DateTimeOffset>());
        }
        var sent = DateTimeOffset.FromUnixTimeSeconds(ends.ToUnixTimeSeconds());
        Assert.Equal([sent, sent.AddMinutes(1), sent.AddMinutes(2)], closes.Select(c => DateTimeOffset.FromUnixTimeSeconds(c.ToUnixTimeSeconds())));
    }

    [Fact]
    public async Task A_sale_names_its_cover_and_a_cover_that_is_no_entry_is_refused()
    {
        var cover = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Auctioneer.Unique("غلاف"), en = Auctioneer.Unique("Cover") } });
        object Sale(Guid coverEntryId) => new
        {
            title = new { ar = Auctioneer.Unique("مزاد بغلاف"), en = Auctioneer.Unique("Sale with a cover") },
            type = "live", startsAt = DateTimeOffset.UtcNow, endsAt = DateTimeOffset.UtcNow.AddHours(1), coverEntryId,
        };
        var created = await Host.Admin.PostAsJsonAsync("/api/v1/manage/auctions", Sale(cover), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Auctioneer.JsonAsync(created))["id"]!.GetValue<string>();
        var read = (await Host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/auctions/{id}", TestContext.Current.CancellationToken))!;
        Assert.Equal(cover.ToString(), read["coverEntryId"]!.GetValue<string>());

        var missing = Guid.NewGuid();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/manage/auctions") { Content = JsonContent.Create(Sale(missing)) };
        request.Headers.AcceptLanguage.ParseAdd("ar");
        var refused = await Host.Admin.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await Auctioneer.JsonAsync(refused);
        Assert.Contains(missing.ToString(), problem["errors"]!["coverEntryId"]![0]!.GetValue<string>());
        Assert.Matches("[\u0600-\u06FF]", problem["errors"]!["coverEntryId"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Watching_a_lot_and_stopping()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        Assert.True((await Auctioneer.JsonAsync(await bidder.PostAsync($"/api/v1/lots/{lot}/watch", null)))["watching"]!.GetValue<bool>());
        Assert.False((await Auctioneer.JsonAsync(await bidder.DeleteAsync($"/api/v1/lots/{lot}/watch")))["watching"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_live_hub_gives_a_snapshot_on_join_and_pushes_accepted_bids_with_paddles_not_names()
    {
        var lot = await Auctioneer.LotAsync(Host.Admin, await Auctioneer.SaleAsync(Host.Admin));
        var server = Host.App.Server;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/auctions"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        var pushed = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonObject>("bid", e => pushed.TrySetResult(e));
        await hub.StartAsync(TestContext.Current.CancellationToken);
        var snapshot = await hub.InvokeAsync<JsonObject>("JoinLot", lot, TestContext.Current.CancellationToken);
        Assert.Equal(1000m, snapshot["nextValidAmount"]!.GetValue<decimal>());

        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var bid = await Auctioneer.JsonAsync(await Auctioneer.BidAsync(bidder, lot, 1300m, maxAmount: 8888m));
        var e = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        Assert.Equal(1300m, e["currentBid"]!.GetValue<decimal>());
        Assert.Equal(bid["paddle"]!.GetValue<long>(), e["paddle"]!.GetValue<long>());
        Assert.DoesNotContain("8888", e.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(e["email"]);
    }
}

[Collection("sqlite")]
public sealed class SqliteAuctionTests(SqliteHost host) : AuctionTests(host);

[Collection("postgres")]
public sealed class PostgresAuctionTests(PostgresHost host) : AuctionTests(host);

/// <summary>Closing, on a host of its own whose background closer is off, so the test runs the closers itself.</summary>
public abstract class AuctionClosingTests(string provider)
{
    private static readonly Dictionary<string, string> NoBackgroundCloser = new() { ["Auctions:RunCloser"] = "false" };

    private static async Task WaitPastAsync(HttpClient client, Guid lot)
    {
        var ends = (await Auctioneer.LotViewAsync(client, lot))["endsAt"]!.GetValue<DateTimeOffset>();
        var wait = ends - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static async Task<int> CloseConcurrentlyAsync(ArtSoukApp app, int runs)
    {
        var closed = await Race.AllAsync(runs, async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LotCloser>().RunAsync(CancellationToken.None);
        });
        return closed.Sum();
    }

    [Fact]
    public async Task Closers_run_concurrently_close_a_lot_once_and_make_one_order_with_premium_and_VAT()
    {
        await using var app = await ArtSoukApp.OnAsync(provider, settings: NoBackgroundCloser);
        var admin = await app.AdminClientAsync();
        var (winner, _) = await app.AccountAsync(admin, "collector");
        var lot = await Auctioneer.LotAsync(admin, await Auctioneer.SaleAsync(admin), 10_000m, closesIn: TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(winner, lot, 10_000m)).StatusCode);
        await WaitPastAsync(admin, lot);
        Assert.Equal(HttpStatusCode.Conflict, (await Auctioneer.BidAsync(winner, lot, 20_000m)).StatusCode);

        Assert.Equal(1, await CloseConcurrentlyAsync(app, 8));
        Assert.Equal(0, await CloseConcurrentlyAsync(app, 3));

        var view = await Auctioneer.LotViewAsync(admin, lot);
        Assert.Equal("closed", view["state"]!.GetValue<string>());
        Assert.Equal("sold", view["outcome"]!.GetValue<string>());
        var orders = (await winner.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!;
        var order = Assert.Single(orders)!;
        // 10,000 hammer + 26% premium (2,600) + 15% VAT on the premium (390).
        Assert.Equal(12_990m, order["total"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("pending_payment", order["state"]!.GetValue<string>());
        Assert.Equal(order["id"]!.GetValue<string>(), view["orderId"]!.GetValue<string>());
        // The invoice carries VAT on the premium only (the hammer price carries none), not 15/115 of the whole total.
        var invoice = (await winner.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]!.GetValue<string>()}/invoice"))!;
        Assert.Equal(390m, invoice["vat"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(12_990m, invoice["total"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(12_600m, invoice["totalExcludingVat"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Every_watcher_of_a_lot_closing_soon_is_told_once_however_many_watch()
    {
        await using var app = await ArtSoukApp.OnAsync(provider, settings: NoBackgroundCloser);
        var admin = await app.AdminClientAsync();
        var lot = await Auctioneer.LotAsync(admin, await Auctioneer.SaleAsync(admin), closesAt: DateTimeOffset.UtcNow.AddMinutes(5));
        // More watchers than one read takes, so the second page onwards is only reached past watchers already told.
        var watchers = EndingSoon.PageSize * 2 + 500;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuctionsDbContext>();
            db.Watches.AddRange(Enumerable.Range(0, watchers).Select(_ => new Watch { LotId = lot, UserId = Guid.NewGuid(), CreatedAt = DateTimeOffset.UtcNow }));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(watchers, await EndingSoonAsync(app));
        Assert.Equal(0, await EndingSoonAsync(app));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuctionsDbContext>();
            Assert.Equal(watchers, await db.Outbox.CountAsync(m => m.Type == NoticeTypes.EndingSoon, TestContext.Current.CancellationToken));
        }
    }

    private static async Task<int> EndingSoonAsync(ArtSoukApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EndingSoon>().RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_close_restarted_after_its_closer_died_finishes_with_the_same_single_order()
    {
        await using var app = await ArtSoukApp.OnAsync(provider, settings: NoBackgroundCloser);
        var admin = await app.AdminClientAsync();
        var (winner, winnerId) = await app.AccountAsync(admin, "collector");
        var lot = await Auctioneer.LotAsync(admin, await Auctioneer.SaleAsync(admin), 1000m, closesIn: TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(winner, lot, 1000m)).StatusCode);
        await WaitPastAsync(admin, lot);

        // A closer claimed the lot and created the order, then died before marking the lot closed.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuctionsDbContext>();
            var stale = DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeMilliseconds();
            Assert.Equal(1, await db.Lots.Where(l => l.Id == lot).ExecuteUpdateAsync(s => s.SetProperty(l => l.State, LotStates.Closing)
                .SetProperty(l => l.ClaimToken, Guid.NewGuid()).SetProperty(l => l.ClaimedAtMs, stale)));
            var entry = await db.Lots.Where(l => l.Id == lot).Select(l => l.EntryId).SingleAsync();
            await scope.ServiceProvider.GetRequiredService<SaleOrders>().CreateForWonLotAsync(winnerId, entry, 1000_00, 260_00, 39_00, "lot:" + lot, "ar", CancellationToken.None);
        }

        Assert.Equal(1, await CloseConcurrentlyAsync(app, 4));
        Assert.Equal("closed", (await Auctioneer.LotViewAsync(admin, lot))["state"]!.GetValue<string>());
        Assert.Single((await winner.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
    }

    [Fact]
    public async Task A_lot_whose_reserve_is_not_met_passes_without_an_order()
    {
        await using var app = await ArtSoukApp.OnAsync(provider, settings: NoBackgroundCloser);
        var admin = await app.AdminClientAsync();
        var (bidder, _) = await app.AccountAsync(admin, "collector");
        var lot = await Auctioneer.LotAsync(admin, await Auctioneer.SaleAsync(admin), 1000m, reserve: 5000m, closesIn: TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1500m)).StatusCode);
        await WaitPastAsync(admin, lot);
        Assert.Equal(1, await CloseConcurrentlyAsync(app, 3));
        var view = await Auctioneer.LotViewAsync(admin, lot);
        Assert.Equal("passed", view["outcome"]!.GetValue<string>());
        Assert.Empty((await bidder.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
    }

    [Fact]
    public async Task The_background_closer_closes_a_lot_soon_after_its_time()
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var admin = await app.AdminClientAsync();
        var (bidder, _) = await app.AccountAsync(admin, "collector");
        var lot = await Auctioneer.LotAsync(admin, await Auctioneer.SaleAsync(admin), 1000m, closesIn: TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1000m)).StatusCode);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        string? state = null;
        while (DateTimeOffset.UtcNow < deadline && state != "closed")
        {
            await Task.Delay(500);
            state = (await Auctioneer.LotViewAsync(admin, lot))["state"]!.GetValue<string>();
        }
        Assert.Equal("closed", state);
        Assert.Single((await bidder.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
    }
}

public sealed class SqliteAuctionClosingTests() : AuctionClosingTests("sqlite");

public sealed class PostgresAuctionClosingTests() : AuctionClosingTests("postgres");

/// <summary>
/// Two host processes on one PostgreSQL database, each with its own lot queue, connection pools and clock, racing bids
/// on one lot.
/// </summary>
public sealed class PostgresAuctionTwoHostTests
{
    [Fact]
    public async Task Two_host_processes_on_one_database_never_accept_conflicting_bids()
    {
        var connection = await Postgres.CreateDatabaseOrSkipAsync();
        var ct = TestContext.Current.CancellationToken;
        // One after the other, so the first applies the migrations; each keeps its own data folder (search index, keys).
        await using var first = await HostProcess.StartOnPostgresAsync(connection, Directory.CreateTempSubdirectory("artsouk-two-a-").FullName, ct);
        await using var second = await HostProcess.StartOnPostgresAsync(connection, Directory.CreateTempSubdirectory("artsouk-two-b-").FullName, ct);
        var admin = await first.AdminAsync(ct);
        var lot = await Auctioneer.LotAsync(admin, await Auctioneer.SaleAsync(admin));
        // Half the bidders sign in to each host (each host signs its own tokens).
        var bidders = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var email = $"two-{Guid.NewGuid():N}@artsouk.test";
            (await first.Http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = People.Password }, ct)).EnsureSuccessStatusCode();
            return await (i % 2 == 0 ? first : second).SignInAsync(email, People.Password, ct);
        }));

        var same = await Race.AllAsync(bidders.Length, i => Auctioneer.BidAsync(bidders[i], lot, 2000m));
        Assert.Single(same, a => a.StatusCode == HttpStatusCode.Created);
        // Rounds of rising proxy bids from both hosts at once.
        var accepted = 1;
        for (var round = 0; round < 5; round++)
        {
            var storm = await Race.AllAsync(bidders.Length,
                i => Auctioneer.BidAsync(bidders[i], lot, 2200m + 2000m * round + 100m * i, maxAmount: 2200m + 2000m * round + 300m * i));
            Assert.All(storm, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
            accepted += storm.Count(a => a.StatusCode == HttpStatusCode.Created);
        }

        // The stored bids, in the database's order, replay one by one through the engine to the lot's row: nothing
        // accepted that one judge would have refused, nothing lost, every price the one the engine gives.
        await using var db = NpgsqlDataSource.Create(connection);
        var book = Book.Empty;
        var terms = new Terms(1_000_00, null, Ladder.Default);
        var stored = 0;
        await using (var bids = db.CreateCommand(
            "select bidder_id, amount_minor, max_minor, price_after_minor from auctions.bids where lot_id = $1 and kind = 'bid' order by id"))
        {
            bids.Parameters.Add(new NpgsqlParameter { Value = lot });
            await using var reader = await bids.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var outcome = ProxyAuction.Place(book, terms, reader.GetGuid(0), reader.GetInt64(1), reader.GetInt64(2));
                Assert.True(outcome.Accepted, $"stored bid {stored} refused on replay");
                Assert.Equal(reader.GetInt64(3), outcome.Book.PriceMinor);
                book = outcome.Book;
                stored++;
            }
        }
        Assert.Equal(accepted, stored);
        await using var row = db.CreateCommand("select price_minor, leader_id, leader_max_minor, runner_up_max_minor, bid_count from auctions.lots where id = $1");
        row.Parameters.Add(new NpgsqlParameter { Value = lot });
        await using var lotRow = await row.ExecuteReaderAsync(ct);
        Assert.True(await lotRow.ReadAsync(ct));
        Assert.Equal(book, new Book(lotRow.GetInt64(0), lotRow.GetGuid(1), lotRow.GetInt64(2), lotRow.GetInt64(3)));
        Assert.Equal(accepted, lotRow.GetInt32(4));
    }
}

/// <summary>
/// The two lookups a storm makes on a lot's bids, as PostgreSQL plans them on a new store (no statistics yet), where a
/// plan is cached for the life of a connection: each must use its own index, never walk every bid of the lot.
/// </summary>
public sealed class PostgresBidIndexTests
{
    [Fact]
    public async Task The_retry_check_probes_the_unique_index_and_the_history_reads_its_own()
    {
        var connection = await Postgres.CreateDatabaseOrSkipAsync();
        await using (var app = new ArtSoukApp(connection, seed: false))
        {
            _ = app.CreateClient();
        }
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        // Index paths only (the question is which index, not whether an empty table is cheaper read whole), and the
        // generic plan, which is the one a function such as auctions.place_bid keeps.
        await using (var setup = new NpgsqlCommand(
            """
            SET enable_seqscan = off;
            SET plan_cache_mode = force_generic_plan;
            PREPARE retry(uuid, uuid, text) AS
                SELECT EXISTS (SELECT 1 FROM auctions.bids b WHERE b.lot_id = $1 AND b.bidder_id = $2 AND b.client_bid_id = $3);
            PREPARE history(uuid) AS
                SELECT b.id FROM auctions.bids b WHERE b.lot_id = $1 AND b.retracted_at IS NULL ORDER BY b.id DESC LIMIT 500;
            """, db))
        {
            await setup.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(["ix_bids_lot_id_bidder_id_client_bid_id"], await IndexesAsync(db, "EXECUTE retry(gen_random_uuid(), gen_random_uuid(), 'x')"));
        Assert.Equal(["ix_bids_lot_id_id"], await IndexesAsync(db, "EXECUTE history(gen_random_uuid())"));
    }

    /// <summary>The indexes a statement's plan reads.</summary>
    private static async Task<List<string>> IndexesAsync(NpgsqlConnection db, string statement)
    {
        await using var explain = new NpgsqlCommand($"EXPLAIN (FORMAT JSON) {statement}", db);
        var plan = JsonNode.Parse((string)(await explain.ExecuteScalarAsync(TestContext.Current.CancellationToken))!)!;
        var names = new List<string>();
        Walk(plan);
        return names;

        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["Index Name"] is { } name)
                    {
                        names.Add(name.GetValue<string>());
                    }
                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }
                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }
                    break;
            }
        }
    }
}
