using System.Globalization;
using ArtSouk.Themes.Souk.Content;

namespace ArtSouk.IntegrationTests.Site;

/// <summary>Numbers and dates on the site's pages: Gregorian with Umm al-Qura beside it in Arabic, digits as configured.</summary>
public sealed class SiteTextTests
{
    private static readonly DateTimeOffset Evening = new(2027, 2, 10, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Arabic_dates_are_gregorian_in_riyadh_time_with_arabic_indic_digits()
    {
        Assert.Equal("١٠ فبراير ٢٠٢٧", new SiteText("ar", westernDigits: false).Date(Evening));
    }

    [Fact]
    public void The_hijri_date_is_the_umm_al_qura_one()
    {
        var umAlQura = new UmAlQuraCalendar();
        var riyadh = Evening.ToOffset(TimeSpan.FromHours(3)).DateTime;
        var hijri = new SiteText("ar", westernDigits: true).Hijri(Evening)!;
        Assert.StartsWith($"{umAlQura.GetDayOfMonth(riyadh)} ", hijri, StringComparison.Ordinal);
        Assert.EndsWith($"{umAlQura.GetYear(riyadh)} هـ", hijri, StringComparison.Ordinal);
    }

    [Fact]
    public void English_pages_have_no_hijri_date()
    {
        Assert.Null(new SiteText("en", westernDigits: false).Hijri(Evening));
        Assert.Equal("10 February 2027", new SiteText("en", westernDigits: false).Date(Evening));
    }

    [Theory]
    [InlineData(false, "٢٠٢٦", "١٬٢٥٠")]
    [InlineData(true, "2026", "1,250")]
    public void Western_digits_are_a_setting(bool western, string year, string number)
    {
        var text = new SiteText("ar", western);
        Assert.Equal(year, text.Year(2026));
        Assert.Equal(number, text.Number(1250));
    }

    [Fact]
    public void Times_are_shown_in_riyadh()
    {
        Assert.Equal("7:00 PM", new SiteText("en", westernDigits: false).Time(Evening).ToUpperInvariant());
    }

    [Theory]
    [InlineData("ar", false, "١٢٬٥٠٠ ر.س")]
    [InlineData("ar", true, "12,500 ر.س")]
    [InlineData("en", false, "SAR 12,500")]
    public void Prices_read_as_saudi_shoppers_expect(string locale, bool western, string expected) =>
        Assert.Equal(expected, new SiteText(locale, western).Price(12500m, "SAR"));

    [Fact]
    public void A_price_with_halalas_shows_them()
    {
        Assert.Equal("SAR 1,250.50", new SiteText("en", westernDigits: false).Price(1250.5m, "SAR"));
    }

    [Theory]
    [InlineData("ar", false, "١٥٠ × ٢٠٠ سم")]
    [InlineData("ar", true, "150 × 200 سم")]
    [InlineData("en", false, "150 × 200 cm")]
    public void Dimensions_follow_the_pages_digits_and_units(string locale, bool western, string expected) =>
        Assert.Equal(expected, new SiteText(locale, western).Dimensions("150 × 200 cm"));
}
