using System.Globalization;
using System.Net;
using System.Text.Json;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Mail;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Auctions.Notices;

/// <summary>
/// Mails the auctions outbox's notices (outbid, ending soon, won, lost) in the language the person chose, Arabic right
/// to left. Delivery is at least once: a crash between sending and the dispatcher's record may send one twice.
/// </summary>
internal sealed class NoticeMail(AuctionsDbContext db, UserManager<User> users, IMailer mailer, IOptions<ArtSoukOptions> app) : IOutboxHandler
{
    /// <summary>Saudi Arabia keeps UTC+3 all year; times in mails read as Riyadh time.</summary>
    private static readonly TimeSpan Riyadh = TimeSpan.FromHours(3);

    public string Name => "auctions.mail";

    public bool Accepts(string eventType) => NoticeTypes.Are(eventType);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var notice = JsonSerializer.Deserialize<Notice>(message.Payload, JsonText.Options)!;
        var user = await users.FindByIdAsync(notice.UserId.ToString());
        if (user is not { Email: { Length: > 0 } email } || user.DisabledAt is not null)
        {
            return;
        }
        var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == notice.LotId, cancellationToken);
        var sale = await db.Sales.AsNoTracking().SingleAsync(s => s.Id == lot.SaleId, cancellationToken);
        var locale = user.Locale == Locales.English ? Locales.English : Locales.Arabic;
        var arabic = locale == Locales.Arabic;
        var saleTitle = arabic ? sale.TitleAr : sale.TitleEn;
        var price = new Money(notice.PriceMinor, Money.Sar).ToString();
        var ends = DateTimeOffset.FromUnixTimeMilliseconds(lot.EndsAtMs).ToOffset(Riyadh).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var (subject, lines) = message.Type switch
        {
            NoticeTypes.Outbid => arabic
                ? ($"تجاوز أحدهم مزايدتك على القطعة {lot.Number}", new[] { $"المزايدة الحالية على القطعة {lot.Number} في «{saleTitle}» صارت {price} ريال.", $"تُغلق القطعة في {ends} بتوقيت الرياض. زايد مرة أخرى إن شئت." })
                : ($"You have been outbid on lot {lot.Number}", new[] { $"The current bid on lot {lot.Number} in \"{saleTitle}\" is now {price} SAR.", $"The lot closes at {ends} Riyadh time. Bid again if you wish." }),
            NoticeTypes.EndingSoon => arabic
                ? ($"القطعة {lot.Number} تُغلق قريبًا", new[] { $"القطعة {lot.Number} التي تتابعها في «{saleTitle}» تُغلق في {ends} بتوقيت الرياض.", $"المزايدة الحالية {price} ريال." })
                : ($"Lot {lot.Number} closes soon", new[] { $"Lot {lot.Number} you are watching in \"{saleTitle}\" closes at {ends} Riyadh time.", $"The current bid is {price} SAR." }),
            NoticeTypes.Won => arabic
                ? ($"فزت بالقطعة {lot.Number}", new[] { $"رسا عليك المزاد على القطعة {lot.Number} في «{saleTitle}» بسعر {price} ريال.", "أنشأنا طلبك؛ تجد المبلغ مع عمولة المشتري وضريبتها في طلباتك، وتدفعه خلال سبعة أيام." })
                : ($"You won lot {lot.Number}", new[] { $"Lot {lot.Number} in \"{saleTitle}\" was hammered down to you at {price} SAR.", "Your order is ready: it shows the hammer price with the buyer's premium and its VAT; please pay within seven days." }),
            _ => arabic
                ? ($"أُغلقت القطعة {lot.Number}", new[] { $"أُغلقت المزايدة على القطعة {lot.Number} في «{saleTitle}» ولم تكن مزايدتك الفائزة.", "شكرًا لمشاركتك؛ تابع مزاداتنا القادمة." })
                : ($"Lot {lot.Number} has closed", new[] { $"Bidding on lot {lot.Number} in \"{saleTitle}\" has closed and yours was not the winning bid.", "Thank you for bidding; see our coming sales." }),
        };
        var link = app.Value.PublicUrl is { } site ? new Uri(site, $"/{locale}/auctions/lots/{lot.Id}").AbsoluteUri : null;
        await mailer.SendAsync(Compose(email, user.DisplayName, locale, subject, lines, link), cancellationToken);
    }

    private static OutgoingMail Compose(string to, string name, string locale, string subject, string[] lines, string? link)
    {
        var arabic = locale == Locales.Arabic;
        var dir = arabic ? "rtl" : "ltr";
        var align = arabic ? "right" : "left";
        var signature = arabic ? "سوق الفن" : "Art Souk";
        var text = string.Join("\n\n", lines) + (link is null ? "" : "\n\n" + link) + $"\n\n{signature}\n";
        var paragraphs = string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"));
        var anchor = link is null ? "" : $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{(arabic ? "افتح صفحة القطعة" : "Open the lot page")}</a></p>";
        var html = $"""
            <!DOCTYPE html>
            <html lang="{locale}" dir="{dir}">
            <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(subject)}</title></head>
            <body dir="{dir}" style="font-family: Tahoma, Arial, sans-serif; text-align: {align}; color: #222;">
              {paragraphs}{anchor}
              <p style="font-size: 13px; color: #555;">{signature}</p>
            </body>
            </html>
            """;
        return new OutgoingMail(to, string.IsNullOrEmpty(name) ? null : name, subject, html, text, locale);
    }
}
