using System.Net;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Bidders' e-mails (outbid, ending soon, won, lost) through the auctions outbox and MailKit to a loopback SMTP server,
/// each in the language its reader chose; and a passed lot's work going back on sale.
/// </summary>
public abstract class AuctionNoticeTests(string provider) : IAsyncLifetime
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);
    private readonly SmtpSink _smtp = new();
    private ArtSoukApp _app = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await ArtSoukApp.OnAsync(provider, settings: new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Auctions:CloserInterval"] = "00:00:00.5",
            ["Auctions:EndingSoonLead"] = "00:10:00",
        });
        _admin = await _app.AdminClientAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<(HttpClient Client, string Email)> PersonAsync(string locale)
    {
        var (_, email) = await People.RegisterAsync(_app, locale);
        return (await People.SignedInAsync(_app, email), email);
    }

    private async Task<int> NumberOfAsync(Guid lot) => (await Auctioneer.LotViewAsync(_app.CreateClient(), lot))["number"]!.GetValue<int>();

    private static string To(MimeMessage mail) => mail.To.Mailboxes.Single().Address;

    /// <summary>The language the mail's HTML declares (<c>&lt;html lang="…"&gt;</c>).</summary>
    private static string Language(MimeMessage mail) =>
        System.Text.RegularExpressions.Regex.Match(mail.HtmlBody ?? "", "<html lang=\"([a-z]+)\"").Groups[1].Value;

    [Fact]
    public async Task An_outbid_bidder_is_mailed_in_their_language_and_a_bidding_war_mails_them_once()
    {
        var sale = await Auctioneer.SaleAsync(_admin);
        var lot = await Auctioneer.LotAsync(_admin, sale);
        var (a, aEmail) = await PersonAsync("en");
        var (b, bEmail) = await PersonAsync("ar");
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(a, lot, 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(b, lot, 1100m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(a, lot, 1200m)).StatusCode);
        // Outbid again within the throttle: neither hears a second time.
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(b, lot, 1300m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(a, lot, 1400m)).StatusCode);
        // A notice written after those: the outbox mails in order, so it comes next only if the throttled ones were never sent.
        var other = await Auctioneer.LotAsync(_admin, sale);
        var (c, cEmail) = await PersonAsync("en");
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(c, other, 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(b, other, 1100m)).StatusCode);
        var number = await NumberOfAsync(lot);

        var first = await _smtp.NextAsync(MailWait);
        var second = await _smtp.NextAsync(MailWait);
        var third = await _smtp.NextAsync(MailWait);

        Assert.Equal((aEmail, "en", $"You have been outbid on lot {number}"), (To(first), Language(first), first.Subject));
        Assert.Contains("1100.00 SAR", first.TextBody, StringComparison.Ordinal);
        Assert.Equal((bEmail, "ar", $"تجاوز أحدهم مزايدتك على القطعة {number}"), (To(second), Language(second), second.Subject));
        Assert.Contains("dir=\"rtl\"", second.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(cEmail, To(third));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task When_a_lot_closes_the_winner_and_the_underbidder_are_each_mailed_once_in_their_language(string winnerLanguage)
    {
        var loserLanguage = winnerLanguage == "en" ? "ar" : "en";
        var sale = await Auctioneer.SaleAsync(_admin);
        var (a, aEmail) = await PersonAsync(loserLanguage);
        var (b, bEmail) = await PersonAsync(winnerLanguage);
        var lot = await Auctioneer.LotAsync(_admin, sale, closesIn: TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(a, lot, 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(b, lot, 1100m)).StatusCode);
        var number = await NumberOfAsync(lot);

        var outbid = await _smtp.NextAsync(MailWait);
        // The close writes won and lost; commerce confirms the winner's order from its own outbox, in any order with them.
        var closed = new List<MimeMessage>();
        for (var i = 0; i < 3; i++)
        {
            closed.Add(await _smtp.NextAsync(MailWait));
        }

        Assert.Equal(aEmail, To(outbid));
        var won = Assert.Single(closed, m => To(m) == bEmail && m.Subject == (winnerLanguage == "en" ? $"You won lot {number}" : $"فزت بالقطعة {number}"));
        Assert.Equal(winnerLanguage, Language(won));
        Assert.Contains(winnerLanguage == "en" ? "1100.00 SAR" : "1100.00 ريال", won.TextBody, StringComparison.Ordinal);
        var lost = Assert.Single(closed, m => To(m) == aEmail);
        Assert.Equal((loserLanguage, loserLanguage == "en" ? $"Lot {number} has closed" : $"أُغلقت القطعة {number}"), (Language(lost), lost.Subject));
        var order = Assert.Single(closed, m => To(m) == bEmail && m != won);
        Assert.Matches(winnerLanguage == "en" ? "^Your Art Souk order AS-[0-9A-F]{10} is confirmed$" : "^تأكيد طلبك AS-[0-9A-F]{10} من سوق الفن$", order.Subject);
        Assert.Equal(winnerLanguage, Language(order));
        Assert.Equal("closed", (await Auctioneer.LotViewAsync(_app.CreateClient(), lot))["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task A_watcher_is_mailed_once_that_the_lot_closes_soon(string language)
    {
        var sale = await Auctioneer.SaleAsync(_admin);
        var lot = await Auctioneer.LotAsync(_admin, sale, closesAt: DateTimeOffset.UtcNow.AddMinutes(5));
        var (watcher, email) = await PersonAsync(language);
        Assert.Equal(HttpStatusCode.OK, (await watcher.PostAsync($"/api/v1/lots/{lot}/watch", null)).StatusCode);
        var number = await NumberOfAsync(lot);

        var soon = await _smtp.NextAsync(MailWait);
        Assert.Equal((email, language, language == "en" ? $"Lot {number} closes soon" : $"القطعة {number} تُغلق قريبًا"), (To(soon), Language(soon), soon.Subject));

        // Many closer runs later, a later notice is the next mail: the watcher was not told again.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        var (x, xEmail) = await PersonAsync("ar");
        var (y, _) = await PersonAsync("ar");
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(x, lot, 1000m)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(y, lot, 1100m)).StatusCode);
        Assert.Equal(xEmail, To(await _smtp.NextAsync(MailWait)));
    }

    [Fact]
    public async Task A_lot_that_closes_unsold_puts_its_work_back_on_sale()
    {
        var sale = await Auctioneer.SaleAsync(_admin);
        var bidder = await Auctioneer.BidderAsync(_app, _admin);
        var lot = await Auctioneer.LotAsync(_admin, sale, reserve: 5000m, closesIn: TimeSpan.FromSeconds(4));
        Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(bidder, lot, 1000m)).StatusCode);
        var entry = Guid.Parse((await Auctioneer.LotViewAsync(_app.CreateClient(), lot))["entryId"]!.GetValue<string>());
        Assert.Equal("at_auction", await AvailabilityAsync(entry));

        var deadline = DateTimeOffset.UtcNow + MailWait;
        while ((await Auctioneer.LotViewAsync(_app.CreateClient(), lot))["state"]!.GetValue<string>() != "closed" && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.Equal("passed", (await Auctioneer.LotViewAsync(_app.CreateClient(), lot))["outcome"]!.GetValue<string>());
        Assert.Equal("available", await AvailabilityAsync(entry));
    }

    private async Task<string> AvailabilityAsync(Guid entry)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var commerce = scope.ServiceProvider.GetRequiredService<ArtSouk.Commerce.Persistence.CommerceDbContext>();
        return (await commerce.Listings.AsNoTracking().SingleAsync(l => l.EntryId == entry)).Availability;
    }
}

public sealed class SqliteAuctionNoticeTests() : AuctionNoticeTests("sqlite");

/// <summary>On PostgreSQL the outbid notice and its throttle are written by <c>auctions.place_bid</c> itself.</summary>
public sealed class PostgresAuctionNoticeTests() : AuctionNoticeTests("postgres");
