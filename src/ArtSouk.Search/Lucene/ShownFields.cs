using System.Buffers.Binary;
using System.Text;
using ArtSouk.Search.Analysis;
using ArtSouk.Search.Querying;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// What a hit shows of an entry: its id, type, and the title, body (for the snippet), slug and address of the locale it is
/// shown in (both locales are written; only that one is decoded). Written beside the stored fields as one binary doc
/// value, because reading a stored document decompresses the 16 kB block around it (about 0.15 ms a hit in Lucene.NET)
/// while a doc value is one seek into the mapped file: every query's hits are read this way, asked before or not.
/// </summary>
internal sealed record ShownFields(Guid Id, string Type, ShownText? Text)
{
    /// <summary>What a search hit shows: the locale's title, slug and address, and the snippet of its body.</summary>
    internal sealed record ShownHit(Guid Id, string Type, string Title, string Slug, string Url, string Snippet);

    public const string Field = "shown";

    /// <summary>Lucene's bound on one binary doc value; a longer entry (a very long article) is read from its stored fields.</summary>
    private const int MaxBytes = 32_766;

    private static readonly string[] Locales = ["ar", "en"];

    /// <summary>The locales whose text a hit in <paramref name="locale"/> shows, in order: its own, else the other (as the stored fields were read).</summary>
    private static (string First, string? Second) Order(string locale) => locale switch
    {
        "ar" => ("ar", "en"),
        "en" => ("en", "ar"),
        _ => ("ar", null),
    };

    /// <summary>The doc value of an entry, or null when it is too long for one (then nothing is written and the stored fields serve).</summary>
    public static BytesRef? Encode(Guid id, string type, IReadOnlyDictionary<string, ShownText> shown)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(shown);
        using var bytes = new MemoryStream();
        using (var writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(id.ToByteArray());
            Write(writer, type);
            foreach (var locale in Locales)
            {
                var text = shown.GetValueOrDefault(locale);
                writer.Write(text is not null);
                if (text is not null)
                {
                    Write(writer, text.Title);
                    Write(writer, text.Body);
                    Write(writer, text.Slug);
                    Write(writer, text.Url);
                }
            }
        }
        return bytes.Length > MaxBytes ? null : new BytesRef(bytes.ToArray());
    }

    private static void Write(BinaryWriter writer, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        writer.Write(utf8.Length);
        writer.Write(utf8);
    }

    /// <summary>
    /// What a hit in <paramref name="locale"/> shows of a document (top-level number), with the snippet of its body (of its
    /// title without one) for <paramref name="terms"/>. From the doc value the body is decoded into the thread's buffer
    /// and highlighted there: it is read for the snippet only, and as a string it was a tenth of a search's garbage.
    /// </summary>
    public static ShownHit Hit(IndexReader reader, int doc, string locale, QueryTerms terms)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(locale);
        ArgumentNullException.ThrowIfNull(terms);
        var leaves = reader.Leaves;
        var context = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var segment = context.AtomicReader;
        var local = doc - context.DocBase;
        var value = new BytesRef();
        segment.GetBinaryDocValues(Field)?.Get(local, value);
        if (value.Length > 0)
        {
            return DecodeHit(value.Bytes.AsSpan(value.Offset, value.Length), locale, terms);
        }
        var stored = Load(segment, local, locale);
        var text = stored.Text;
        var body = text?.Body ?? "";
        return new ShownHit(stored.Id, stored.Type, text?.Title ?? "", text?.Slug ?? "", text?.Url ?? "",
            Snippets.Highlight(body.Length > 0 ? body : text?.Title ?? "", terms));
    }

    [ThreadStatic]
    private static char[]? _body;

    private static ShownHit DecodeHit(ReadOnlySpan<byte> data, string locale, QueryTerms terms)
    {
        var at = 16;
        var id = new Guid(data[..at]);
        var type = ReadText(data, ref at);
        var arabicAt = at;
        SkipLocale(data, ref at);
        var englishAt = at;
        var (first, second) = Order(locale);
        at = first == "ar" ? arabicAt : englishAt;
        if (data[at] == 0 && second is not null)
        {
            at = second == "ar" ? arabicAt : englishAt;
        }
        if (data[at++] == 0)
        {
            return new ShownHit(id, type, "", "", "", "");
        }
        var title = ReadText(data, ref at);
        var length = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
        var bodyBytes = data.Slice(at + 4, length);
        at += 4 + length;
        var slug = ReadText(data, ref at);
        var url = ReadText(data, ref at);
        var buffer = _body is { } kept && kept.Length >= Encoding.UTF8.GetMaxCharCount(length) ? kept : _body = new char[Math.Max(1024, Encoding.UTF8.GetMaxCharCount(length))];
        var body = buffer.AsSpan(0, Encoding.UTF8.GetChars(bodyBytes, buffer));
        var snippet = body.Length > 0 ? Snippets.Highlight(body, terms) : Snippets.Highlight(title, terms);
        if (buffer.Length > 65_536)
        {
            // A very long body's buffer is not kept for the thread's next hit.
            _body = null;
        }
        return new ShownHit(id, type, title, slug, url, snippet);
    }

    private static void SkipLocale(ReadOnlySpan<byte> data, ref int at)
    {
        if (data[at++] != 0)
        {
            for (var field = 0; field < 4; field++)
            {
                at += 4 + BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
            }
        }
    }

    private static string ReadText(ReadOnlySpan<byte> data, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(data[at..]);
        at += 4;
        var text = Encoding.UTF8.GetString(data.Slice(at, length));
        at += length;
        return text;
    }

    /// <summary>The same fields from the stored document: entries too long for a doc value, and indexes written before it.</summary>
    private static ShownFields Load(AtomicReader segment, int doc, string locale)
    {
        var visitor = new DocumentStoredFieldVisitor(F.Id, F.Type, "title_ar", "body_ar", "slug_ar", "url_ar", "title_en", "body_en", "slug_en", "url_en");
        segment.Document(doc, visitor);
        var document = visitor.Document;
        ShownText? Locale(string name) => document.Text("title_" + name) is { } title
            ? new ShownText(title, document.Text("body_" + name) ?? "", document.Text("slug_" + name) ?? "", document.Text("url_" + name) ?? "")
            : null;
        var (first, second) = Order(locale);
        return new ShownFields(Guid.Parse(document.Text(F.Id)!), document.Text(F.Type)!, Locale(first) ?? (second is null ? null : Locale(second)));
    }
}
