using ArtSouk.Cms.Slugs;
using ArtSouk.Kernel.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArtSouk.Cms.Tests;

public sealed class SlugTests
{
    [Theory]
    [InlineData("نوف الحربي", "نوف-الحربي")]
    [InlineData("مُحَمَّد الـــعلي", "محمد-العلي")]
    [InlineData("Nouf Al-Harbi", "nouf-al-harbi")]
    [InlineData("  Désert  Light — 2024 ", "desert-light-2024")]
    [InlineData("Ma'rifa: \"Knowledge\"", "marifa-knowledge")]
    [InlineData("ﻧﻮﻑ", "نوف")]
    [InlineData("رئيس مسؤول أحمد", "رئيس-مسؤول-أحمد")]
    [InlineData("إبراهيم آل سعود", "إبراهيم-آل-سعود")]
    [InlineData("؟!…", "")]
    public void Normalize_keeps_arabic_script_and_folds_latin(string title, string expected) =>
        Assert.Equal(expected, Slug.Normalize(title));

    private static Arbitrary<string> MixedText() =>
        Gen.Elements("نوف", "الحربي", "مُحَمَّد", "ـــ", "ٱلْ", " ", "-", "Art", "Souk", "é", "2024", "،", "؟", "\t", "'", "٣")
            .ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary();

    [Property]
    public Property Normalizing_twice_changes_nothing() =>
        Prop.ForAll(MixedText(), text => Slug.Normalize(Slug.Normalize(text)) == Slug.Normalize(text));

    [Property]
    public Property Slugs_have_no_marks_spaces_or_edge_hyphens() =>
        Prop.ForAll(MixedText(), text =>
        {
            var slug = Slug.Normalize(text);
            return !slug.Any(c => ArabicText.IsDiacritic(c) || c == ArabicText.Tatweel || char.IsWhiteSpace(c))
                && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal)
                && slug.Length <= Slug.MaxLength;
        });

    [Property]
    public Property Arabic_letters_survive_normalization() =>
        // A text longer than a slug is cut at MaxLength, and what is cut may be its only Arabic: the property is about
        // what normalization keeps, so it holds for texts no longer than a slug (normalizing never lengthens a text).
        Prop.ForAll(MixedText(), text =>
            (ArabicText.ContainsArabic(ArabicText.StripMarks(text).Replace("ٱ", "", StringComparison.Ordinal)) == ArabicText.ContainsArabic(Slug.Normalize(text).Replace("ٱ", "", StringComparison.Ordinal)))
                .When(text.Length <= Slug.MaxLength));

    [Fact]
    public async Task Unique_appends_the_first_free_number()
    {
        var taken = new HashSet<string> { "noura", "noura-2" };
        Assert.Equal("noura-3", await Slug.UniqueAsync("noura", s => Task.FromResult(taken.Contains(s))));
    }

    [Fact]
    public async Task Unique_stays_within_the_maximum_length()
    {
        var longSlug = new string('a', Slug.MaxLength);
        var unique = await Slug.UniqueAsync(longSlug, s => Task.FromResult(s == longSlug));
        Assert.True(unique.Length <= Slug.MaxLength);
        Assert.EndsWith("-2", unique);
    }
}
