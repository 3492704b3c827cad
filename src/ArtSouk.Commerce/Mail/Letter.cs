using System.Globalization;
using System.Net;
using System.Text;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Mail;
using ArtSouk.Kernel.Money;

namespace ArtSouk.Commerce.Mail;

/// <summary>One row of the table of works in a letter.</summary>
internal sealed record LetterLine(string Title, int Quantity, long AmountMinor);

/// <summary>
/// A commerce e-mail before layout: written in one language, laid out as HTML (right to left for Arabic) and as its
/// plain-text twin by <see cref="ToMail"/>. Everything a person typed is HTML-encoded here, once.
/// </summary>
internal sealed class Letter(string locale)
{
    public string Locale { get; } = locale == Locales.English ? Locales.English : Locales.Arabic;
    public bool Arabic => Locale == Locales.Arabic;
    public required string Subject { get; init; }
    public required string Greeting { get; init; }
    public List<string> Paragraphs { get; } = [];
    public List<LetterLine> Lines { get; } = [];
    public long? TotalMinor { get; set; }

    /// <summary>Labelled facts (a bank account, a reference): shown as a definition list, values left to right.</summary>
    public List<(string Label, string Value)> Facts { get; } = [];

    /// <summary>A quoted message from another person (an inquiry, an offer's note).</summary>
    public string? Quote { get; set; }

    public (string Label, Uri Href)? Link { get; set; }

    public string T(string arabic, string english) => Arabic ? arabic : english;

    private static readonly CultureInfo ArabicNumbers = CultureInfo.GetCultureInfo("ar-SA");

    /// <summary><c>١٢٬٥٠٠٫٠٠ ر.س</c> style separators in Arabic (digits as the invoice shows them), <c>SAR 12,500.00</c> in English.</summary>
    public string Amount(long minor) => Arabic
        ? new Money(minor, Money.Sar).Amount.ToString("N2", ArabicNumbers) + " ر.س"
        : "SAR " + new Money(minor, Money.Sar).Amount.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>Files sent with the letter: the invoice PDF, tickets' QR codes and calendar entries.</summary>
    public List<MailAttachment> Attachments { get; } = [];

    public OutgoingMail ToMail(string to, string? toName) => new(to, toName, Subject, Html(), Text(), Locale, Attachments.Count > 0 ? Attachments : null);

    private string Text()
    {
        var text = new StringBuilder();
        text.Append(Greeting).Append("\n\n");
        foreach (var paragraph in Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }
        if (Quote is not null)
        {
            text.Append("> ").Append(Quote.ReplaceLineEndings("\n> ")).Append("\n\n");
        }
        foreach (var line in Lines)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {line.Title} × {line.Quantity}: {Amount(line.AmountMinor)}\n");
        }
        if (TotalMinor is { } total)
        {
            text.Append(T("الإجمالي", "Total")).Append(": ").Append(Amount(total)).Append('\n');
        }
        if (Lines.Count > 0 || TotalMinor is not null)
        {
            text.Append('\n');
        }
        foreach (var (label, value) in Facts)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }
        if (Facts.Count > 0)
        {
            text.Append('\n');
        }
        if (Link is { } link)
        {
            text.Append(link.Label).Append(": ").Append(link.Href.AbsoluteUri).Append("\n\n");
        }
        text.Append(T("سوق الفن", "Art Souk")).Append('\n');
        return text.ToString();
    }

    private string Html()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var dir = Arabic ? "rtl" : "ltr";
        var align = Arabic ? "right" : "left";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{Locale}" dir="{dir}">
            <head><meta charset="utf-8"><title>{E(Subject)}</title></head>
            <body dir="{dir}" style="font-family: Tahoma, Arial, sans-serif; text-align: {align}; color: #222;">
            <p>{E(Greeting)}</p>

            """);
        foreach (var paragraph in Paragraphs)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(paragraph)}</p>\n");
        }
        if (Quote is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<blockquote dir=\"auto\" style=\"border-inline-start: 3px solid #7a4b2a; margin: 0; padding: 0 12px; white-space: pre-wrap;\">{E(Quote)}</blockquote>\n");
        }
        if (Lines.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<table style=\"border-collapse: collapse; width: 100%;\"><thead><tr><th style=\"text-align: {align};\">{E(T("العمل", "Item"))}</th><th>{E(T("الكمية", "Qty"))}</th><th style=\"text-align: {align};\">{E(T("المبلغ", "Amount"))}</th></tr></thead><tbody>\n");
            foreach (var line in Lines)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(line.Title)}</td><td style=\"text-align: center;\">{line.Quantity}</td><td>{E(Amount(line.AmountMinor))}</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
        }
        if (TotalMinor is { } total)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><strong>{E(T("الإجمالي", "Total"))}: {E(Amount(total))}</strong></p>\n");
        }
        if (Facts.Count > 0)
        {
            html.Append("<dl>\n");
            foreach (var (label, value) in Facts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<dt>{E(label)}</dt><dd><bdi dir=\"ltr\">{E(value)}</bdi></dd>\n");
            }
            html.Append("</dl>\n");
        }
        if (Link is { } link)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(link.Href.AbsoluteUri)}\" style=\"display: inline-block; padding: 10px 18px; background: #7a4b2a; color: #fff; text-decoration: none; border-radius: 4px;\">{E(link.Label)}</a></p>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"<p style=\"font-size: 13px; color: #555;\">{E(T("سوق الفن", "Art Souk"))}</p>\n</body>\n</html>\n");
        return html.ToString();
    }
}
