using System.Globalization;
using System.Text.Json.Nodes;
using ArtSouk.Search.Analysis;
using ArtSouk.Search.Querying;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using EsQuery = Elastic.Clients.Elasticsearch.QueryDsl.Query;

namespace ArtSouk.Search.Elasticsearch;

/// <summary>
/// The production adapter: Elasticsearch 9 through the official client. Searches go to an alias (<c>Search:ElasticsearchIndex</c>,
/// default <c>artsouk</c>) over a concrete index <c>{alias}-{timestamp}</c>; a rebuild fills a new index beside it and
/// moves the alias in one <c>_aliases</c> call, so search keeps serving.
/// <para>
/// Our analysis runs before indexing, not as Elasticsearch analyzers: every analyzed field holds our forms joined by
/// spaces and is mapped with the built-in <c>whitespace</c> analyzer. Compound names, transliteration keys, the glossary
/// and our Arabic light stemmer cannot be expressed as a stock analyzer chain (they would need a plugin on every node),
/// and this way both adapters index and query exactly the same terms through the same <see cref="QueryPlan"/>; a change
/// to the analysis needs a reindex, never a cluster change.
/// </para>
/// </summary>
internal sealed class ElasticsearchSearchIndex(ElasticsearchClient client, string alias, TimeProvider clock) : ISearchIndex, IDisposable
{
    public void Dispose() => _gate.Dispose();

    private const int BatchSize = 500;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _building;

    public static ElasticsearchClient Client(SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new ElasticsearchClientSettings(options.ElasticsearchUrl ?? new Uri("http://localhost:9200"))
            .DefaultIndex(options.ElasticsearchIndex)
            .RequestTimeout(TimeSpan.FromSeconds(30));
        if (!string.IsNullOrEmpty(options.ElasticsearchApiKey))
        {
            settings.Authentication(new ApiKey(options.ElasticsearchApiKey));
        }
        return new ElasticsearchClient(settings);
    }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var exists = await client.Indices.ExistsAliasAsync(new ExistsAliasRequest(alias), cancellationToken);
        if (exists.Exists)
        {
            return;
        }
        Ensure(exists.ApiCallDetails.HttpStatusCode == 404, exists, "checking the alias");
        await CreateIndexAsync(NewName(), withAlias: true, cancellationToken);
    }

    private string NewName() => alias + "-" + clock.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>The index's settings and mappings: keyword fields to filter and count, whitespace-analyzed fields for our forms.</summary>
    private async Task CreateIndexAsync(string name, bool withAlias, CancellationToken cancellationToken)
    {
        var properties = new Properties
        {
            [F.Id] = new KeywordProperty(),
            [F.Type] = new KeywordProperty(),
            [F.TitleWhole] = new KeywordProperty(),
        };
        foreach (var field in IndexedForms.AnalyzedFields)
        {
            // Positions for phrases, norms so a short title outranks a long one; nothing else to analyze.
            properties[field] = new TextProperty { Analyzer = "whitespace" };
        }
        foreach (var facet in ISearchIndex.FacetFields.Concat(ISearchIndex.EditorialFields))
        {
            properties[F.Filter(facet)] = new KeywordProperty();
        }
        foreach (var field in IndexedForms.FacetValueFields)
        {
            properties[field] = new KeywordProperty { Index = false };
        }
        properties[PriceBands.Field] = new LongNumberProperty();
        var request = new CreateIndexRequest(name)
        {
            Settings = new IndexSettings { NumberOfShards = 1, AutoExpandReplicas = "0-1" },
            // Titles, bodies, slugs and URLs are kept in _source to show, never indexed.
            Mappings = new TypeMapping { Dynamic = DynamicMapping.False, Properties = properties },
        };
        if (withAlias)
        {
            request.Aliases = new Dictionary<Name, Alias> { [alias] = new Alias() };
        }
        var created = await client.Indices.CreateAsync(request, cancellationToken);
        Ensure(created.IsValidResponse, created, $"creating index {name}");
    }

    public async Task UpsertAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var target in Targets())
            {
                foreach (var batch in documents.Chunk(BatchSize))
                {
                    await BulkAsync(target, batch.Select(d => (IBulkOperation)Index(d)), Refresh.WaitFor, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var target in Targets())
            {
                await BulkAsync(target, [new BulkDeleteOperation(id.ToString())], Refresh.WaitFor, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The alias, and the index being rebuilt beside it, so a change made during a rebuild is in both.</summary>
    private IEnumerable<string> Targets() => _building is null ? [alias] : [alias, _building];

    private static BulkIndexOperation<JsonObject> Index(SearchDocument document) => new(Source(document)) { Id = document.Id.ToString() };

    private async Task BulkAsync(string index, IEnumerable<IBulkOperation> operations, Refresh? refresh, CancellationToken cancellationToken)
    {
        var request = new BulkRequest(index) { Operations = [.. operations], Refresh = refresh };
        var response = await client.BulkAsync(request, cancellationToken);
        Ensure(response.IsValidResponse || response.ApiCallDetails.HttpStatusCode == 200 && response.Errors, response, "indexing");
        // A delete of what is not there answers 404 for that item: the state wanted is reached.
        var failed = response.ItemsWithErrors.FirstOrDefault(i => i.Status != 404);
        if (failed is not null)
        {
            throw new SearchIndexException($"Elasticsearch refused document {failed.Id}: {failed.Error?.Type} {failed.Error?.Reason}");
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        var response = await client.CountAsync(new CountRequest(alias), cancellationToken);
        Ensure(response.IsValidResponse, response, "counting");
        return response.Count;
    }

    /// <summary>
    /// Keeps no mark yet (it would live in the index's mapping <c>_meta</c>): a restarted host hands the search handlers
    /// every event still in the outbox, which they apply again, idempotently.
    /// </summary>
    public Task<DateTimeOffset?> RebuiltFromAsync(CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    public async Task<SearchResult> SearchAsync(ArtSouk.Search.SearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var terms = new QueryTerms(request.Query);
        if (terms.Words.Count == 0)
        {
            return new SearchResult([], 0, request.Facets.ToDictionary(f => f, _ => (IReadOnlyList<FacetCount>)[]));
        }
        var plan = QueryPlan.Search(terms);
        // The Lucene adapter's two tiers: a constant on top for the documents that match on titles, names and keys.
        var tier = new ConstantScoreQuery { Filter = EsQueries.Build(QueryPlan.TitleTier(plan)), Boost = QueryPlan.TierBoost };
        var query = new BoolQuery { Must = [EsQueries.Build(plan)], Should = [tier], Filter = Filters(request) };
        var search = new Elastic.Clients.Elasticsearch.SearchRequest(alias)
        {
            Query = query,
            From = request.Offset,
            Size = request.Limit,
            TrackTotalHits = new Elastic.Clients.Elasticsearch.Core.Search.TrackHits(true),
            Aggregations = request.Facets.ToDictionary(f => f, f => (Aggregation)new TermsAggregation { Field = F.FacetValue(f, request.Locale), Size = 50 }),
        };
        var response = await client.SearchAsync<JsonObject>(search, cancellationToken);
        Ensure(response.IsValidResponse, response, "searching");
        var hits = response.Hits.Where(h => h.Source is not null)
            .Select(h => Hit(h.Source!, Untiered(h.Score ?? 0), request.Locale, terms)).ToList();
        var facets = request.Facets.ToDictionary(f => f, f =>
            (IReadOnlyList<FacetCount>)(response.Aggregations?.GetStringTerms(f)?.Buckets ?? [])
                .Select(b => new FacetCount(b.Key.ToString(), (int)b.DocCount)).ToList());
        return new SearchResult(hits, (int)response.Total, facets);
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string query, string locale, int limit, CancellationToken cancellationToken)
    {
        var terms = new QueryTerms(query);
        if (terms.Words.Count == 0)
        {
            return [];
        }
        var search = new Elastic.Clients.Elasticsearch.SearchRequest(alias) { Query = EsQueries.Build(QueryPlan.Suggest(terms)), Size = limit * 2 };
        var response = await client.SearchAsync<JsonObject>(search, cancellationToken);
        Ensure(response.IsValidResponse, response, "suggesting");
        var suggestions = new List<Suggestion>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // The title in the script typed first, so "nou" suggests Nouf Al-Harbi and "نو" نوف الحربي.
        var (first, second) = terms.IsArabic ? ("ar", "en") : ("en", "ar");
        foreach (var source in response.Hits.Select(h => h.Source).OfType<JsonObject>())
        {
            var text = Text(source, "title_" + first) ?? Text(source, "title_" + second);
            var other = Text(source, "title_" + second);
            if (text is null || !seen.Add(text))
            {
                continue;
            }
            suggestions.Add(new Suggestion(text, other == text ? null : other, Guid.Parse(Text(source, F.Id)!), Text(source, F.Type)!,
                Text(source, "url_" + locale) ?? Text(source, "url_" + (locale == "ar" ? "en" : "ar")) ?? ""));
            if (suggestions.Count == limit)
            {
                break;
            }
        }
        return suggestions;
    }

    public async Task RebuildAsync(IAsyncEnumerable<SearchDocument> documents, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await OpenAsync(cancellationToken);
        var name = NewName();
        await CreateIndexAsync(name, withAlias: false, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        _building = name;
        _gate.Release();
        var count = 0;
        try
        {
            var batch = new List<SearchDocument>(BatchSize);
            await foreach (var document in documents.WithCancellation(cancellationToken))
            {
                batch.Add(document);
                if (batch.Count == BatchSize)
                {
                    count += await AddAsync(name, batch, cancellationToken);
                    progress?.Report(count);
                }
            }
            count += await AddAsync(name, batch, cancellationToken);
            var refreshed = await client.Indices.RefreshAsync(new RefreshRequest(name), cancellationToken);
            Ensure(refreshed.IsValidResponse, refreshed, "refreshing the new index");
        }
        catch
        {
            await _gate.WaitAsync(CancellationToken.None);
            _building = null;
            _gate.Release();
            await client.Indices.DeleteAsync(new DeleteIndexRequest(name), CancellationToken.None);
            throw;
        }
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            // One atomic call: the alias leaves the old indices and points at the new one, and the old ones go.
            var current = await client.Indices.GetAliasAsync(new GetAliasRequest(Names.Parse(alias, CultureInfo.InvariantCulture)), CancellationToken.None);
            Ensure(current.IsValidResponse, current, "reading the alias");
            var actions = new List<IndexUpdateAliasesAction> { new AddAction { Index = name, Alias = alias } };
            actions.AddRange((current.Aliases?.Keys ?? []).Where(i => i != name).Select(i => (IndexUpdateAliasesAction)new RemoveIndexAction { Index = i }));
            var swapped = await client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest { Actions = actions }, CancellationToken.None);
            Ensure(swapped.IsValidResponse, swapped, "moving the alias");
            _building = null;
        }
        finally
        {
            _gate.Release();
        }
        progress?.Report(count);
    }

    /// <summary>Adds a batch to the index being built, under the gate: a live change to the same entry must not be overwritten by an older read.</summary>
    private async Task<int> AddAsync(string index, List<SearchDocument> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await BulkAsync(index, batch.Select(d => (IBulkOperation)Index(d)), refresh: null, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
        var added = batch.Count;
        batch.Clear();
        return added;
    }

    private static List<EsQuery> Filters(ArtSouk.Search.SearchRequest request)
    {
        var filters = new List<EsQuery>();
        if (request.Types.Count > 0)
        {
            filters.Add(new TermsQuery(F.Filter("type"), request.Types.Select(t => (FieldValue)t).ToArray()));
        }
        foreach (var (field, values) in request.Filters)
        {
            if (field == "price")
            {
                // Any of the ranges asked: min included, max not (PriceBands).
                filters.Add(new BoolQuery
                {
                    Should = values.Select(v => PriceBands.TryParse(v, out var min, out var max)
                        ? (EsQuery)new LongNumberRangeQuery(PriceBands.Field) { Gte = min, Lt = max }
                        : new TermQuery(PriceBands.Field, "")).ToList(),
                    MinimumShouldMatch = 1,
                });
                continue;
            }
            filters.Add(new TermsQuery(F.Filter(field), values.Select(v => (FieldValue)IndexedForms.FilterValue(v)).ToArray()));
        }
        return filters;
    }

    /// <summary>The document as Elasticsearch stores it: our forms in analyzed fields, the shown text in _source only.</summary>
    internal static JsonObject Source(SearchDocument document)
    {
        var forms = IndexedForms.Of(document);
        var source = new JsonObject
        {
            [F.Id] = document.Id.ToString(),
            [F.Type] = document.Type,
            [F.TitleWhole] = new JsonArray([.. forms.TitleWhole.Select(w => (JsonNode?)w)]),
        };
        foreach (var (locale, text) in forms.Shown)
        {
            source["title_" + locale] = text.Title;
            source["body_" + locale] = text.Body;
            source["slug_" + locale] = text.Slug;
            source["url_" + locale] = text.Url;
        }
        foreach (var (field, text) in forms.Analyzed)
        {
            source[field] = text;
        }
        foreach (var (facet, values) in forms.Filters)
        {
            source[F.Filter(facet)] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
        }
        foreach (var (field, value) in forms.FacetValues)
        {
            source[field] = value;
        }
        if (forms.PriceMinor is { } price)
        {
            source[PriceBands.Field] = price;
        }
        return source;
    }

    private static string? Text(JsonObject source, string name) => source[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>A hit's score without the first tier's constant, so scores read as the Lucene adapter's do.</summary>
    private static double Untiered(double score) => score >= QueryPlan.TierBoost ? score - QueryPlan.TierBoost : score;

    private static SearchHit Hit(JsonObject source, double score, string locale, QueryTerms terms)
    {
        var other = locale == "ar" ? "en" : "ar";
        string Get(string name) => Text(source, $"{name}_{locale}") ?? Text(source, $"{name}_{other}") ?? "";
        var body = Get("body");
        var snippet = Snippets.Highlight(body.Length > 0 ? body : Get("title"), terms);
        return new SearchHit(Guid.Parse(Text(source, F.Id)!), Text(source, F.Type)!, Get("slug"), Get("title"), snippet, Math.Round(score, 4), Get("url"));
    }

    private static void Ensure(bool ok, ElasticsearchResponse response, string what)
    {
        if (!ok)
        {
            var error = response.ElasticsearchServerError?.Error;
            throw new SearchIndexException(error is null
                ? $"Elasticsearch {what} failed: {response.ApiCallDetails.HttpStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no answer"} {response.ApiCallDetails.OriginalException?.Message}"
                : $"Elasticsearch {what} failed: {error.Type} {error.Reason}", response.ApiCallDetails.OriginalException);
        }
    }
}

/// <summary>The search index could not do what was asked (unreachable, or it refused the request).</summary>
public sealed class SearchIndexException : Exception
{
    public SearchIndexException()
    {
    }

    public SearchIndexException(string message) : base(message)
    {
    }

    public SearchIndexException(string message, Exception? inner) : base(message, inner)
    {
    }
}

/// <summary>Runs a <see cref="QueryPlan"/> on Elasticsearch: the same clauses as the Lucene adapter, in the query DSL.</summary>
internal static class EsQueries
{
    public static EsQuery Build(QueryNode node) => node switch
    {
        TermNode t => new TermQuery(t.Field, t.Value) { Boost = t.Boost },
        FuzzyNode f => new FuzzyQuery(f.Field, f.Value)
        {
            Fuzziness = f.Edits,
            PrefixLength = FuzzyNode.PrefixLength,
            MaxExpansions = FuzzyNode.MaxExpansions,
            Transpositions = true,
            Boost = f.Boost,
        },
        // The terms are our forms: the field's whitespace analyzer splits them back, one position each.
        PhraseNode p => new MatchPhraseQuery(p.Field, string.Join(' ', p.Terms)) { Slop = p.Slop, Boost = p.Boost },
        BestOfNode b => new DisMaxQuery { Queries = [.. b.Options.Select(Build)], TieBreaker = b.TieBreaker, Boost = b.Boost },
        AllNode a => new BoolQuery
        {
            Must = [.. a.Must.Select(Build)],
            Should = [.. a.Should.Select(Build)],
            MinimumShouldMatch = a.MinimumShouldMatch == 0 ? null : a.MinimumShouldMatch,
            Boost = a.Boost,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, "not a query node"),
    };
}
