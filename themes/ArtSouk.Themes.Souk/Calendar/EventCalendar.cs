using System.Text;
using ArtSouk.Themes.Souk.Content;
using ArtSouk.Themes.Souk.Routing;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ArtSouk.Themes.Souk;

/// <summary>An event or workshop as an iCalendar file (RFC 5545) for the visitor's calendar app.</summary>
internal static class EventCalendar
{
    public static byte[] Write(SiteEntry e, IReadOnlyDictionary<Guid, SiteEntry> lookup, string url)
    {
        var start = e.Instant("startsAt") ?? e.Item.PublishedAt;
        var end = e.Instant("endsAt") ?? start.AddMinutes(e.Whole("durationMinutes") ?? 120);
        var venue = e.Ref("venue") is { } v && lookup.GetValueOrDefault(v) is { } gallery
            ? string.Join(", ", new[] { gallery.Title, gallery.Text("address") ?? gallery.Text("city") }.Where(s => s is not null))
            : e.Text("city");
        var calendarEvent = new CalendarEvent
        {
            Uid = $"{e.Id}@artsouk.sa",
            Summary = e.Title,
            Description = (SiteRouter.Plain(e.Text("summary") ?? e.Text("description")) ?? "") + "\n" + url,
            Location = venue,
            Start = new CalDateTime(start.UtcDateTime, "UTC"),
            End = new CalDateTime(end.UtcDateTime, "UTC"),
            Url = new Uri(url),
            DtStamp = new CalDateTime(e.Item.UpdatedAt.UtcDateTime, "UTC"),
        };
        var calendar = new Ical.Net.Calendar { ProductId = "-//Art Souk//Site//" + e.Locale.ToUpperInvariant() };
        calendar.Events.Add(calendarEvent);
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }

    /// <summary>An ASCII file name: the English slug when the entry has one, else its id.</summary>
    public static string FileName(SiteEntry e)
    {
        var en = e.Translations.GetValueOrDefault("en")?.Split('/').LastOrDefault();
        var stem = en is { Length: > 0 } && en.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? en : e.Id.ToString();
        return stem + ".ics";
    }
}
