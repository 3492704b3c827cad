using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace ArtSouk.Search.Analysis;

/// <summary>One word of a text with every form it is indexed and searched under.</summary>
/// <param name="Start">Offset of the word's first character in the original text.</param>
/// <param name="End">Offset just after the word's last character.</param>
/// <param name="Exact">The normalized surface form (for phrases and exact matches).</param>
/// <param name="Stems">Light stems (Arabic) or the Porter2 stem (English); digits stand for themselves.</param>
/// <param name="Keys">Transliteration keys (<see cref="NameKey"/>), empty for digits and articles.</param>
public sealed record Word(int Start, int End, string Exact, IReadOnlyList<string> Stems, IReadOnlyList<string> Keys)
{
    public bool IsArabic => Orthography.IsArabic(Exact);
}

/// <summary>A <see cref="Word"/> as a value, in a list the thread reuses (<see cref="TextAnalyzer.Words"/>).</summary>
internal readonly record struct TextWord(int Start, int End, string Exact, IReadOnlyList<string> Stems, IReadOnlyList<string> Keys);

/// <summary>
/// Our analysis, the same for the Lucene and Elasticsearch adapters and for queries: split a text into words by script,
/// normalize each, join compound names (عبد الله, Abdel Rahman, Abd al-Rahman) into one word, and give each word its
/// stems and transliteration keys.
/// </summary>
public static partial class TextAnalyzer
{
    [ThreadStatic]
    private static EnglishStemmer? _english;

    [GeneratedRegex("^abd(?:[aeiou]?l|[aeiou]?([bcdfghjklmnpqrstvwxyz])(?=\\1)|[aeiou])?(?<rest>.*)$")]
    private static partial Regex LatinAbd();

    public static IReadOnlyList<Word> Analyze(string? text)
    {
        var analyzed = Words(text ?? "");
        var words = new List<Word>(analyzed.Count);
        foreach (var (start, end, exact, stems, keys) in analyzed)
        {
            words.Add(new Word(start, end, exact, stems, keys));
        }
        return words;
    }

    [ThreadStatic]
    private static List<TextWord>? _words;

    /// <summary>
    /// The words of <paramref name="text"/> as <see cref="Analyze"/> gives them, in the thread's own list, valid until the
    /// next call on this thread: the highlighter analyzes ten bodies a search, and a record per word was a fifth of its garbage.
    /// </summary>
    internal static List<TextWord> Words(ReadOnlySpan<char> text)
    {
        var raw = Tokenize(text);
        var words = _words ??= [];
        words.Clear();
        for (var i = 0; i < raw.Count; i++)
        {
            var (start, end, exact) = raw[i];
            var next = i + 1 < raw.Count ? raw[i + 1].Exact : null;
            // عبد + the name after it is one name: عبد الله is عبدالله.
            if (exact == "عبد" && next is not null && Orthography.IsArabic(next))
            {
                words.Add(Make(start, raw[i + 1].End, exact + next));
                i++;
                continue;
            }
            if (!Orthography.IsArabic(exact) && IsLatinAbd(exact) && next is not null && !Orthography.IsArabic(next) && !Orthography.IsDigits(next))
            {
                // Abd al-Rahman, Abdel Rahman, Abdur Rahman: one name, written the way Abdulrahman is.
                var j = i + 1;
                if (NameKey.IsLatinArticle(raw[j].Exact, j + 1 < raw.Count ? raw[j + 1].Exact : null) && j + 1 < raw.Count)
                {
                    j++;
                }
                var name = raw[j].Exact;
                if (name.Length >= 5 && (name.StartsWith("al", StringComparison.Ordinal) || name.StartsWith("el", StringComparison.Ordinal)))
                {
                    name = name[2..];
                }
                words.Add(Make(start, raw[j].End, "abdal" + name));
                i = j;
                continue;
            }
            var word = Make(start, end, CanonicalLatinCompound(exact));
            // An article (al-, ash-, the آل of a family name) carries no name of its own.
            if (exact == "ال" || !Orthography.IsArabic(exact) && NameKey.IsLatinArticle(exact, next))
            {
                word = word with { Keys = NoKeys };
            }
            words.Add(word);
        }
        return words;
    }

    /// <summary>A query's or text's normalized words in order, without stems or keys.</summary>
    public static IEnumerable<string> ExactWords(string? text) => Analyze(text).Select(w => w.Exact);

    /// <summary>Abdulrahman, Abdelrahman, Abdurrahman and Abdallah written one way (abdalrahman, abdallah).</summary>
    internal static string CanonicalLatinCompound(string word)
    {
        if (word.Length <= 5 || !word.StartsWith("abd", StringComparison.Ordinal) || Orthography.IsArabic(word))
        {
            return word;
        }
        var match = LatinAbd().Match(word);
        var rest = match.Groups["rest"].Value;
        return rest.Length >= 2 ? "abdal" + rest : word;
    }

    private static bool IsLatinAbd(string word) => word is "abd" or "abdu" or "abdul" or "abdel" or "abdal" or "abdol" or "abdil"
        || word.Length == 5 && word.StartsWith("abd", StringComparison.Ordinal) && word[3] is 'u' or 'e' or 'a' && word[4] is 'r' or 's' or 'n' or 'd' or 't' or 'z';

    /// <summary>
    /// A word's stems and keys, computed once per spelling: text repeats its words (Zipf), and indexing and every snippet
    /// analyze them again. Pure functions of the spelling, so sharing them is safe; at the bound the memo starts again.
    /// </summary>
    private static readonly ConcurrentDictionary<string, (IReadOnlyList<string> Stems, IReadOnlyList<string> Keys)> Forms = new(StringComparer.Ordinal);
    private const int MaxForms = 100_000;

    /// <summary>The memo looked up by a word's characters, so a spelling already in it reuses its string rather than making one.</summary>
    private static readonly ConcurrentDictionary<string, (IReadOnlyList<string> Stems, IReadOnlyList<string> Keys)>.AlternateLookup<ReadOnlySpan<char>> FormsBySpelling =
        Forms.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly IReadOnlyList<string> NoKeys = [];

    private static TextWord Make(int start, int end, string exact)
    {
        if (!Forms.TryGetValue(exact, out var forms))
        {
            forms = FormsOf(exact);
            if (Forms.Count >= MaxForms)
            {
                Forms.Clear();
            }
            Forms[exact] = forms;
        }
        return new TextWord(start, end, exact, forms.Stems, forms.Keys);
    }

    private static (IReadOnlyList<string> Stems, IReadOnlyList<string> Keys) FormsOf(string exact)
    {
        if (Orthography.IsDigits(exact))
        {
            return ([exact], []);
        }
        if (Orthography.IsArabic(exact))
        {
            return (ArabicStemmer.Stems(exact), NameKey.Keys(exact));
        }
        return ([English(exact)], NameKey.Keys(exact));
    }

    /// <summary>Each character's folded form, computed once (<see cref="Orthography.Normalize"/> of one character depends on it alone).</summary>
    private static readonly string?[] Folded = new string?[char.MaxValue + 1];

    private static string Fold(char c) => Folded[c] ??= Orthography.Normalize(c.ToString());

    public static string English(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }
        var stemmer = _english ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private enum Script
    {
        None,
        Arabic,
        Latin,
        Digit,
    }

    // The token list and word buffer of the thread, reused: the snippets analyze ten bodies a search, indexing every text.
    [ThreadStatic]
    private static List<(int Start, int End, string Exact)>? _tokens;

    [ThreadStatic]
    private static StringBuilder? _current;

    /// <summary>
    /// Runs of one script; apostrophes inside a Latin word (Sa'ad, artist's) are dropped, not split on. The list is the
    /// thread's own, valid until the next call.
    /// </summary>
    private static List<(int Start, int End, string Exact)> Tokenize(ReadOnlySpan<char> text)
    {
        var tokens = _tokens ??= [];
        tokens.Clear();
        var current = (_current ??= new StringBuilder()).Clear();
        var script = Script.None;
        var start = 0;
        var end = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogate(c))
            {
                Flush();
                continue;
            }
            if (c is '\'' or '’' or 'ʼ' or 'ʿ' or 'ʾ' or '`' or '‘' && script == Script.Latin && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                continue;
            }
            var folded = Fold(c);
            if (folded.Length == 0)
            {
                // A mark or tatweel inside a word belongs to it.
                if (script != Script.None)
                {
                    end = i + 1;
                }
                continue;
            }
            foreach (var f in folded)
            {
                var kind = char.IsAsciiDigit(f) ? Script.Digit
                    : Orthography.IsArabicLetter(f) ? Script.Arabic
                    : char.IsLetter(f) ? Script.Latin
                    : Script.None;
                if (kind != script)
                {
                    Flush();
                    if (kind != Script.None)
                    {
                        script = kind;
                        start = i;
                    }
                }
                if (kind != Script.None)
                {
                    current.Append(f);
                    end = i + 1;
                }
            }
        }
        Flush();
        return tokens;

        void Flush()
        {
            if (current.Length > 0)
            {
                tokens.Add((start, end, Spelling(current)));
                current.Clear();
            }
            script = Script.None;
        }
    }

    /// <summary>The word's string: the memo's own when the spelling is in it (most words of a text are), else a new one.</summary>
    private static string Spelling(StringBuilder word)
    {
        if (word.Length <= 64)
        {
            Span<char> chars = stackalloc char[word.Length];
            word.CopyTo(0, chars, word.Length);
            if (FormsBySpelling.TryGetValue(chars, out var known, out _))
            {
                return known;
            }
        }
        return word.ToString();
    }
}
