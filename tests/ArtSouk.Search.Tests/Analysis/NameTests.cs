using ArtSouk.Search.Analysis;

namespace ArtSouk.Search.Tests.Analysis;

public sealed class NameTests
{
    private static List<string> KeysOf(string text) => TextAnalyzer.Analyze(text).SelectMany(w => w.Keys.Take(1)).ToList();

    private static string Key(string text) => string.Join(' ', TextAnalyzer.Analyze(text).Where(w => w.Keys.Count > 0).Select(w => w.Keys[^1]));

    [Theory]
    [InlineData("Mohammed", "محمد")]
    [InlineData("Muhammad", "محمد")]
    [InlineData("Mohamed", "محمد")]
    [InlineData("Mohamad", "مُحَمَّد")]
    [InlineData("Nouf Al-Harbi", "نوف الحربي")]
    [InlineData("Noof Alharbi", "نوف الحربي")]
    [InlineData("Abdulrahman", "عبدالرحمن")]
    [InlineData("Abdel Rahman", "عبد الرحمن")]
    [InlineData("Abd al-Rahman", "عبدالرحمن")]
    [InlineData("Abdurrahman", "عبد الرحمن")]
    [InlineData("Abdullah", "عبدالله")]
    [InlineData("Abdallah", "عبد الله")]
    [InlineData("Khalid Al-Ghamdi", "خالد الغامدي")]
    [InlineData("Khaled Alghamdi", "خالد الغامدي")]
    [InlineData("Fatimah", "فاطمة")]
    [InlineData("Fatma", "فاطمة")]
    [InlineData("Yousef", "يوسف")]
    [InlineData("Youssef", "يوسف")]
    [InlineData("Hussein", "حسين")]
    [InlineData("Hussain", "حسين")]
    [InlineData("Saleh", "صالح")]
    [InlineData("Dhafer", "ظافر")]
    [InlineData("Othman", "عثمان")]
    [InlineData("Sara Al-Qahtani", "سارة القحطاني")]
    [InlineData("Reem Al-Otaibi", "ريم العتيبي")]
    [InlineData("Faisal ash-Shehri", "فيصل الشهري")]
    [InlineData("Layla Al Dossary", "ليلى الدوسري")]
    [InlineData("Jeddah", "جدة")]
    [InlineData("Abha", "أبها")]
    public void Transliterations_share_a_key(string latin, string arabic) => Assert.Equal(Key(arabic), Key(latin));

    [Theory]
    [InlineData("Mohammed", "Ahmed")]
    [InlineData("Nouf", "Noura")]
    [InlineData("Khalid", "Walid")]
    [InlineData("Sara", "Samar")]
    public void Different_names_keep_different_keys(string one, string other) => Assert.NotEqual(Key(one), Key(other));

    [Theory]
    [InlineData("عبد الله", "عبدالله")]
    [InlineData("Abdel Aziz", "abdalaziz")]
    [InlineData("Abdul Aziz", "abdalaziz")]
    [InlineData("Abdulaziz", "abdalaziz")]
    [InlineData("abd al-aziz", "abdalaziz")]
    [InlineData("Abdur Rahman", "abdalrahman")]
    public void Compound_names_are_one_word(string written, string word) =>
        Assert.Equal([Orthography.Normalize(word)], TextAnalyzer.ExactWords(written).ToList());

    [Fact]
    public void Articles_give_no_key_of_their_own() => Assert.Single(KeysOf("al-Harbi"));
}

public sealed class TextAnalyzerTests
{
    [Fact]
    public void Words_keep_their_offsets_in_the_original_text()
    {
        const string text = "لوحة «الصَّحراء» by Nouf";
        var words = TextAnalyzer.Analyze(text);
        Assert.Equal(["لوحه", "الصحراء", "by", "nouf"], words.Select(w => w.Exact));
        Assert.Equal("الصَّحراء", text[words[1].Start..words[1].End]);
    }

    [Fact]
    public void Eastern_digits_meet_western_digits() =>
        Assert.Equal(TextAnalyzer.ExactWords("1982").Single(), TextAnalyzer.ExactWords("١٩٨٢").Single());

    [Fact]
    public void Digits_and_letters_split() => Assert.Equal(["2024", "م"], TextAnalyzer.ExactWords("٢٠٢٤م"));

    [Theory]
    [InlineData("paintings", "painting")]
    [InlineData("painted", "painting")]
    [InlineData("sculptures", "sculpture")]
    [InlineData("galleries", "gallery")]
    [InlineData("artist's", "artists")]
    public void English_forms_meet(string one, string other) =>
        Assert.Equal(TextAnalyzer.Analyze(other).Single().Stems, TextAnalyzer.Analyze(one).Single().Stems);

    [Theory]
    [InlineData("art", 0)]
    [InlineData("نحت", 0)]
    [InlineData("paint", 1)]
    [InlineData("الفنان", 1)]
    [InlineData("calligraphy", 2)]
    [InlineData("الفنانون", 2)]
    public void Typo_tolerance_grows_with_length(string word, int edits) => Assert.Equal(edits, Typos.MaxEdits(word));

    [Fact]
    public void The_glossary_crosses_languages() =>
        Assert.Contains(ArabicStemmer.Stem("خط"), Glossary.Translate(TextAnalyzer.English("calligraphy")));
}
