using System.Buffers.Binary;
using System.Text;
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
    /// The fields a hit in <paramref name="locale"/> shows of a document of <paramref name="reader"/> (top-level number): from its
    /// doc value, or its stored fields without one.
    /// </summary>
    public static ShownFields Read(IndexReader reader, int doc, string locale)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(locale);
        var leaves = reader.Leaves;
        var context = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var segment = context.AtomicReader;
        var local = doc - context.DocBase;
        // Per thread and segment, Lucene keeps the doc values instance; the scratch bytes are grown by it when too short.
        var value = new BytesRef();
        segment.GetBinaryDocValues(Field)?.Get(local, value);
        return value.Length > 0 ? Decode(value.Bytes.AsSpan(value.Offset, value.Length), locale) : Load(segment, local, locale);
    }

    /// <summary>Decodes the id, the type and the locale shown; the other locale's strings are skipped, not made.</summary>
    private static ShownFields Decode(ReadOnlySpan<byte> data, string locale)
    {
        var at = 16;
        var id = new Guid(data[..at]);
        var type = ReadText(data, ref at);
        var arabicAt = at;
        SkipLocale(data, ref at);
        var englishAt = at;
        var (first, second) = Order(locale);
        var text = ReadLocale(data, first == "ar" ? arabicAt : englishAt)
            ?? (second is null ? null : ReadLocale(data, second == "ar" ? arabicAt : englishAt));
        return new ShownFields(id, type, text);
    }

    private static ShownText? ReadLocale(ReadOnlySpan<byte> data, int at) => data[at++] != 0
        ? new ShownText(ReadText(data, ref at), ReadText(data, ref at), ReadText(data, ref at), ReadText(data, ref at))
        : null;

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
