using ArtSouk.Search.Analysis;
using ArtSouk.Search.Querying;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SearchBench;

/// <summary>
/// The queries as they were before the suggest grams and the fuzzy limits (commit 8331caa): prefix scans over title,
/// name and key terms, fuzzy with Lucene's default 50 expansions, suggest through the full search query. Kept here only
/// so the benchmark measures the baseline and the current plan on the same index in the same run.
/// </summary>
internal static class BaselineQueries
{
    public static Query Build(QueryTerms terms, bool suggest = false)
    {
        var words = new BooleanQuery();
        foreach (var word in terms.Words)
        {
            words.Add(Word(word, terms.LastIsPrefix && word.IsLast, suggest), Occur.SHOULD);
        }
        var n = terms.Words.Count;
        words.MinimumNumberShouldMatch = suggest ? n : n <= 2 ? 1 : n - 1;
        var query = new BooleanQuery { { words, Occur.MUST } };
        if (terms.Whole.Length > 0)
        {
            query.Add(Boost(new TermQuery(new Term(F.TitleWhole, terms.Whole)), 30), Occur.SHOULD);
        }
        if (n >= 2)
        {
            foreach (var field in new[] { F.TitleExact, F.BodyExact, F.NameExact })
            {
                var phrase = new PhraseQuery { Slop = field == F.TitleExact ? 0 : 1 };
                foreach (var word in terms.Words)
                {
                    phrase.Add(new Term(field, word.Exact));
                }
                query.Add(Boost(phrase, field == F.TitleExact ? 12 : 4), Occur.SHOULD);
            }
            var keyPhrase = new PhraseQuery();
            var keyed = terms.Words.Where(w => w.Keys.Count > 0).ToList();
            if (keyed.Count >= 2)
            {
                foreach (var word in keyed)
                {
                    keyPhrase.Add(new Term(F.TitleKey, word.Keys[^1]));
                }
                query.Add(Boost(keyPhrase, 6), Occur.SHOULD);
            }
        }
        return query;
    }

    private static DisjunctionMaxQuery Word(QueryWord word, bool prefix, bool suggest)
    {
        var best = new DisjunctionMaxQuery(0.1f);
        best.Add(Boost(new TermQuery(new Term(F.TitleExact, word.Exact)), 10));
        best.Add(Boost(new TermQuery(new Term(F.NameExact, word.Exact)), 5));
        best.Add(Boost(new TermQuery(new Term(F.BodyExact, word.Exact)), 3));
        foreach (var stem in word.Stems)
        {
            best.Add(Boost(new TermQuery(new Term(F.TitleStem, stem)), 7));
            best.Add(Boost(new TermQuery(new Term(F.BodyStem, stem)), 2.5f));
        }
        foreach (var key in word.Keys)
        {
            // A one-letter skeleton (Ali, Ola) is too common to cross scripts on its own.
            var weight = key.Length >= 2 ? 5f : 1.5f;
            best.Add(Boost(new TermQuery(new Term(F.TitleKey, key)), weight));
            best.Add(Boost(new TermQuery(new Term(F.NameKey, key)), weight * 0.5f));
        }
        foreach (var translation in word.Translations)
        {
            best.Add(Boost(new TermQuery(new Term(F.TitleStem, translation)), 4));
            best.Add(Boost(new TermQuery(new Term(F.BodyStem, translation)), 1.5f));
        }
        var edits = word.MaxEdits;
        if (edits > 0)
        {
            best.Add(Boost(new FuzzyQuery(new Term(F.TitleExact, word.Exact), edits, 1), 4));
            best.Add(Boost(new FuzzyQuery(new Term(F.BodyExact, word.Exact), edits, 1), 1.2f));
            if (word.Stems[0].Length >= 4)
            {
                best.Add(Boost(new FuzzyQuery(new Term(F.TitleStem, word.Stems[0]), Typos.MaxEdits(word.Stems[0]), 1), 3));
            }
        }
        if (prefix && word.Exact.Length >= (suggest ? 1 : 2))
        {
            best.Add(Boost(new PrefixQuery(new Term(F.TitleExact, word.Exact)), suggest ? 6 : 2));
            best.Add(Boost(new PrefixQuery(new Term(F.NameExact, word.Exact)), 1));
            if (word.Exact.Length >= 3 && word.Keys.Count > 0 && word.Keys[0].Length >= 2)
            {
                best.Add(Boost(new PrefixQuery(new Term(F.TitleKey, word.Keys[0])), suggest ? 3 : 1));
            }
        }
        return best;
    }

    private static Query Boost(Query query, float boost)
    {
        query.Boost = boost;
        return query;
    }
}
