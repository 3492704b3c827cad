using System.Buffers;
using System.Net;
using System.Text;

namespace ArtSouk.Search.Analysis;

/// <summary>
/// Our highlighter: the passage of a text with the most query words (by any form they match: exact, stem, name key,
/// glossary, typo), HTML-encoded with the matches in <c>&lt;mark&gt;</c>. Ours because the index holds analyzed forms,
/// not the offsets a stock highlighter would need.
/// </summary>
public static class Snippets
{
    public const int WindowWords = 24;

    [ThreadStatic]
    private static Dictionary<string, bool>? _seen;

    [ThreadStatic]
    private static QueryTerms? _seenFor;

    [ThreadStatic]
    private static bool[]? _hits;

    // The passage is built in the thread's builder, kept between calls: only the string it gives is new.
    [ThreadStatic]
    private static StringBuilder? _builder;

    public static string Highlight(string text, QueryTerms query, int maxWords = WindowWords)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Highlight(text.AsSpan(), query, maxWords);
    }

    /// <summary>The passage of a text held as characters (a hit's body decoded into a buffer, never made a string).</summary>
    internal static string Highlight(ReadOnlySpan<char> text, QueryTerms query, int maxWords = WindowWords)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (text.Length == 0)
        {
            return "";
        }
        var words = TextAnalyzer.Words(text);
        if (words.Count == 0)
        {
            return WebUtility.HtmlEncode(text.Length > 200 ? string.Concat(text[..200], "…") : text.ToString());
        }
        // A text repeats its words: each spelling is matched against the query once (a typo check is an edit distance).
        // The table and the flags are kept per thread: ten bodies a search made them a sixth of a search's garbage.
        // The table stays while the thread highlights for the same query: the ten bodies of a page share most spellings.
        var seen = _seen ??= new Dictionary<string, bool>(StringComparer.Ordinal);
        if (!ReferenceEquals(_seenFor, query) || seen.Count > 16_384)
        {
            seen.Clear();
            _seenFor = query;
        }
        if (_hits is null || _hits.Length < words.Count)
        {
            _hits = new bool[Math.Max(words.Count, 256)];
        }
        var hits = _hits;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!seen.TryGetValue(word.Exact, out hits[i]))
            {
                hits[i] = seen[word.Exact] = query.Matches(word);
            }
        }
        var best = 0;
        var bestCount = -1;
        var count = 0;
        for (var i = 0; i < words.Count; i++)
        {
            count += hits[i] ? 1 : 0;
            if (i >= maxWords)
            {
                count -= hits[i - maxWords] ? 1 : 0;
            }
            var start = Math.Max(0, i - maxWords + 1);
            if (count > bestCount)
            {
                bestCount = count;
                best = start;
            }
        }
        // Start a few words before the first match in the window, so the passage reads as a passage.
        var first = Array.FindIndex(hits, best, Math.Min(maxWords, words.Count - best), h => h);
        if (first > best + 3)
        {
            best = first - 3;
        }
        var last = Math.Min(words.Count, best + maxWords) - 1;
        var builder = (_builder ??= new StringBuilder(512)).Clear();
        if (best > 0)
        {
            builder.Append('…');
        }
        var position = words[best].Start;
        for (var i = best; i <= last; i++)
        {
            Append(builder, text.Slice(position, words[i].Start - position));
            if (hits[i])
            {
                builder.Append("<mark>");
            }
            Append(builder, text.Slice(words[i].Start, words[i].End - words[i].Start));
            if (hits[i])
            {
                builder.Append("</mark>");
            }
            position = words[i].End;
        }
        if (last < words.Count - 1)
        {
            builder.Append('…');
        }
        else
        {
            Append(builder, text[position..]);
        }
        var passage = Trimmed(builder);
        if (builder.Capacity > 16_384)
        {
            // A passage of very long words: not kept for the thread's next one.
            _builder = null;
        }
        return passage;
    }

    /// <summary>The passage as a string, without the white space around it (as <see cref="string.Trim()"/> would cut it).</summary>
    private static string Trimmed(StringBuilder builder)
    {
        var start = 0;
        var end = builder.Length;
        while (start < end && char.IsWhiteSpace(builder[start]))
        {
            start++;
        }
        while (end > start && char.IsWhiteSpace(builder[end - 1]))
        {
            end--;
        }
        return builder.ToString(start, end - start);
    }

    /// <summary>What <see cref="WebUtility.HtmlEncode(string)"/> changes: markup, quotes, Latin-1 signs and surrogates.</summary>
    private static readonly SearchValues<char> Encoded = SearchValues.Create(
        "<>\"'&" + string.Concat(Enumerable.Range(0xA0, 0x60).Select(c => (char)c)) + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));

    /// <summary>Appends a piece of the text HTML-encoded, copied as it is (no substring) when nothing in it needs encoding.</summary>
    private static void Append(StringBuilder builder, ReadOnlySpan<char> piece)
    {
        if (piece.ContainsAny(Encoded))
        {
            builder.Append(WebUtility.HtmlEncode(piece.ToString()));
        }
        else
        {
            builder.Append(piece);
        }
    }
}
