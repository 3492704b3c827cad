using ArtSouk.Search.Analysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArtSouk.Search.Tests.Analysis;

public sealed class OrthographyTests
{
    [Theory]
    [InlineData("أحمد", "احمد")]
    [InlineData("إبراهيم", "ابراهيم")]
    [InlineData("آمنة", "امنه")]
    [InlineData("ٱلفن", "الفن")]
    [InlineData("مكتبة", "مكتبه")]
    [InlineData("مصطفى", "مصطفي")]
    [InlineData("فـــنـــان", "فنان")]
    [InlineData("مُحَمَّد", "محمد")]
    [InlineData("مسؤول", "مسوول")]
    [InlineData("مسئول", "مسيول")]
    [InlineData("٢٠٢٤", "2024")]
    [InlineData("۱۹۸۲", "1982")]
    [InlineData("Café", "cafe")]
    [InlineData("NOUF", "nouf")]
    [InlineData("کتاب", "كتاب")]
    public void Each_spelling_folds_to_one_form(string written, string normalized) =>
        Assert.Equal(normalized, Orthography.Normalize(written));

    [Property]
    public Property Normalizing_twice_changes_nothing() =>
        Prop.ForAll<string>(s => s is null || Orthography.Normalize(Orthography.Normalize(s)) == Orthography.Normalize(s));

    [Property]
    public Property Diacritics_and_tatweel_never_survive() =>
        Prop.ForAll<string>(s => s is null || !Orthography.Normalize(s).Any(c => c == '\u0640' || c is >= '\u064B' and <= '\u065F'));
}

public sealed class ArabicStemmerTests
{
    [Theory]
    [InlineData("الفنانون")]
    [InlineData("فنانين")]
    [InlineData("والفنان")]
    [InlineData("الفنان")]
    [InlineData("للفنان")]
    [InlineData("بالفنان")]
    [InlineData("فنانون")]
    [InlineData("الفنانين")]
    public void Forms_of_artist_meet_al_fannan(string word) =>
        Assert.Equal(ArabicStemmer.Stem(Orthography.Normalize("الفنان")), ArabicStemmer.Stem(Orthography.Normalize(word)));

    [Theory]
    [InlineData("لوحة", "لوح")]
    [InlineData("لوحات", "لوح")]
    [InlineData("اللوحات", "لوح")]
    [InlineData("لوحاتها", "لوح")]
    [InlineData("لوحتان", "لوح")]
    [InlineData("الفنانة", "فنان")]
    [InlineData("فنانات", "فنان")]
    [InlineData("فنانان", "فنان")]
    [InlineData("السعودية", "سعود")]
    [InlineData("سعوديون", "سعود")]
    [InlineData("أعمالهم", "اعمال")]
    [InlineData("معرضنا", "معرض")]
    [InlineData("وكالمعرض", "معرض")]
    public void Light_stem(string word, string stem) => Assert.Equal(stem, ArabicStemmer.Stem(Orthography.Normalize(word)));

    [Theory]
    [InlineData("فن")]
    [InlineData("فنان")]
    [InlineData("وليد")]
    [InlineData("رمضان")]
    [InlineData("عثمان")]
    [InlineData("كتاب")]
    public void Short_and_look_alike_words_stay_whole(string word) => Assert.Equal(Orthography.Normalize(word), ArabicStemmer.Stem(Orthography.Normalize(word)));

    [Fact]
    public void Art_and_artist_do_not_meet() => Assert.NotEqual(ArabicStemmer.Stem("الفن"), ArabicStemmer.Stem("الفنان"));

    [Theory]
    [InlineData("بلوحته", "لوح")]
    [InlineData("بجدة", "جده")]
    public void A_joined_preposition_is_also_indexed_without(string word, string stem) =>
        Assert.Contains(stem, ArabicStemmer.Stems(Orthography.Normalize(word)));
}
