using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using MimeKit;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Commerce e-mails leave through the outbox after commit and reach a real SMTP server through MailKit, in the
/// reader's language: Arabic right to left with an HTML and a plain-text part, or English.
/// </summary>
public abstract class CommerceMailTests(string provider)
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(30);

    private sealed class Shop : IAsyncDisposable
    {
        public required SmtpSink Smtp { get; init; }
        public required ArtSoukApp App { get; init; }
        public required HttpClient Admin { get; init; }

        /// <summary>The next message to <paramref name="address"/> whose subject contains <paramref name="subject"/>; others are kept for later calls.</summary>
        public Task<MimeMessage> MailAsync(string address, string subject) => Smtp.NextToAsync(address, subject, MailWait);

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }

    private async Task<Shop> ShopAsync(string? chromium = null)
    {
        var smtp = new SmtpSink();
        var settings = new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["ArtSouk:PublicUrl"] = "https://artsouk.example",
        };
        if (chromium is not null)
        {
            settings["Commerce:Invoice:Chromium"] = chromium;
        }
        var app = await ArtSoukApp.OnAsync(provider, settings: settings);
        return new Shop { Smtp = smtp, App = app, Admin = await app.AdminClientAsync() };
    }

    private static async Task<(Guid Artist, Guid Work)> ListedAsync(HttpClient admin, string arabicTitle, string englishTitle, decimal amount = 12500m, string type = "artwork")
    {
        var artist = await admin.CreateEntryAsync("artist", new { name = new { ar = "نوف الحربي", en = "Nouf Al-Harbi" } });
        var work = type == "artwork"
            ? await admin.CreateEntryAsync("artwork", new { title = new { ar = arabicTitle, en = englishTitle }, artist })
            : await admin.CreateEntryAsync(type, new { title = new { ar = arabicTitle, en = englishTitle }, startsAt = "2027-03-01T17:00:00Z" });
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount, currency = "SAR" }, stock = type == "artwork" ? 1 : 30 })).EnsureSuccessStatusCode();
        return (artist, work);
    }

    private static async Task<(HttpClient Client, string Email)> BuyerAsync(ArtSoukApp app, string locale)
    {
        var (_, email) = await People.RegisterAsync(app, locale);
        return (await People.SignedInAsync(app, email), email);
    }

    private static async Task<JsonObject> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    [Fact]
    public async Task A_bank_transfer_order_mails_an_arabic_confirmation_with_the_transfer_details_then_the_payment_receipt()
    {
        await using var shop = await ShopAsync();
        var (_, work) = await ListedAsync(shop.Admin, "صحراء الفجر", "Desert Dawn");
        var (buyer, email) = await BuyerAsync(shop.App, "ar");
        var created = await buyer.PostAsJsonAsync("/api/v1/checkout?locale=ar", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await JsonAsync(created))["id"]!.GetValue<string>();

        var confirmation = await shop.MailAsync(email, "تأكيد طلبك");
        Assert.Contains("lang=\"ar\"", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("صحراء الفجر", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("SA0380000000608010167519", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("مصرف الراجحي", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains(" ر.س", confirmation.TextBody, StringComparison.Ordinal);
        var reference = "AS-" + Guid.Parse(order).ToString("N")[^10..].ToUpperInvariant();
        Assert.Contains(reference, confirmation.Subject, StringComparison.Ordinal);

        (await shop.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-1" })).EnsureSuccessStatusCode();
        var receipt = await shop.MailAsync(email, "استلمنا دفعتك");
        Assert.Contains("dir=\"rtl\"", receipt.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"https://artsouk.example/api/v1/orders/{order}/invoice/page?locale=ar", receipt.TextBody, StringComparison.Ordinal);
        // The invoice PDF (Chromium printing the Arabic page) rides along, and the buyer can fetch the same file.
        var pdf = Attachment(receipt, ".pdf");
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        Assert.StartsWith("invoice-INV-", pdf.FileName, StringComparison.Ordinal);
        Assert.Equal("%PDF-"u8.ToArray(), Bytes(pdf)[..5]);
        var fetched = await buyer.GetAsync($"/api/v1/orders/{order}/invoice/pdf");
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal("application/pdf", fetched.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), (await fetched.Content.ReadAsByteArrayAsync())[..5]);
    }

    [Fact]
    public async Task An_invoice_pdf_is_the_buyers_alone_and_a_browser_that_prints_nothing_is_a_clear_409()
    {
        // A "browser" that exits at once without a file: the buyer is told to print the page instead, in Arabic.
        await using var shop = await ShopAsync(chromium: "/bin/false");
        var (_, work) = await ListedAsync(shop.Admin, "ظلال النخيل", "Palm Shadows");
        var (buyer, _) = await BuyerAsync(shop.App, "ar");
        var created = await buyer.PostAsJsonAsync("/api/v1/checkout?locale=ar", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var order = (await JsonAsync(created))["id"]!.GetValue<string>();

        var (stranger, _) = await BuyerAsync(shop.App, "en");
        var hidden = await stranger.GetAsync($"/api/v1/orders/{order}/invoice/pdf");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal("application/problem+json", hidden.Content.Headers.ContentType?.MediaType);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/orders/{order}/invoice/pdf");
        request.Headers.AcceptLanguage.ParseAdd("ar");
        var unprintable = await buyer.SendAsync(request);
        Assert.Equal(HttpStatusCode.Conflict, unprintable.StatusCode);
        Assert.Equal("application/problem+json", unprintable.Content.Headers.ContentType?.MediaType);
        Assert.Contains("اطبع صفحة الفاتورة", (await JsonAsync(unprintable))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        // The page it points to still prints.
        Assert.Equal(HttpStatusCode.OK, (await buyer.GetAsync($"/api/v1/orders/{order}/invoice/page")).StatusCode);
    }

    private static MimePart Attachment(MimeMessage message, string extension) =>
        Assert.Single(message.Attachments.OfType<MimePart>(), a => a.FileName?.EndsWith(extension, StringComparison.Ordinal) == true);

    private static byte[] Bytes(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public async Task An_english_buyer_hears_of_shipping_and_of_a_partial_refund_in_english()
    {
        await using var shop = await ShopAsync();
        var (_, work) = await ListedAsync(shop.Admin, "قمر", "Moon Over Jeddah");
        var (buyer, email) = await BuyerAsync(shop.App, "en");
        var created = await buyer.PostAsJsonAsync("/api/v1/checkout?locale=en", new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = "bank-transfer" });
        var order = (await JsonAsync(created))["id"]!.GetValue<string>();
        var confirmation = await shop.MailAsync(email, "is confirmed");
        Assert.Contains("dir=\"ltr\"", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Moon Over Jeddah", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("SAR 12,500.00", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Al Rajhi Bank", confirmation.TextBody, StringComparison.Ordinal);

        (await shop.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-2" })).EnsureSuccessStatusCode();
        (await shop.Admin.PostAsync($"/api/v1/manage/orders/{order}/fulfil", null)).EnsureSuccessStatusCode();
        (await shop.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/refund", new { amount = 500.00m })).EnsureSuccessStatusCode();

        Assert.Contains("Payment received", (await shop.MailAsync(email, "Payment received")).Subject, StringComparison.Ordinal);
        var shipped = await shop.MailAsync(email, "has shipped");
        Assert.Contains("lang=\"en\"", shipped.HtmlBody, StringComparison.Ordinal);
        var refund = await shop.MailAsync(email, "A refund");
        Assert.Contains("We have refunded SAR 500.00", refund.TextBody, StringComparison.Ordinal);
        Assert.Contains("SAR 500.00", refund.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_paid_workshop_ticket_is_mailed_with_its_seats()
    {
        await using var shop = await ShopAsync();
        var (_, workshop) = await ListedAsync(shop.Admin, "ورشة الخط العربي", "Arabic Calligraphy Workshop", 350m, type: "workshop");
        var (buyer, email) = await BuyerAsync(shop.App, "ar");
        var created = await buyer.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = workshop, quantity = 2 } }, paymentMethod = "bank-transfer" });
        var order = (await JsonAsync(created))["id"]!.GetValue<string>();
        (await shop.Admin.PostAsJsonAsync($"/api/v1/manage/orders/{order}/mark-paid", new { reference = "TRF-3" })).EnsureSuccessStatusCode();
        var receipt = await shop.MailAsync(email, "استلمنا دفعتك");
        Assert.Contains("تذاكرك", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("ورشة الخط العربي × 2", receipt.TextBody, StringComparison.Ordinal);
        // A calendar entry at the workshop's time (two hours when no duration is given) and the ticket's QR code.
        var ics = System.Text.Encoding.UTF8.GetString(Bytes(Attachment(receipt, ".ics")));
        Assert.Contains("BEGIN:VEVENT\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20270301T170000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("DTEND:20270301T190000Z\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:ورشة الخط العربي\r\n", ics, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, Bytes(Attachment(receipt, ".png"))[..4]);
    }

    [Fact]
    public async Task An_offer_reaches_the_artist_in_arabic_and_its_acceptance_reaches_the_buyer_in_english_with_the_transfer_details()
    {
        await using var shop = await ShopAsync();
        var (artist, work) = await ListedAsync(shop.Admin, "نخيل", "Palms");
        var (artistClient, _) = await shop.App.AccountAsync(shop.Admin, "artist", artist);
        var artistEmail = await EmailOfAsync(artistClient);
        var (buyer, email) = await BuyerAsync(shop.App, "en");

        var made = await buyer.PostAsJsonAsync("/api/v1/commerce/offers?locale=en", new { entryId = work, amount = 10000m, message = "Would you take 10,000?" });
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var offer = (await JsonAsync(made))["id"]!.GetValue<string>();
        var toArtist = await shop.MailAsync(artistEmail, "عرض سعر على «نخيل»");
        Assert.Contains("dir=\"rtl\"", toArtist.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Would you take 10,000?", toArtist.TextBody, StringComparison.Ordinal);

        (await shop.Admin.PostAsync($"/api/v1/commerce/offers/{offer}/accept", null)).EnsureSuccessStatusCode();
        var accepted = await shop.MailAsync(email, "was accepted");
        Assert.Contains("“Palms”", accepted.Subject, StringComparison.Ordinal);
        Assert.Contains("SAR 10,000.00", accepted.TextBody, StringComparison.Ordinal);
        Assert.Contains("SA0380000000608010167519", accepted.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_about_a_work_is_mailed_to_its_artist_with_the_askers_address()
    {
        await using var shop = await ShopAsync();
        var (artist, work) = await ListedAsync(shop.Admin, "بحر", "Sea");
        var (artistClient, _) = await shop.App.AccountAsync(shop.Admin, "artist", artist);
        var artistEmail = await EmailOfAsync(artistClient);
        var (asker, email) = await BuyerAsync(shop.App, "ar");
        var asked = await asker.PostAsJsonAsync("/api/v1/commerce/inquiries", new { entryId = work, message = "هل اللوحة مؤطرة؟" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var mail = await shop.MailAsync(artistEmail, "سؤال عن «بحر»");
        Assert.Contains("هل اللوحة مؤطرة؟", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(email, mail.TextBody, StringComparison.Ordinal);
    }

    private static async Task<string> EmailOfAsync(HttpClient account) =>
        (await account.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["email"]!.GetValue<string>();
}

[Collection("sqlite")]
public sealed class SqliteCommerceMailTests() : CommerceMailTests("sqlite");

[Collection("postgres")]
public sealed class PostgresCommerceMailTests() : CommerceMailTests("postgres");
