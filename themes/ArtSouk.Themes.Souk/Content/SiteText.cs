using System.Globalization;
using System.Text;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Themes.Souk.Content;

/// <summary>
/// Words, numbers and dates in the page's language. Arabic pages show the Gregorian date with the Umm al-Qura (Hijri)
/// date beside it; both calendars are chosen explicitly, since ar-SA alone would pick Umm al-Qura for everything.
/// </summary>
public sealed partial class SiteText(string locale, bool westernDigits)
{
    private static readonly TimeZoneInfo Riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo ArabicGregorian = WithCalendar(new GregorianCalendar(GregorianCalendarTypes.Localized));
    private static readonly CultureInfo ArabicHijri = WithCalendar(new UmAlQuraCalendar());

    public string Locale { get; } = locale;

    public bool IsArabic => Locale == Locales.Arabic;

    public string Dir => IsArabic ? "rtl" : "ltr";

    public string Other => Locales.Other(Locale);

    public string Say(string arabic, string english) => IsArabic ? arabic : english;

    /// <summary>Arabic grouping (١٬٢٥٠) with Arabic-Indic digits; Western digits take Western grouping (1,250).</summary>
    public string Number(long n) => Digits(n.ToString("N0", IsArabic && !westernDigits ? ArabicGregorian : English));

    /// <summary>
    /// A price as Saudi shoppers read it: <c>١٢٬٥٠٠ ر.س</c> on Arabic pages (Western digits when the site says so),
    /// <c>SAR 12,500</c> on English ones; halalas only when there are some.
    /// </summary>
    public string Price(decimal amount, string currency)
    {
        var format = decimal.Truncate(amount) == amount ? "N0" : "N2";
        var number = Digits(amount.ToString(format, IsArabic && !westernDigits ? ArabicGregorian : English));
        var sar = string.Equals(currency, "SAR", StringComparison.OrdinalIgnoreCase);
        return IsArabic ? $"{number} {(sar ? "ر.س" : currency)}" : $"{currency.ToUpperInvariant()} {number}";
    }

    /// <summary>
    /// An artwork's size as editors type it (<c>150 × 200 cm</c>): on Arabic pages with the page's digits and Arabic units
    /// (<c>١٥٠ × ٢٠٠ سم</c>), which read right to left in the Arabic order of height then width.
    /// </summary>
    public string Dimensions(string text) => IsArabic
        ? Digits(Units().Replace(text, m => m.Value.ToLowerInvariant() switch { "cm" => "سم", "mm" => "مم", _ => "م" }))
        : text;

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(cm|mm|m)\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Units();

    /// <summary>Years are not grouped: ٢٠٢٦, not ٢٬٠٢٦.</summary>
    public string Year(int year) => Digits(year.ToString(CultureInfo.InvariantCulture));

    public static DateTimeOffset InRiyadh(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Riyadh);

    public string Date(DateTimeOffset instant) => Date(InRiyadh(instant).DateTime);

    public string Date(DateTime day) => Digits(day.ToString("d MMMM yyyy", IsArabic ? ArabicGregorian : English));

    /// <summary>The Umm al-Qura date, for Arabic pages (null on English ones and outside the calendar's range).</summary>
    public string? Hijri(DateTimeOffset instant)
    {
        var day = InRiyadh(instant).DateTime;
        if (!IsArabic || day < ArabicHijri.DateTimeFormat.Calendar.MinSupportedDateTime || day > ArabicHijri.DateTimeFormat.Calendar.MaxSupportedDateTime)
        {
            return null;
        }
        return Digits(day.ToString("d MMMM yyyy", ArabicHijri)) + " هـ";
    }

    public string Time(DateTimeOffset instant) => Digits(InRiyadh(instant).ToString(IsArabic ? "h:mm tt" : "h:mm tt", IsArabic ? ArabicGregorian : English));

    public string Month(int year, int month) => Digits(new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMMM yyyy", IsArabic ? ArabicGregorian : English));

    public string WeekdayShort(DayOfWeek day) => (IsArabic ? ArabicGregorian : English).DateTimeFormat.GetAbbreviatedDayName(day);

    /// <summary>Arabic-Indic digits on Arabic pages unless the site is set to Western digits.</summary>
    public string Digits(string text)
    {
        if (!IsArabic || westernDigits)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(c is >= '0' and <= '9' ? (char)('٠' + (c - '0')) : c);
        }
        return sb.ToString();
    }

    private static CultureInfo WithCalendar(Calendar calendar)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("ar-SA").Clone();
        culture.DateTimeFormat.Calendar = calendar;
        return CultureInfo.ReadOnly(culture);
    }
}
