using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Cms.Reading;
using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Invoices;
using ArtSouk.Commerce.Offers;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Mail;
using ArtSouk.Kernel.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Commerce.Mail;

/// <summary>
/// Turns committed commerce events into e-mails in the reader's language: to the buyer in the language they ordered
/// or offered in, to sellers in their account's language. Delivery is at least once (the outbox may hand a message
/// again after a crash between sending and recording it), so a rare duplicate e-mail is possible; a lost one is not.
/// </summary>
internal sealed class CommerceMail(
    CommerceDbContext db, UserManager<User> users, ContentReader reader, Sellers sellers, IMailer mailer,
    IOptions<CommerceOptions> options, IOptions<ArtSoukOptions> app, InvoiceIssuer invoices, InvoicePdf printer, TimeProvider clock) : IOutboxHandler
{
    public string Name => "commerce-mail";

    public bool Accepts(string eventType) => CommerceEvents.Mailed.Contains(eventType);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = JsonSerializer.Deserialize<EventPayload>(message.Payload, JsonText.Options)!;
        if (message.Type.StartsWith("commerce.order.", StringComparison.Ordinal))
        {
            await OrderAsync(message.Type, payload, cancellationToken);
        }
        else if (message.Type.StartsWith("commerce.offer.", StringComparison.Ordinal))
        {
            await OfferAsync(message.Type, payload.Id, cancellationToken);
        }
        else if (message.Type == CommerceEvents.InquiryAsked)
        {
            await InquiryAsync(payload.Id, cancellationToken);
        }
        else if (message.Type == CommerceEvents.WaitingListOffered)
        {
            await WaitingListOfferAsync(payload.Id, cancellationToken);
        }
    }

    private async Task OrderAsync(string type, EventPayload payload, CancellationToken ct)
    {
        if (await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == payload.Id, ct) is not { } order
            || await users.FindByIdAsync(order.BuyerId.ToString()) is not { Email: { } email } buyer)
        {
            return;
        }
        var items = await reader.GetManyAsync(order.Lines.Select(l => l.EntryId).ToList(), order.Locale, preview: false, ct);
        var typeIds = order.Lines.Select(l => l.TicketTypeId).OfType<Guid>().ToList();
        var ticketNames = await db.TicketTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name(order.Locale), ct);
        var letter = OrderLetters.Compose(type, order, buyer.DisplayName, items, payload.AmountMinor, options.Value, PublicUrl(), ticketNames);
        if (type == CommerceEvents.OrderPaid)
        {
            foreach (var line in order.Lines)
            {
                if (items.GetValueOrDefault(line.EntryId) is { } item && EntryTitles.IsTicket(item))
                {
                    letter.Attachments.AddRange(TicketFiles.For(order, line, item, OrderLetters.Title(line, items, ticketNames), clock.GetUtcNow()));
                }
            }
            if (options.Value.Invoice.AttachPdf)
            {
                var (invoice, html) = await InvoiceApi.DocumentAsync(order, order.Locale, invoices, reader, options.Value.Seller, ct);
                if (await printer.PrintAsync(html, ct) is { } pdf)
                {
                    letter.Attachments.Add(new MailAttachment($"invoice-{invoice.DisplayNumber}.pdf", "application/pdf", pdf));
                }
            }
        }
        await mailer.SendAsync(letter.ToMail(email, buyer.DisplayName), ct);
    }

    private async Task OfferAsync(string type, Guid id, CancellationToken ct)
    {
        if (await db.Offers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct) is not { } offer
            || await users.FindByIdAsync(offer.BuyerId.ToString()) is not { Email: { } buyerEmail } buyer)
        {
            return;
        }
        if (type == CommerceEvents.OfferMade)
        {
            foreach (var seller in await sellers.OfAsync(offer.EntryId, ct))
            {
                var title = await TitleAsync(offer.EntryId, seller.Locale, ct);
                await mailer.SendAsync(OfferLetters.ToSeller(offer, seller.DisplayName, seller.Locale, title, buyer).ToMail(seller.Email!, seller.DisplayName), ct);
            }
            return;
        }
        var order = offer.OrderId is { } orderId ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, ct) : null;
        var buyerTitle = await TitleAsync(offer.EntryId, offer.Locale, ct);
        await mailer.SendAsync(OfferLetters.ToBuyer(type, offer, buyer.DisplayName, buyerTitle, order, options.Value).ToMail(buyerEmail, buyer.DisplayName), ct);
    }

    private async Task InquiryAsync(Guid id, CancellationToken ct)
    {
        if (await db.Inquiries.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } inquiry
            || await users.FindByIdAsync(inquiry.AskerId.ToString()) is not { Email: not null } asker)
        {
            return;
        }
        foreach (var seller in await sellers.OfAsync(inquiry.EntryId, ct))
        {
            var title = await TitleAsync(inquiry.EntryId, seller.Locale, ct);
            await mailer.SendAsync(OfferLetters.Inquiry(inquiry, seller.DisplayName, seller.Locale, title, asker).ToMail(seller.Email!, seller.DisplayName), ct);
        }
    }

    private async Task WaitingListOfferAsync(Guid id, CancellationToken ct)
    {
        if (await db.WaitingList.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, ct) is not { State: Tickets.WaitingStates.Offered, OfferedUntil: { } until } entry
            || await db.TicketTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == entry.TicketTypeId, ct) is not { } ticketType
            || await users.FindByIdAsync(entry.UserId.ToString()) is not { Email: { } email } person)
        {
            // Claimed, left or lapsed before the mail went out: there is nothing to offer any more.
            return;
        }
        var title = await TitleAsync(entry.EntryId, entry.Locale, ct);
        await mailer.SendAsync(WaitingListLetters.Offer(entry, ticketType, person.DisplayName, title, until).ToMail(email, person.DisplayName), ct);
    }

    private async Task<string> TitleAsync(Guid entryId, string locale, CancellationToken ct) =>
        EntryTitles.Of((await reader.GetManyAsync([entryId], Locales.IsSupported(locale) ? locale : Locales.Arabic, preview: false, ct)).GetValueOrDefault(entryId))
        ?? entryId.ToString();

    private Uri? PublicUrl() => app.Value.PublicUrl;
}

internal static class EntryTitles
{
    /// <summary>An entry's title (or name) in the item's language, read from the CMS and never copied into commerce tables.</summary>
    public static string? Of(ContentItem? item)
    {
        if (item is null)
        {
            return null;
        }
        var fields = JsonNode.Parse(item.FieldsJson) as JsonObject;
        return (fields?["title"] ?? fields?["name"]) is JsonValue v && v.TryGetValue<string>(out var title) ? title : null;
    }

    public static bool IsTicket(ContentItem? item) => item?.Type is "event" or "workshop";
}

/// <summary>The letters about an order: confirmation (with bank-transfer instructions), payment received (with tickets), shipped, refund.</summary>
internal static class OrderLetters
{
    /// <summary>The reference a buyer writes on a bank transfer: short, unambiguous, from the order's random bits.</summary>
    public static string TransferReference(Guid orderId) => "AS-" + orderId.ToString("N")[^10..].ToUpperInvariant();

    /// <summary>A line's title in the order's language: the entry's, and the ticket type's name after it (<c>Workshop — Student</c>).</summary>
    public static string Title(OrderLine line, IReadOnlyDictionary<Guid, ContentItem> items, IReadOnlyDictionary<Guid, string> ticketNames)
    {
        var title = EntryTitles.Of(items.GetValueOrDefault(line.EntryId)) ?? line.EntryId.ToString();
        return line.TicketTypeId is { } t && ticketNames.TryGetValue(t, out var name) ? $"{title} — {name}" : title;
    }

    public static Letter Compose(string type, Order order, string name, IReadOnlyDictionary<Guid, ContentItem> items, long? amountMinor,
        CommerceOptions options, Uri? publicUrl, IReadOnlyDictionary<Guid, string>? ticketNames = null)
    {
        ticketNames ??= new Dictionary<Guid, string>();
        var reference = TransferReference(order.Id);
        var arabic = order.Locale != Locales.English;
        string T(string ar, string en) => arabic ? ar : en;
        var letter = new Letter(order.Locale)
        {
            Subject = type switch
            {
                CommerceEvents.OrderCreated => T($"تأكيد طلبك {reference} من سوق الفن", $"Your Art Souk order {reference} is confirmed"),
                CommerceEvents.OrderPaid => T($"استلمنا دفعتك للطلب {reference}", $"Payment received for order {reference}"),
                CommerceEvents.OrderFulfilled => T($"شُحن طلبك {reference}", $"Your order {reference} has shipped"),
                _ => T($"استرداد مبلغ من طلبك {reference}", $"A refund for your order {reference}"),
            },
            Greeting = string.IsNullOrWhiteSpace(name) ? T("مرحبًا،", "Hello,") : T($"مرحبًا {name}،", $"Hello {name},"),
        };
        foreach (var line in order.Lines)
        {
            letter.Lines.Add(new LetterLine(Title(line, items, ticketNames), line.Quantity, line.UnitMinor * line.Quantity));
        }
        letter.TotalMinor = order.TotalMinor;
        letter.Facts.Add((T("رقم الطلب", "Order number"), reference));
        var until = InvoicePage.Dates(order.ReservedUntil, arabic).Gregorian;
        switch (type)
        {
            case CommerceEvents.OrderCreated when order.PaymentMethod == PaymentMethods.BankTransfer:
                letter.Paragraphs.Add(T($"شكرًا لطلبك. حجزنا لك الأعمال أدناه حتى {until} بتوقيت الرياض؛ حوّل المبلغ قبل ذلك واكتب رقم الطلب في خانة البيان.",
                    $"Thank you for your order. The works below are held for you until {until} Riyadh time; transfer the total before then and write the order number as the transfer's reference."));
                letter.Facts.Add((T("البنك", "Bank"), arabic ? options.BankTransfer.BankName : options.BankTransfer.BankNameEnglish));
                letter.Facts.Add((T("اسم الحساب", "Account name"), options.BankTransfer.AccountName));
                letter.Facts.Add(("IBAN", options.BankTransfer.Iban));
                letter.Facts.Add((T("المبلغ", "Amount"), letter.Amount(order.TotalMinor)));
                letter.Paragraphs.Add(T("نؤكد الدفع بالبريد حين يصلنا التحويل.", "We confirm by e-mail when the transfer arrives."));
                break;
            case CommerceEvents.OrderCreated:
                letter.Paragraphs.Add(T($"شكرًا لطلبك. حجزنا لك الأعمال أدناه حتى {until} بتوقيت الرياض لإتمام الدفع بالبطاقة.",
                    $"Thank you for your order. The works below are held for you until {until} Riyadh time while you complete the card payment."));
                break;
            case CommerceEvents.OrderPaid:
                letter.Paragraphs.Add(T("وصلتنا دفعتك، والطلب الآن مدفوع. الفاتورة الضريبية المبسطة متاحة من الرابط أدناه.",
                    "Your payment has arrived and the order is paid. Your simplified tax invoice is at the link below."));
                var tickets = order.Lines.Where(l => EntryTitles.IsTicket(items.GetValueOrDefault(l.EntryId))).ToList();
                if (tickets.Count > 0)
                {
                    letter.Paragraphs.Add(T("تذاكرك: أبرز رقم الطلب هذا عند المدخل؛ عدد المقاعد كما في الجدول.",
                        "Your tickets: show this order number at the entrance; the number of seats is as in the table."));
                    foreach (var ticket in tickets)
                    {
                        var kind = ticket.TicketTypeId is { } t && ticketNames.TryGetValue(t, out var typeName) ? $" ({typeName})" : "";
                        letter.Facts.Add((T("تذكرة", "Ticket") + kind, $"{reference}-{ticket.Id} × {ticket.Quantity}"));
                    }
                }
                if (publicUrl is not null)
                {
                    letter.Link = (T("الفاتورة", "Invoice"), new Uri(publicUrl, $"/api/v1/orders/{order.Id}/invoice/page?locale={order.Locale}"));
                }
                break;
            case CommerceEvents.OrderFulfilled:
                letter.Paragraphs.Add(T("شُحن طلبك أو سُلّم. سنبلغك إن احتجنا منك شيئًا.", "Your order has been shipped or handed over. We will tell you if we need anything from you."));
                break;
            default:
                letter.Paragraphs.Add(T($"رددنا إليك {letter.Amount(amountMinor ?? 0)} من طلبك. يصل المبلغ بطريقة الدفع نفسها خلال أيام عمل.",
                    $"We have refunded {letter.Amount(amountMinor ?? 0)} of your order. It reaches you through the way you paid within a few working days."));
                letter.Facts.Add((T("المسترد حتى الآن", "Refunded so far"), letter.Amount(order.RefundedMinor)));
                break;
        }
        return letter;
    }
}

/// <summary>The letter to the first person on a waiting list when seats are held for them.</summary>
internal static class WaitingListLetters
{
    public static Letter Offer(Tickets.WaitingListEntry entry, Tickets.TicketType type, string name, string title, DateTimeOffset until)
    {
        var letter = new Letter(entry.Locale)
        {
            Subject = entry.Locale == Locales.English ? $"A seat is free for you: “{title}” ({type.NameEn})" : $"مقعد متاح لك: «{title}» ({type.NameAr})",
            Greeting = entry.Locale == Locales.English
                ? string.IsNullOrWhiteSpace(name) ? "Hello," : $"Hello {name},"
                : string.IsNullOrWhiteSpace(name) ? "مرحبًا،" : $"مرحبًا {name}،",
        };
        var by = InvoicePage.Dates(until, letter.Arabic).Gregorian;
        letter.Paragraphs.Add(letter.T(
            $"أصبح لدينا ما طلبته من تذاكر «{type.NameAr}» لـ«{title}»، وحجزناه لك حتى {by} بتوقيت الرياض. اشترِه من صفحة الفعالية بحسابك نفسه قبل ذلك؛ بعده ينتقل إلى التالي في قائمة الانتظار.",
            $"The “{type.NameEn}” tickets you waited for at “{title}” are free, and we are holding them for you until {by} Riyadh time. Buy them from the event's page with this same account before then; after that they pass to the next person waiting."));
        letter.Facts.Add((letter.T("نوع التذكرة", "Ticket type"), type.Name(letter.Locale)));
        letter.Facts.Add((letter.T("المقاعد", "Seats"), entry.Quantity.ToString(CultureInfo.InvariantCulture)));
        letter.Facts.Add((letter.T("السعر للمقعد", "Price per seat"), letter.Amount(type.PriceMinor)));
        return letter;
    }
}

/// <summary>The letters about offers and inquiries.</summary>
internal static class OfferLetters
{
    public static Letter ToSeller(Offer offer, string name, string locale, string title, User buyer)
    {
        var letter = new Letter(locale)
        {
            Subject = locale == Locales.English ? $"An offer on “{title}”" : $"عرض سعر على «{title}»",
            Greeting = Hello(locale, name),
        };
        letter.Paragraphs.Add(letter.T($"قدّم {buyer.DisplayName} عرضًا بمبلغ {letter.Amount(offer.AmountMinor)} على «{title}». اقبله أو ارفضه أو قدّم عرضًا مقابلًا من إدارة العروض.",
            $"{buyer.DisplayName} offers {letter.Amount(offer.AmountMinor)} for “{title}”. Accept, decline or counter it from the offers in the manager."));
        letter.Quote = offer.Message;
        letter.Facts.Add((letter.T("رقم العرض", "Offer"), offer.Id.ToString()));
        return letter;
    }

    public static Letter ToBuyer(string type, Offer offer, string name, string title, Order? order, CommerceOptions options)
    {
        var letter = new Letter(offer.Locale)
        {
            Subject = type switch
            {
                CommerceEvents.OfferAccepted => offer.Locale == Locales.English ? $"Your offer on “{title}” was accepted" : $"قُبل عرضك على «{title}»",
                CommerceEvents.OfferCountered => offer.Locale == Locales.English ? $"A counter-offer on “{title}”" : $"عرض مقابل على «{title}»",
                _ => offer.Locale == Locales.English ? $"Your offer on “{title}” was declined" : $"اعتذر البائع عن عرضك على «{title}»",
            },
            Greeting = Hello(offer.Locale, name),
        };
        switch (type)
        {
            case CommerceEvents.OfferAccepted when order is not null:
                var reference = OrderLetters.TransferReference(order.Id);
                var until = InvoicePage.Dates(order.ReservedUntil, letter.Arabic).Gregorian;
                letter.Paragraphs.Add(letter.T($"اتفقتما على {letter.Amount(offer.AgreedMinor)}. حجزنا «{title}» لك حتى {until} بتوقيت الرياض؛ أتمّ الدفع قبل ذلك.",
                    $"You agreed on {letter.Amount(offer.AgreedMinor)}. “{title}” is held for you until {until} Riyadh time; complete the payment before then."));
                letter.Facts.Add((letter.T("رقم الطلب", "Order number"), reference));
                if (order.PaymentMethod == PaymentMethods.BankTransfer)
                {
                    letter.Facts.Add((letter.T("البنك", "Bank"), letter.Arabic ? options.BankTransfer.BankName : options.BankTransfer.BankNameEnglish));
                    letter.Facts.Add((letter.T("اسم الحساب", "Account name"), options.BankTransfer.AccountName));
                    letter.Facts.Add(("IBAN", options.BankTransfer.Iban));
                }
                letter.Facts.Add((letter.T("المبلغ", "Amount"), letter.Amount(order.TotalMinor)));
                break;
            case CommerceEvents.OfferCountered:
                letter.Paragraphs.Add(letter.T($"عرضت {letter.Amount(offer.AmountMinor)}، ويقترح البائع {letter.Amount(offer.CounterMinor ?? offer.AmountMinor)}. اقبل العرض المقابل أو ارفضه من حسابك.",
                    $"You offered {letter.Amount(offer.AmountMinor)}; the seller proposes {letter.Amount(offer.CounterMinor ?? offer.AmountMinor)}. Accept or decline the counter-offer from your account."));
                break;
            default:
                letter.Paragraphs.Add(letter.T($"اعتذر البائع عن عرضك بمبلغ {letter.Amount(offer.AmountMinor)}. ما زال بإمكانك شراء العمل بسعره المعروض أو تقديم عرض آخر.",
                    $"The seller declined your offer of {letter.Amount(offer.AmountMinor)}. You can still buy the work at its listed price or make another offer."));
                break;
        }
        return letter;
    }

    public static Letter Inquiry(Inquiry inquiry, string name, string locale, string title, User asker)
    {
        var letter = new Letter(locale)
        {
            Subject = locale == Locales.English ? $"A question about “{title}”" : $"سؤال عن «{title}»",
            Greeting = Hello(locale, name),
        };
        letter.Paragraphs.Add(letter.T($"سأل {asker.DisplayName} عن «{title}». أجبه بالرد على بريده أدناه.",
            $"{asker.DisplayName} asked about “{title}”. Answer by writing to their address below."));
        letter.Quote = inquiry.Message;
        letter.Facts.Add((letter.T("البريد الإلكتروني", "E-mail"), asker.Email!));
        return letter;
    }

    private static string Hello(string locale, string name) => locale == Locales.English
        ? string.IsNullOrWhiteSpace(name) ? "Hello," : $"Hello {name},"
        : string.IsNullOrWhiteSpace(name) ? "مرحبًا،" : $"مرحبًا {name}،";
}
