using ArtSouk.Search.Querying;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ArtSouk.Search.Lucene;

/// <summary>Runs a <see cref="QueryPlan"/> on Lucene: each node becomes the Lucene query of the same name.</summary>
internal static class LuceneQueries
{
    public static Query Build(QueryNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Query query = node switch
        {
            TermNode t => new TermQuery(new Term(t.Field, t.Value)),
            FuzzyNode f => new FuzzyQuery(new Term(f.Field, f.Value), f.Edits, FuzzyNode.PrefixLength, FuzzyNode.MaxExpansions, transpositions: true),
            PhraseNode p => Phrase(p),
            BestOfNode b => Best(b),
            AllNode a => All(a),
            _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "not a query node"),
        };
        query.Boost = node.Boost;
        return query;
    }

    private static PhraseQuery Phrase(PhraseNode node)
    {
        var phrase = new PhraseQuery { Slop = node.Slop };
        foreach (var term in node.Terms)
        {
            phrase.Add(new Term(node.Field, term));
        }
        return phrase;
    }

    private static DisjunctionMaxQuery Best(BestOfNode node)
    {
        var best = new DisjunctionMaxQuery(node.TieBreaker);
        foreach (var option in node.Options)
        {
            best.Add(Build(option));
        }
        return best;
    }

    private static BooleanQuery All(AllNode node)
    {
        var all = new BooleanQuery();
        foreach (var must in node.Must)
        {
            all.Add(Build(must), Occur.MUST);
        }
        foreach (var should in node.Should)
        {
            all.Add(Build(should), Occur.SHOULD);
        }
        all.MinimumNumberShouldMatch = node.MinimumShouldMatch;
        return all;
    }
}
