using System.Globalization;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Manager.Language;

/// <summary>Times are stored in UTC and shown in Asia/Riyadh; Arabic pages put the Umm al-Qura (Hijri) date beside the Gregorian.</summary>
internal static class RiyadhTime
{
    private static readonly TimeZoneInfo Riyadh = FindRiyadh();

    private static readonly CultureInfo ArabicGregorian = ArabicWith(new GregorianCalendar(GregorianCalendarTypes.Localized));
    private static readonly CultureInfo ArabicHijri = ArabicWith(new UmAlQuraCalendar());
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToRiyadh(DateTimeOffset utc) => TimeZoneInfo.ConvertTime(utc, Riyadh);

    /// <summary>A value for <c>&lt;input type="datetime-local"&gt;</c>, in Riyadh time.</summary>
    public static string ToInput(DateTimeOffset? utc) => utc is { } u ? ToRiyadh(u).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>The UTC instant of a Riyadh wall-clock time typed into a datetime-local input.</summary>
    public static DateTimeOffset? FromInput(string? value)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        var offset = Riyadh.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    /// <summary>Date and time in Riyadh: "3 ديسمبر 2026، 20:30" or "3 Dec 2026, 20:30".</summary>
    public static string Moment(DateTimeOffset utc, string locale)
    {
        var t = ToRiyadh(utc);
        return locale == Locales.Arabic
            ? t.ToString("d MMMM yyyy، HH:mm", ArabicGregorian)
            : t.ToString("d MMM yyyy, HH:mm", English);
    }

    public static string Date(DateTimeOffset utc, string locale)
    {
        var t = ToRiyadh(utc);
        return locale == Locales.Arabic ? t.ToString("d MMMM yyyy", ArabicGregorian) : t.ToString("d MMM yyyy", English);
    }

    /// <summary>The Umm al-Qura date of a moment in Riyadh: "12 جمادى الآخرة 1448 هـ".</summary>
    public static string Hijri(DateTimeOffset utc, string locale)
    {
        var t = ToRiyadh(utc);
        var date = t.ToString("d MMMM yyyy", ArabicHijri);
        return locale == Locales.Arabic ? date + " هـ" : HijriInEnglish(t.DateTime);
    }

    private static string HijriInEnglish(System.DateTime local)
    {
        var calendar = new UmAlQuraCalendar();
        string[] months = ["Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Thani", "Jumada al-Ula", "Jumada al-Akhirah", "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah"];
        return $"{calendar.GetDayOfMonth(local)} {months[calendar.GetMonth(local) - 1]} {calendar.GetYear(local)} AH";
    }

    /// <summary>Short relative wording for lists: today's changes show their time, older ones their date.</summary>
    public static string Short(DateTimeOffset utc, string locale, DateTimeOffset now)
    {
        var t = ToRiyadh(utc);
        var today = ToRiyadh(now).Date;
        if (t.Date == today)
        {
            return t.ToString("HH:mm", CultureInfo.InvariantCulture);
        }
        return locale == Locales.Arabic ? t.ToString("d MMMM", ArabicGregorian) : t.ToString("d MMM", English);
    }

    private static CultureInfo ArabicWith(Calendar calendar)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ar-SA").Clone();
        culture.DateTimeFormat.Calendar = calendar;
        // Western digits: editors type and compare them, and Latin text beside them uses the same.
        culture.NumberFormat.DigitSubstitution = DigitShapes.None;
        return culture;
    }

    private static TimeZoneInfo FindRiyadh()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
        }
        catch (TimeZoneNotFoundException)
        {
            // Riyadh has kept UTC+3 without daylight saving since 1950; a machine without tzdata still shows it right.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Riyadh", TimeSpan.FromHours(3), "Riyadh", "Riyadh");
        }
    }
}
