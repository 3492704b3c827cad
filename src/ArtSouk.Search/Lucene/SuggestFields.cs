using System.Runtime.CompilerServices;
using ArtSouk.Search.Querying;
using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// What a suggestion shows of an entry: its id, type, titles and addresses. Kept per segment once read, since reading a
/// stored document decompresses the block around it (tens of microseconds) and the same titles are suggested again and
/// again; a segment never changes, and a deleted entry is never ranked, so nothing kept goes stale.
/// </summary>
internal sealed record SuggestFields(Guid Id, string Type, string? TitleAr, string? TitleEn, string? UrlAr, string? UrlEn)
{
    private static readonly ConditionalWeakTable<object, SuggestFields?[]> Kept = new();

    /// <summary>The address in <paramref name="locale"/>, else the other one (as the stored fields were read before).</summary>
    public string Url(string locale) => locale switch { "ar" => UrlAr ?? UrlEn, "en" => UrlEn ?? UrlAr, _ => UrlAr } ?? "";

    /// <summary>The fields of a document of <paramref name="reader"/> (top-level number), kept with its segment.</summary>
    public static SuggestFields Of(IndexReader reader, int doc)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var leaves = reader.Leaves;
        var context = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var segment = context.AtomicReader;
        var kept = Kept.GetValue(segment.CoreCacheKey, _ => new SuggestFields?[segment.MaxDoc]);
        var local = doc - context.DocBase;
        // Two requests may both read a document the first time: the same fields, and a reference is written whole.
        return kept[local] ??= Load(segment, local);
    }

    /// <summary>Reads only the stored fields a suggestion shows: no bodies.</summary>
    public static SuggestFields Load(IndexReader reader, int doc)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var visitor = new DocumentStoredFieldVisitor(F.Id, F.Type, "title_ar", "title_en", "url_ar", "url_en");
        reader.Document(doc, visitor);
        var document = visitor.Document;
        return new SuggestFields(Guid.Parse(document.Text(F.Id)!), document.Text(F.Type)!, document.Text("title_ar"), document.Text("title_en"),
            document.Text("url_ar"), document.Text("url_en"));
    }
}
