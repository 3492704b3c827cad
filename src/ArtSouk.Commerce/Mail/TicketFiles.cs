using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Reading;
using ArtSouk.Commerce.Invoices;
using ArtSouk.Commerce.Orders;
using ArtSouk.Kernel.Mail;

namespace ArtSouk.Commerce.Mail;

/// <summary>
/// What a ticket buyer carries: a QR code of the ticket's code (order reference and line), shown at the entrance, and a
/// calendar entry (<c>.ics</c>, RFC 5545) for the event's time, in UTC so every calendar shows it in its own zone.
/// </summary>
internal static class TicketFiles
{
    public static string Code(Order order, OrderLine line) => $"{OrderLetters.TransferReference(order.Id)}-{line.Id.ToString(CultureInfo.InvariantCulture)}";

    public static IEnumerable<MailAttachment> For(Order order, OrderLine line, ContentItem item, string title, DateTimeOffset now)
    {
        var code = Code(order, line);
        yield return new MailAttachment($"ticket-{code}.png", "image/png", InvoiceApi.QrPng(code));
        if (Calendar(order, line, item, title, code, now) is { } ics)
        {
            yield return new MailAttachment($"ticket-{code}.ics", "text/calendar; charset=utf-8; method=PUBLISH", Encoding.UTF8.GetBytes(ics));
        }
    }

    /// <summary>The VEVENT, or null when the entry has no start time. The end is <c>endsAt</c>, the start plus <c>durationMinutes</c>, or two hours.</summary>
    public static string? Calendar(Order order, OrderLine line, ContentItem item, string title, string code, DateTimeOffset now)
    {
        if (JsonNode.Parse(item.FieldsJson) is not JsonObject fields || Time(fields["startsAt"]) is not { } start)
        {
            return null;
        }
        var end = Time(fields["endsAt"])
            ?? (fields["durationMinutes"] is JsonValue minutes && minutes.TryGetValue<int>(out var m) && m > 0 ? start.AddMinutes(m) : start.AddHours(2));
        var arabic = order.Locale != Kernel.Localization.Locales.English;
        var seats = arabic ? $"تذكرة {code}: {line.Quantity} مقعد" : $"Ticket {code}: {line.Quantity} seat(s)";
        var ics = new StringBuilder();
        void Line(string text)
        {
            // Lines longer than 75 octets are folded (CRLF and a space), never inside a UTF-8 character.
            var bytes = 0;
            var from = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var size = char.IsHighSurrogate(text[i]) ? 4 : Encoding.UTF8.GetByteCount(text.AsSpan(i, 1));
                if (bytes + size > (from == 0 ? 75 : 74))
                {
                    ics.Append(text, from, i - from).Append("\r\n ");
                    from = i;
                    bytes = 0;
                }
                bytes += size;
                if (char.IsHighSurrogate(text[i]))
                {
                    i++;
                }
            }
            ics.Append(text, from, text.Length - from).Append("\r\n");
        }
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Art Souk//Tickets//EN");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("BEGIN:VEVENT");
        Line($"UID:{code}@artsouk");
        Line("DTSTAMP:" + Utc(now));
        Line("DTSTART:" + Utc(start));
        Line("DTEND:" + Utc(end));
        Line("SUMMARY:" + Escape(title));
        Line("DESCRIPTION:" + Escape(seats));
        Line("END:VEVENT");
        Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).ReplaceLineEndings("\\n");
}
