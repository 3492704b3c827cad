using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Reading;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Money;
using ArtSouk.Kernel.Problems;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ArtSouk.Commerce.Invoices;

internal sealed record InvoiceLineView(Guid EntryId, string Title, int Quantity, PriceView UnitPrice, PriceView Total);

internal sealed record SellerView(string Name, string NameEnglish, string VatNumber);

/// <summary>The invoice as JSON: <see cref="ZatcaQr"/> is the base64 TLV payload, <see cref="QrImage"/> the same rendered as a PNG data URL.</summary>
internal sealed record InvoiceView(
    Guid Id, string Number, Guid OrderId, DateTimeOffset IssuedAt, SellerView Seller, IReadOnlyList<InvoiceLineView> Lines,
    PriceView TotalExcludingVat, int VatPercent, PriceView Vat, PriceView Total, string ZatcaQr, string QrImage, string Page);

/// <summary><c>GET /api/v1/orders/{id}/invoice</c> and its printable page, for the order's buyer and administrators.</summary>
internal static class InvoiceApi
{
    public static void MapInvoiceApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/orders/{id:guid}/invoice").RequireAuthorization().WithTags("Commerce");
        group.MapGet("/", GetAsync).WithSummary("The order's simplified tax invoice (issued on first request), with the ZATCA QR payload");
        group.MapGet("/page", PageAsync).WithSummary("The invoice as a printable page in the buyer's language (locale= to choose): Arabic right to left, Gregorian dates with the Hijri beside")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        group.MapGet("/pdf", PdfAsync).WithSummary("The printable page as a PDF (headless Chromium prints it, so Arabic is shaped and right to left)")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    private static async Task<Results<FileContentHttpResult, NotFoundProblem, ConflictProblem>> PdfAsync(
        Guid id, HttpContext http, CommerceDbContext db, InvoiceIssuer issuer, ContentReader reader, InvoicePdf printer, IOptions<CommerceOptions> options, CancellationToken ct)
    {
        if (await ReadableAsync(id, http, db, ct) is not { } order)
        {
            return OrdersApi.NoOrder(http, id);
        }
        var locale = http.Request.Query.ContainsKey("locale") && Locales.TryFromQuery(http.Request, out var asked) ? asked : order.Locale;
        var (invoice, html) = await DocumentAsync(order, locale, issuer, reader, options.Value.Seller, ct);
        if (await printer.PrintAsync(html, ct) is not { } pdf)
        {
            return new ConflictProblem(CommerceProblems.PdfUnavailable, Locales.Say(http.Request,
                "تعذّر إعداد ملف PDF الآن؛ اطبع صفحة الفاتورة من المتصفح", "The PDF could not be made now; print the invoice page from the browser"));
        }
        return TypedResults.File(pdf, "application/pdf", $"invoice-{invoice.DisplayNumber}.pdf");
    }

    /// <summary>The order's invoice (issued on first need) and its printable page in <paramref name="locale"/>.</summary>
    public static async Task<(Invoice Invoice, string Html)> DocumentAsync(Order order, string locale, InvoiceIssuer issuer, ContentReader reader, SellerOptions seller, CancellationToken ct)
    {
        var invoice = await issuer.EnsureAsync(order, ct);
        var lines = await LinesAsync(order, reader, locale, ct);
        return (invoice, InvoicePage.Render(invoice, lines, locale, seller));
    }

    private static async Task<Results<Ok<InvoiceView>, NotFoundProblem>> GetAsync(
        Guid id, HttpContext http, CommerceDbContext db, InvoiceIssuer issuer, ContentReader reader, IOptions<CommerceOptions> options, CancellationToken ct)
    {
        if (await ReadableAsync(id, http, db, ct) is not { } order)
        {
            return OrdersApi.NoOrder(http, id);
        }
        var invoice = await issuer.EnsureAsync(order, ct);
        var locale = Locales.TryFromQuery(http.Request, out var asked) && http.Request.Query.ContainsKey("locale") ? asked : order.Locale;
        var lines = await LinesAsync(order, reader, locale, ct);
        return TypedResults.Ok(new InvoiceView(invoice.Id, invoice.DisplayNumber, order.Id, invoice.IssuedAt,
            new SellerView(invoice.SellerName, options.Value.Seller.NameEnglish, invoice.SellerVatNumber), lines,
            PriceView.Of(new Money(invoice.TotalMinor - invoice.VatMinor, invoice.Currency)), Invoice.VatPercent,
            PriceView.Of(new Money(invoice.VatMinor, invoice.Currency)), PriceView.Of(new Money(invoice.TotalMinor, invoice.Currency)),
            invoice.QrPayload, "data:image/png;base64," + Convert.ToBase64String(QrPng(invoice.QrPayload)), $"/api/v1/orders/{order.Id}/invoice/page"));
    }

    private static async Task<Results<ContentHttpResult, NotFoundProblem>> PageAsync(
        Guid id, HttpContext http, CommerceDbContext db, InvoiceIssuer issuer, ContentReader reader, IOptions<CommerceOptions> options, CancellationToken ct)
    {
        if (await ReadableAsync(id, http, db, ct) is not { } order)
        {
            return OrdersApi.NoOrder(http, id);
        }
        var invoice = await issuer.EnsureAsync(order, ct);
        var locale = http.Request.Query.ContainsKey("locale") && Locales.TryFromQuery(http.Request, out var asked) ? asked : order.Locale;
        var lines = await LinesAsync(order, reader, locale, ct);
        http.Response.Headers.ContentLanguage = locale;
        return TypedResults.Content(InvoicePage.Render(invoice, lines, locale, options.Value.Seller), "text/html; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The buyer's own order, or any order for an administrator.</summary>
    private static async Task<Order?> ReadableAsync(Guid id, HttpContext http, CommerceDbContext db, CancellationToken ct) =>
        http.User.IsInRole(Roles.Administrator)
            ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct)
            : await OrdersApi.OwnAsync(id, http, db, ct);

    /// <summary>Line titles come from the CMS in the invoice's language, never copied into commerce tables.</summary>
    private static async Task<List<InvoiceLineView>> LinesAsync(Order order, ContentReader reader, string locale, CancellationToken ct)
    {
        var items = await reader.GetManyAsync(order.Lines.Select(l => l.EntryId).ToList(), locale, preview: false, ct);
        return order.Lines.Select(l => new InvoiceLineView(l.EntryId, TitleOf(items.GetValueOrDefault(l.EntryId)) ?? l.EntryId.ToString(), l.Quantity,
            PriceView.Of(new Money(l.UnitMinor, order.Currency)), PriceView.Of(new Money(l.UnitMinor * l.Quantity, order.Currency)))).ToList();
    }

    private static string? TitleOf(ContentItem? item)
    {
        if (item is null)
        {
            return null;
        }
        var fields = JsonNode.Parse(item.FieldsJson) as JsonObject;
        return (fields?["title"] ?? fields?["name"]) is JsonValue v && v.TryGetValue<string>(out var title) ? title : null;
    }

    public static byte[] QrPng(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(4);
    }
}

/// <summary>The printable invoice: Arabic right to left (English left to right), amounts in SAR, times in Riyadh.</summary>
internal static class InvoicePage
{
    private static readonly TimeZoneInfo Riyadh = FindRiyadh();

    public static string Render(Invoice invoice, IReadOnlyList<InvoiceLineView> lines, string locale, SellerOptions seller)
    {
        var arabic = locale == Locales.Arabic;
        string T(string ar, string en) => arabic ? ar : en;
        string E(string text) => WebUtility.HtmlEncode(text);
        string Amount(long minor) => arabic
            ? new Money(minor, invoice.Currency).Amount.ToString("N2", Numbers) + " ر.س"
            : "SAR " + new Money(minor, invoice.Currency).Amount.ToString("N2", CultureInfo.InvariantCulture);
        var (gregorian, hijri) = Dates(invoice.IssuedAt, arabic);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="{locale}" dir="{(arabic ? "rtl" : "ltr")}">
            <head><meta charset="utf-8"><title>{E(T("فاتورة ضريبية مبسطة", "Simplified tax invoice"))} {invoice.DisplayNumber}</title>
            <style>{Style}</style></head>
            <body>
            <h1>{E(T("فاتورة ضريبية مبسطة", "Simplified tax invoice"))}</h1>
            <p>{E(T("رقم الفاتورة", "Invoice number"))}: <bdi>{invoice.DisplayNumber}</bdi></p>
            <p>{E(T("التاريخ", "Date"))}: <time datetime="{invoice.IssuedAt.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss'Z'}">{E(gregorian)}</time> (<span class="hijri">{E(hijri)}</span>)</p>
            <p>{E(T("البائع", "Seller"))}: {E(arabic ? invoice.SellerName : seller.NameEnglish)} — {E(T("الرقم الضريبي", "VAT number"))}: <bdi>{invoice.SellerVatNumber}</bdi></p>
            <table><thead><tr><th>{E(T("العمل", "Item"))}</th><th>{E(T("الكمية", "Qty"))}</th><th>{E(T("سعر الوحدة", "Unit price"))}</th><th>{E(T("المجموع", "Total"))}</th></tr></thead><tbody>
            """);
        foreach (var line in lines)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(line.Title)}</td><td>{line.Quantity}</td><td>{Amount((long)(line.UnitPrice.Amount * 100))}</td><td>{Amount((long)(line.Total.Amount * 100))}</td></tr>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"""
            </tbody></table>
            <p>{E(T("الإجمالي غير شامل الضريبة", "Total excluding VAT"))}: {Amount(invoice.TotalMinor - invoice.VatMinor)}</p>
            <p>{E(T("ضريبة القيمة المضافة", "VAT"))} {Invoice.VatPercent}%: {Amount(invoice.VatMinor)}</p>
            <p><strong>{E(T("الإجمالي شامل الضريبة", "Total including VAT"))}: {Amount(invoice.TotalMinor)}</strong></p>
            <img class="qr" alt="{E(T("رمز الاستجابة السريعة للفاتورة", "Invoice QR code"))}" src="data:image/png;base64,{Convert.ToBase64String(InvoiceApi.QrPng(invoice.QrPayload))}">
            </body></html>
            """);
        return html.ToString();
    }

    private const string Style = "body{font-family:system-ui,'Noto Naskh Arabic',sans-serif;max-width:48rem;margin:2rem auto}table{width:100%;border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.4rem;text-align:start}.qr{width:10rem}@media print{body{margin:0}}";

    private static readonly CultureInfo Numbers = CultureInfo.GetCultureInfo("ar-SA");

    /// <summary>
    /// The Gregorian date and the Hijri (Umm al-Qura) date, in Riyadh time. ar-SA formats in Umm al-Qura by default, so
    /// each calendar is set explicitly on a copy of the culture.
    /// </summary>
    public static (string Gregorian, string Hijri) Dates(DateTimeOffset at, bool arabic)
    {
        var local = TimeZoneInfo.ConvertTime(at, Riyadh).DateTime;
        var gregorian = (CultureInfo)CultureInfo.GetCultureInfo(arabic ? "ar-SA" : "en-GB").Clone();
        gregorian.DateTimeFormat.Calendar = new GregorianCalendar();
        var hijri = (CultureInfo)CultureInfo.GetCultureInfo("ar-SA").Clone();
        hijri.DateTimeFormat.Calendar = new UmAlQuraCalendar();
        var hijriText = local.ToString("d MMMM yyyy", hijri) + (arabic ? " هـ" : " AH");
        return (local.ToString("d MMMM yyyy HH:mm", gregorian), hijriText);
    }

    private static TimeZoneInfo FindRiyadh()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
        }
        catch (TimeZoneNotFoundException)
        {
            // Riyadh has kept UTC+3 without daylight saving since 1953.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Riyadh", TimeSpan.FromHours(3), "Riyadh", "Riyadh");
        }
    }
}
