using ArtSouk.Search.Lucene;
using ArtSouk.Search.Tests.Relevance;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ArtSouk.Search.Tests.Adapters;

public sealed class KeywordFieldTests
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The relevance corpus indexed as the adapter does, with every keyword field as Lucene's own StringField.</summary>
    private static Document AsStringFields(Document document)
    {
        var copy = new Document();
        foreach (var field in document.Fields)
        {
            copy.Add(field is KeywordField keyword
                ? new StringField(keyword.Name, keyword.GetStringValue(System.Globalization.CultureInfo.InvariantCulture), keyword.IndexableFieldType.IsStored ? Field.Store.YES : Field.Store.NO)
                : field);
        }
        return copy;
    }

    private static RAMDirectory Index(IEnumerable<Document> documents)
    {
        var directory = new RAMDirectory();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version)));
        foreach (var document in documents)
        {
            writer.AddDocument(document);
        }
        writer.Commit();
        return directory;
    }

    /// <summary>Every field's options, and every term of every field with its documents, frequencies and positions.</summary>
    private static List<string> Postings(RAMDirectory directory)
    {
        using var reader = DirectoryReader.Open(directory);
        var atomic = SlowCompositeReaderWrapper.Wrap(reader);
        var lines = new List<string>();
        foreach (var info in atomic.FieldInfos)
        {
            lines.Add($"field {info.Name} {info.IndexOptions} norms:{!info.OmitsNorms} docvalues:{info.DocValuesType}");
            var terms = atomic.GetTerms(info.Name);
            if (terms is null)
            {
                continue;
            }
            var iterator = terms.GetEnumerator();
            while (iterator.MoveNext())
            {
                var docs = iterator.Docs(atomic.LiveDocs, null, DocsFlags.FREQS);
                var postings = new List<string>();
                while (docs.NextDoc() != DocIdSetIterator.NO_MORE_DOCS)
                {
                    postings.Add($"{docs.DocID}x{docs.Freq}");
                }
                lines.Add($"  {info.Name}:{iterator.Term.Utf8ToString()} {string.Join(',', postings)}");
            }
        }
        for (var doc = 0; doc < atomic.MaxDoc; doc++)
        {
            lines.Add("stored " + string.Join('|', atomic.Document(doc).Fields.Select(f => f.Name + "=" + f.GetStringValue(System.Globalization.CultureInfo.InvariantCulture))));
        }
        return lines;
    }

    [Fact]
    public void Keyword_fields_index_what_lucenes_string_fields_index()
    {
        var documents = RelevanceSuite.Corpus().Select(RelevanceSuite.ToSearchDocument).Select(LuceneSearchIndex.ToLucene).ToList();
        Assert.Contains(documents.SelectMany(d => d.Fields), f => f is KeywordField);

        using var ours = Index(documents);
        using var lucenes = Index(documents.Select(AsStringFields));

        var expected = Postings(lucenes);
        Assert.Contains(expected, line => line.StartsWith("  type:artist ", StringComparison.Ordinal));
        Assert.Equal(expected, Postings(ours));
    }
}
