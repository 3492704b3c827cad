using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.Auctions.Sales;
using ArtSouk.Commerce.Payments;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Stripe;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Registration deposits through HTTP against the fake card processor (Stripe's wire format, Stripe.net as the client), on
/// the shared host of each provider: charged at registration, settled by commerce's Stripe webhook, refunded after the sale.
/// </summary>
public abstract class AuctionDepositTests(HostFixture fixture)
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

    private FakeCardProcessor Cards => Host.App.Services.GetRequiredService<FakeCardProcessor>();

    private async Task<Guid> SaleAsync(decimal deposit, bool approval)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await Host.Admin.PostAsJsonAsync("/api/v1/manage/auctions", new
        {
            title = new { ar = Auctioneer.Unique("مزاد بتأمين"), en = Auctioneer.Unique("Deposit sale") },
            type = "timed",
            startsAt = now.AddMinutes(-1),
            endsAt = now.AddHours(1),
            biddersNeedApproval = approval,
            softCloseMinutes = 0,
            deposit,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sale = await Auctioneer.JsonAsync(created);
        Assert.Equal(deposit, sale["deposit"]!.GetValue<decimal>());
        return Guid.Parse(sale["id"]!.GetValue<string>());
    }

    private static async Task<JsonObject> RegisterAsync(HttpClient bidder, Guid sale, HttpStatusCode expected)
    {
        using var response = await bidder.PostAsync($"/api/v1/auctions/{sale}/registrations", null);
        Assert.Equal(expected, response.StatusCode);
        return await Auctioneer.JsonAsync(response);
    }

    /// <summary>The bidder's browser confirms the payment with Stripe (here Stripe.net against the local processor).</summary>
    private async Task PayAsync(string intentId)
    {
        var stripe = Host.App.Services.GetRequiredService<IStripeClient>();
        var paid = await new PaymentIntentService(stripe).ConfirmAsync(intentId, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_mada" });
        Assert.Equal("succeeded", paid.Status);
        Assert.Equal("automatic", paid.CaptureMethod);
    }

    private async Task<JsonObject> WebhookAsync(string payload, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        using var response = await Host.Anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Auctioneer.JsonAsync(response);
    }

    private async Task<JsonObject> RegistrationAsync(Guid sale, long paddle) =>
        (await Host.Admin.GetFromJsonAsync<JsonArray>($"/api/v1/manage/auctions/{sale}/registrations"))!
            .Single(r => r!["paddle"]!.GetValue<long>() == paddle)!.AsObject();

    private async Task<string> DepositStateAsync(Guid sale, long paddle, string awaited)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        string state;
        while ((state = (await RegistrationAsync(sale, paddle))["deposit"]!["state"]!.GetValue<string>()) != awaited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        return state;
    }

    /// <summary>Registered and paid through the webhook; its paddle and payment.</summary>
    private async Task<(long Paddle, string Intent, string Payload, string Signature)> PaidBidderAsync(HttpClient bidder, Guid sale)
    {
        var registration = await RegisterAsync(bidder, sale, HttpStatusCode.Created);
        var intent = registration["deposit"]!["paymentIntentId"]!.GetValue<string>();
        await PayAsync(intent);
        var (payload, signature) = Cards.Event("payment_intent.succeeded", intent, "whsec_artsouk_local");
        Assert.False((await WebhookAsync(payload, signature))["duplicate"]!.GetValue<bool>());
        return (registration["paddle"]!.GetValue<long>(), intent, payload, signature);
    }

    [Fact]
    public async Task A_deposit_is_charged_at_registration_and_bidding_waits_for_its_payment_and_then_the_approval()
    {
        var sale = await SaleAsync(5000m, approval: true);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale);
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);

        using (var unregistered = await Auctioneer.BidAsync(bidder, lot, 1000m))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unregistered.StatusCode);
            var problem = await People.ProblemAsync(unregistered);
            Assert.Equal("deposit-required", problem["code"]!.GetValue<string>());
            Assert.Matches("[\u0600-\u06FF]", problem["detail"]!.GetValue<string>());
        }

        var registration = await RegisterAsync(bidder, sale, HttpStatusCode.Created);
        Assert.Equal("pending", registration["state"]!.GetValue<string>());
        var deposit = registration["deposit"]!;
        Assert.Equal(5000m, deposit["amount"]!.GetValue<decimal>());
        Assert.Equal("pending", deposit["state"]!.GetValue<string>());
        Assert.NotNull(deposit["clientSecret"]);
        var intent = deposit["paymentIntentId"]!.GetValue<string>();
        // Registering again is the same registration and the same payment, never a second charge.
        var again = await RegisterAsync(bidder, sale, HttpStatusCode.OK);
        Assert.Equal(intent, again["deposit"]!["paymentIntentId"]!.GetValue<string>());

        using (var unpaid = await bidder.PostAsJsonAsync($"/api/v1/lots/{lot}/bids?locale=en", new { amount = 1000m, clientBidId = Guid.NewGuid().ToString() }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unpaid.StatusCode);
            var problem = await People.ProblemAsync(unpaid);
            Assert.Equal("deposit-required", problem["code"]!.GetValue<string>());
            Assert.Contains("5000.00 SAR deposit", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        await PayAsync(intent);
        var (payload, signature) = Cards.Event("payment_intent.succeeded", intent, "whsec_artsouk_local");
        Assert.False((await WebhookAsync(payload, signature))["duplicate"]!.GetValue<bool>());
        var paid = await RegistrationAsync(sale, registration["paddle"]!.GetValue<long>());
        Assert.Equal("paid", paid["deposit"]!["state"]!.GetValue<string>());
        Assert.Equal("pending", paid["state"]!.GetValue<string>());

        // Paid, but this sale also wants an administrator's approval.
        using (var unapproved = await Auctioneer.BidAsync(bidder, lot, 1000m))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unapproved.StatusCode);
            Assert.Equal("registration-required", await People.CodeAsync(unapproved));
        }
        var paddle = registration["paddle"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.PostAsync($"/api/v1/manage/auctions/{sale}/registrations/{paddle}/approve", null)).StatusCode);
        using var accepted = await Auctioneer.BidAsync(bidder, lot, 1000m);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(paddle, (await Auctioneer.JsonAsync(accepted))["paddle"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_deposit_whose_webhook_never_came_is_found_paid_when_the_bidder_registers_again()
    {
        var sale = await SaleAsync(750m, approval: false);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale);
        var bidder = await Auctioneer.BidderAsync(Host.App, Host.Admin);
        var registration = await RegisterAsync(bidder, sale, HttpStatusCode.Created);
        await PayAsync(registration["deposit"]!["paymentIntentId"]!.GetValue<string>());

        var again = await RegisterAsync(bidder, sale, HttpStatusCode.OK);
        Assert.Equal("paid", again["deposit"]!["state"]!.GetValue<string>());
        Assert.Null(again["deposit"]!["clientSecret"]);
        // No approval in this sale: a paid deposit is the registration.
        Assert.Equal("approved", again["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1000m)).StatusCode);
    }

    [Fact]
    public async Task Sales_still_running_never_hold_back_the_deposits_of_a_sale_that_is_over()
    {
        // More running sales with paid deposits than the refund run takes at once, made before the one that ends.
        var (bidder, _) = await Host.App.AccountAsync(Host.Admin, "collector");
        for (var i = 0; i < 21; i++)
        {
            var running = await SaleAsync(500m, approval: false);
            await PaidBidderAsync(bidder, running);
        }
        var over = await SaleAsync(500m, approval: false);
        var paid = await PaidBidderAsync(bidder, over);
        var lot = await Auctioneer.LotAsync(Host.Admin, over, 1000m, closesIn: TimeSpan.FromSeconds(4));

        // Nobody bid: the lot passes when it closes, and the deposit goes back.
        Assert.Equal("refunded", await DepositStateAsync(over, paid.Paddle, "refunded"));
        Assert.Equal("passed", (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["outcome"]!.GetValue<string>());
        Assert.Equal(1, Cards.RefundsOf(paid.Intent));
    }

    [Fact]
    public async Task After_the_sale_the_underbidder_is_refunded_once_and_the_winner_once_their_order_is_paid()
    {
        var sale = await SaleAsync(1000m, approval: false);
        var (under, _) = await Host.App.AccountAsync(Host.Admin, "collector");
        var (winner, _) = await Host.App.AccountAsync(Host.Admin, "collector");
        var u = await PaidBidderAsync(under, sale);
        var w = await PaidBidderAsync(winner, sale);
        var lot = await Auctioneer.LotAsync(Host.Admin, sale, 1000m, closesIn: TimeSpan.FromSeconds(8));
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(under, lot, 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(winner, lot, 1100m)).StatusCode);

        // The host's own closer closes the lot, then gives the underbidder's deposit back.
        Assert.Equal("refunded", await DepositStateAsync(sale, u.Paddle, "refunded"));
        Assert.Equal("sold", (await Auctioneer.LotViewAsync(Host.Anonymous, lot))["outcome"]!.GetValue<string>());
        Assert.Equal(1, Cards.RefundsOf(u.Intent));
        Assert.Equal(1000_00, Cards.RefundedOf(u.Intent));
        // The winner's stays until their order is paid.
        Assert.Equal("paid", (await RegistrationAsync(sale, w.Paddle))["deposit"]!["state"]!.GetValue<string>());
        Assert.Equal(0, Cards.RefundsOf(w.Intent));

        // A replayed webhook and more refund runs (racing each other) change nothing.
        Assert.True((await WebhookAsync(u.Payload, u.Signature))["duplicate"]!.GetValue<bool>());
        await Race.AllAsync(3, async _ =>
        {
            await using var scope = Host.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Deposits>().RunAsync(CancellationToken.None);
            return 0;
        });
        Assert.Equal(1, Cards.RefundsOf(u.Intent));
        Assert.Equal("refunded", (await RegistrationAsync(sale, u.Paddle))["deposit"]!["state"]!.GetValue<string>());

        var order = (await Auctioneer.LotViewAsync(Host.Admin, lot))["orderId"]!.GetValue<string>();
        (await Host.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-LOT" })).EnsureSuccessStatusCode();
        Assert.Equal("refunded", await DepositStateAsync(sale, w.Paddle, "refunded"));
        Assert.Equal(1, Cards.RefundsOf(w.Intent));
        Assert.Equal(1000_00, Cards.RefundedOf(w.Intent));
    }
}

[Collection("sqlite")]
public sealed class SqliteAuctionDepositTests(SqliteHost host) : AuctionDepositTests(host);

[Collection("postgres")]
public sealed class PostgresAuctionDepositTests(PostgresHost host) : AuctionDepositTests(host);
