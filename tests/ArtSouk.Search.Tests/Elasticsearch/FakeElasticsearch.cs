using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Search.Tests.Elasticsearch;

/// <summary>
/// A loopback stand-in for an Elasticsearch 9 node, for the calls the adapter makes. It answers with Elasticsearch's
/// own response bodies, headers and errors, as the REST API specification gives them
/// (github.com/elastic/elasticsearch-specification at 9d9b9a521cc1070c1c9eb6c77d91c3a5fb09730d):
/// <list type="bullet">
/// <item><c>HEAD /_alias/{name}</c>: 200 or 404, no body (indices/exists_alias).</item>
/// <item><c>GET /_alias/{name}</c>: <c>{ "index": { "aliases": { "name": {} } } }</c>, 404 <c>{ "error": "alias [x] missing", "status": 404 }</c> (indices/get_alias/_types/response.ts).</item>
/// <item><c>PUT /{index}</c>: <c>{ acknowledged, shards_acknowledged, index }</c> (indices/create/IndicesCreateResponse.ts); 400 resource_already_exists_exception.</item>
/// <item><c>POST /{index}/_bulk</c>: <c>{ took, errors, items: [{ index|delete: { _index, _id, _version, result, _shards, status, _seq_no, _primary_term } }] }</c> (_global/bulk/examples/response/BulkResponseExample1.yaml).</item>
/// <item><c>POST /{index}/_count</c>: <c>{ count, _shards }</c> (_global/count/examples/200_response/CountResponseExample1.yaml).</item>
/// <item><c>POST /{index}/_search</c>: <c>{ took, timed_out, _shards, hits: { total: { value, relation }, max_score, hits: [{ _index, _id, _score, _source }] }, aggregations }</c>
/// (_global/search/examples/200_response/SearchResponseExample1.yaml); terms aggregations as <c>sterms#name</c> under <c>typed_keys</c> (_types/aggregations/Aggregate.ts, StringTermsAggregate).</item>
/// <item><c>POST /{index}/_refresh</c>: <c>{ _shards }</c> (ShardsOperationResponseBase); <c>POST /_aliases</c> and <c>DELETE /{index}</c>: <c>{ acknowledged }</c> (AcknowledgedResponseBase).</item>
/// <item>Errors: <c>{ error: { root_cause, type, reason }, status }</c> (_types/Base.ts ErrorResponseBase, _types/Errors.ts ErrorCause).</item>
/// </list>
/// Queries are evaluated by a real Lucene index built from the mappings the adapter sent (BM25, as Elasticsearch scores),
/// for the query types the adapter uses: bool, dis_max, term, terms, fuzzy, prefix, match_phrase. Any other is refused
/// with Elasticsearch's parsing_exception, so the adapter cannot send what this fake does not understand.
/// </summary>
public sealed class FakeElasticsearch : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly Dictionary<string, FakeIndex> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _aliases = new(StringComparer.Ordinal);
    private int _seq;

    /// <summary>Each request as "METHOD /path", in order.</summary>
    public List<string> Requests { get; } = [];

    public Uri Url { get; private set; } = null!;

    private FakeElasticsearch(WebApplication app) => _app = app;

    public static async Task<FakeElasticsearch> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeElasticsearch(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Url = new Uri(address);
        return fake;
    }

    public IReadOnlyCollection<string> IndicesBehind(string alias)
    {
        lock (_lock)
        {
            return _aliases.TryGetValue(alias, out var set) ? set.ToList() : [];
        }
    }

    public IReadOnlyCollection<string> AllIndices()
    {
        lock (_lock)
        {
            return _indices.Keys.ToList();
        }
    }

    /// <summary>The mapping an index was created with, as the adapter sent it.</summary>
    public JsonObject? MappingOf(string index)
    {
        lock (_lock)
        {
            return _indices.TryGetValue(index, out var found) ? (JsonObject)found.Mappings.DeepClone() : null;
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        var method = http.Request.Method;
        var path = http.Request.Path.Value ?? "/";
        // The official client gzips request bodies (Content-Encoding: gzip), which Elasticsearch accepts.
        Stream input = http.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase)
            ? new System.IO.Compression.GZipStream(http.Request.Body, System.IO.Compression.CompressionMode.Decompress)
            : http.Request.Body;
        using var reader = new StreamReader(input, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        lock (_lock)
        {
            Requests.Add($"{method} {path}");
        }
        // Every Elasticsearch answer names the product; the official client refuses a server that does not.
        http.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        (int Status, JsonNode? Body) answer;
        try
        {
            answer = (method, segments) switch
            {
                ("HEAD", ["_alias", var name]) => (AliasExists(name) ? 200 : 404, null),
                ("GET", ["_alias", var name]) => GetAlias(name),
                ("POST", ["_aliases"]) => UpdateAliases(JsonNode.Parse(body)!.AsObject()),
                ("PUT", [var index]) => Create(index, JsonNode.Parse(body.Length == 0 ? "{}" : body)!.AsObject()),
                ("DELETE", [var index]) => Delete(index),
                ("POST" or "PUT", [var index, "_bulk"]) => Bulk(index, body),
                ("POST" or "GET", [var index, "_refresh"]) => WithIndex(index, i => (200, Shards())),
                ("POST" or "GET", [var index, "_count"]) => WithIndex(index, i => (200, new JsonObject { ["count"] = i.Documents.Count, ["_shards"] = Shards(skipped: true) })),
                ("POST" or "GET", [var index, "_search"]) => await SearchAsync(index, body, http.Request.Query.ContainsKey("typed_keys")),
                _ => (400, new JsonObject { ["error"] = $"no handler found for uri [{path}] and method [{method}]" }),
            };
        }
        catch (QueryParsingException e)
        {
            answer = Error(400, "parsing_exception", e.Message);
        }
#pragma warning disable CA1031 // A fault in the fake itself is answered as Elasticsearch answers its own: a 500 with the reason.
        catch (Exception e)
#pragma warning restore CA1031
        {
            answer = Error(500, "fake_failure", e.ToString());
        }
        http.Response.StatusCode = answer.Status;
        if (answer.Body is not null && method != "HEAD")
        {
            // Elasticsearch answers in the media type asked for: the official client asks for compatible-with=9 on most
            // calls, but plain application/json on _bulk (its BulkRequest overrides Accept), and gets that back.
            http.Response.ContentType = http.Request.Headers.Accept.ToString().Contains("application/vnd.elasticsearch+json", StringComparison.OrdinalIgnoreCase)
                ? "application/vnd.elasticsearch+json;compatible-with=9"
                : "application/json";
            await http.Response.WriteAsync(answer.Body.ToJsonString());
        }
    }

    private bool AliasExists(string name)
    {
        lock (_lock)
        {
            return _aliases.TryGetValue(name, out var set) && set.Count > 0;
        }
    }

    private (int, JsonNode?) GetAlias(string name)
    {
        lock (_lock)
        {
            if (!_aliases.TryGetValue(name, out var set) || set.Count == 0)
            {
                return (404, new JsonObject { ["error"] = $"alias [{name}] missing", ["status"] = 404 });
            }
            var answer = new JsonObject();
            foreach (var index in set)
            {
                answer[index] = new JsonObject { ["aliases"] = new JsonObject { [name] = new JsonObject() } };
            }
            return (200, answer);
        }
    }

    private (int, JsonNode?) UpdateAliases(JsonObject body)
    {
        lock (_lock)
        {
            foreach (var action in body["actions"]!.AsArray())
            {
                var (kind, spec) = action!.AsObject().Single();
                var index = spec!["index"]!.GetValue<string>();
                if (!_indices.ContainsKey(index))
                {
                    return Error(404, "index_not_found_exception", $"no such index [{index}]", index);
                }
            }
            foreach (var action in body["actions"]!.AsArray())
            {
                var (kind, spec) = action!.AsObject().Single();
                var index = spec!["index"]!.GetValue<string>();
                switch (kind)
                {
                    case "add":
                        var alias = spec["alias"]!.GetValue<string>();
                        if (!_aliases.TryGetValue(alias, out var set))
                        {
                            _aliases[alias] = set = [];
                        }
                        set.Add(index);
                        break;
                    case "remove":
                        _aliases[spec["alias"]!.GetValue<string>()].Remove(index);
                        break;
                    case "remove_index":
                        RemoveIndex(index);
                        break;
                    default:
                        throw new QueryParsingException($"[aliases] unknown field [{kind}]");
                }
            }
            return (200, new JsonObject { ["acknowledged"] = true });
        }
    }

    private (int, JsonNode?) Create(string name, JsonObject body)
    {
        lock (_lock)
        {
            if (_indices.ContainsKey(name) || _aliases.ContainsKey(name))
            {
                return Error(400, "resource_already_exists_exception", $"index [{name}/abc123] already exists", name);
            }
            var mappings = body["mappings"]?.AsObject() ?? [];
            foreach (var (field, spec) in mappings["properties"]?.AsObject() ?? [])
            {
                var type = spec?["type"]?.GetValue<string>();
                if (type is not ("text" or "keyword" or "long"))
                {
                    return Error(400, "mapper_parsing_exception", $"No handler for type [{type}] declared on field [{field}]");
                }
                if (spec!["analyzer"]?.GetValue<string>() is { } analyzer && analyzer is not ("whitespace" or "standard" or "simple" or "keyword"))
                {
                    return Error(400, "mapper_parsing_exception", $"analyzer [{analyzer}] has not been configured in mappings");
                }
            }
            _indices[name] = new FakeIndex(name, (JsonObject)mappings.DeepClone());
            foreach (var (alias, _) in body["aliases"]?.AsObject() ?? [])
            {
                if (!_aliases.TryGetValue(alias, out var set))
                {
                    _aliases[alias] = set = [];
                }
                set.Add(name);
            }
            return (200, new JsonObject { ["acknowledged"] = true, ["shards_acknowledged"] = true, ["index"] = name });
        }
    }

    private (int, JsonNode?) Delete(string name)
    {
        lock (_lock)
        {
            if (!_indices.ContainsKey(name))
            {
                return Error(404, "index_not_found_exception", $"no such index [{name}]", name);
            }
            RemoveIndex(name);
            return (200, new JsonObject { ["acknowledged"] = true });
        }
    }

    private void RemoveIndex(string name)
    {
        if (_indices.Remove(name, out var index))
        {
            index.Dispose();
        }
        foreach (var set in _aliases.Values)
        {
            set.Remove(name);
        }
    }

    /// <summary>An index name or an alias with exactly one index behind it, as a write or a search of one index needs.</summary>
    private FakeIndex? Resolve(string name) =>
        _indices.TryGetValue(name, out var index) ? index
        : _aliases.TryGetValue(name, out var set) && set.Count == 1 ? _indices[set.First()] : null;

    private (int, JsonNode?) WithIndex(string name, Func<FakeIndex, (int, JsonNode?)> action)
    {
        lock (_lock)
        {
            return Resolve(name) is { } index ? action(index) : Error(404, "index_not_found_exception", $"no such index [{name}]", name);
        }
    }

    private (int, JsonNode?) Bulk(string name, string body)
    {
        lock (_lock)
        {
            if (Resolve(name) is not { } index)
            {
                return Error(404, "index_not_found_exception", $"no such index [{name}]", name);
            }
            var items = new JsonArray();
            var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                var (kind, meta) = JsonNode.Parse(lines[i])!.AsObject().Single();
                var id = meta!["_id"]!.GetValue<string>();
                string result;
                int status;
                if (kind is "index")
                {
                    var source = JsonNode.Parse(lines[++i])!.AsObject();
                    var existed = index.Documents.ContainsKey(id);
                    index.Documents[id] = source;
                    (result, status) = existed ? ("updated", 200) : ("created", 201);
                }
                else if (kind is "delete")
                {
                    (result, status) = index.Documents.Remove(id) ? ("deleted", 200) : ("not_found", 404);
                }
                else
                {
                    throw new QueryParsingException($"Malformed action/metadata line [{i + 1}], expected one of [create, delete, index, update] but found [{kind}]");
                }
                index.Dirty = true;
                var version = index.Versions[id] = index.Versions.GetValueOrDefault(id) + 1;
                items.Add(new JsonObject
                {
                    [kind] = new JsonObject
                    {
                        ["_index"] = index.Name,
                        ["_id"] = id,
                        ["_version"] = version,
                        ["result"] = result,
                        ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
                        ["status"] = status,
                        ["_seq_no"] = _seq++,
                        ["_primary_term"] = 1,
                    },
                });
            }
            return (200, new JsonObject { ["took"] = 3, ["errors"] = false, ["items"] = items });
        }
    }

    private async Task<(int, JsonNode?)> SearchAsync(string name, string body, bool typedKeys)
    {
        await Task.Yield();
        lock (_lock)
        {
            if (Resolve(name) is not { } index)
            {
                return Error(404, "index_not_found_exception", $"no such index [{name}]", name);
            }
            var request = JsonNode.Parse(body.Length == 0 ? "{}" : body)!.AsObject();
            var searcher = index.Searcher();
            var query = request["query"] is JsonObject q ? Translate(q) : new MatchAllDocsQuery();
            var from = request["from"]?.GetValue<int>() ?? 0;
            var size = request["size"]?.GetValue<int>() ?? 10;
            var all = searcher.Search(query, Math.Max(1, index.Documents.Count));
            var hits = new JsonArray();
            foreach (var scored in all.ScoreDocs.Skip(from).Take(size))
            {
                var id = searcher.Doc(scored.Doc).Get("_id", CultureInfo.InvariantCulture)!;
                hits.Add(new JsonObject { ["_index"] = index.Name, ["_id"] = id, ["_score"] = scored.Score, ["_source"] = index.Documents[id].DeepClone() });
            }
            var answer = new JsonObject
            {
                ["took"] = 2,
                ["timed_out"] = false,
                ["_shards"] = Shards(skipped: true),
                ["hits"] = new JsonObject
                {
                    ["total"] = new JsonObject { ["value"] = all.TotalHits, ["relation"] = "eq" },
                    ["max_score"] = all.ScoreDocs.Length == 0 ? null : all.ScoreDocs[0].Score,
                    ["hits"] = hits,
                },
            };
            if ((request["aggregations"] ?? request["aggs"]) is JsonObject aggregations)
            {
                var matched = all.ScoreDocs.Select(s => index.Documents[searcher.Doc(s.Doc).Get("_id", CultureInfo.InvariantCulture)!]).ToList();
                var results = new JsonObject();
                foreach (var (aggName, spec) in aggregations)
                {
                    var terms = spec!["terms"] ?? throw new QueryParsingException($"Unknown aggregation type [{spec.AsObject().First().Key}] did you mean [terms]?");
                    var field = terms["field"]!.GetValue<string>();
                    var limit = terms["size"]?.GetValue<int>() ?? 10;
                    var counts = matched.SelectMany(d => Values(d[field])).GroupBy(v => v, StringComparer.Ordinal)
                        .Select(g => (Key: g.Key, Count: g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
                    var buckets = new JsonArray([.. counts.Take(limit).Select(c => (JsonNode)new JsonObject { ["key"] = c.Key, ["doc_count"] = c.Count })]);
                    results[typedKeys ? "sterms#" + aggName : aggName] = new JsonObject
                    {
                        ["doc_count_error_upper_bound"] = 0,
                        ["sum_other_doc_count"] = counts.Skip(limit).Sum(c => c.Count),
                        ["buckets"] = buckets,
                    };
                }
                answer["aggregations"] = results;
            }
            return (200, answer);
        }
    }

    private static IEnumerable<string> Values(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Values),
        // A number (a long field's value) as its JSON text, as Elasticsearch reads it.
        JsonValue value => [value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString()],
        _ => [],
    };

    /// <summary>The query DSL the adapter sends, as the Lucene queries Elasticsearch runs for it.</summary>
    private static Query Translate(JsonObject node)
    {
        var (kind, spec) = node.Single();
        var body = spec!.AsObject();
        Query query;
        switch (kind)
        {
            case "bool":
                var all = new BooleanQuery();
                foreach (var clause in Clauses(body["must"]))
                {
                    all.Add(Translate(clause), Occur.MUST);
                }
                foreach (var clause in Clauses(body["filter"]))
                {
                    // A filter must match and does not score.
                    all.Add(new ConstantScoreQuery(Translate(clause)) { Boost = 0 }, Occur.MUST);
                }
                foreach (var clause in Clauses(body["must_not"]))
                {
                    all.Add(Translate(clause), Occur.MUST_NOT);
                }
                var should = Clauses(body["should"]).ToList();
                foreach (var clause in should)
                {
                    all.Add(Translate(clause), Occur.SHOULD);
                }
                var onlyShould = body["must"] is null or JsonArray { Count: 0 } && body["filter"] is null or JsonArray { Count: 0 };
                all.MinimumNumberShouldMatch = body["minimum_should_match"] is { } msm
                    ? int.Parse(msm.ToString(), CultureInfo.InvariantCulture)
                    : should.Count > 0 && onlyShould ? 1 : 0;
                query = all;
                break;
            case "dis_max":
                var best = new DisjunctionMaxQuery(body["tie_breaker"]?.GetValue<float>() ?? 0);
                foreach (var clause in Clauses(body["queries"]))
                {
                    best.Add(Translate(clause));
                }
                query = best;
                break;
            case "term":
            {
                var (field, value) = FieldSpec(body, "value");
                query = new TermQuery(new Term(field, value["value"]!.ToString()));
                body = value;
                break;
            }
            case "terms":
            {
                var (field, values) = body.First(p => p.Key != "boost");
                var any = new BooleanQuery();
                foreach (var value in values!.AsArray())
                {
                    any.Add(new TermQuery(new Term(field, value!.ToString())), Occur.SHOULD);
                }
                query = new ConstantScoreQuery(any);
                break;
            }
            case "range":
            {
                // Only long fields are mapped: a numeric range, each bound included or not as gte/gt, lte/lt say.
                var (field, value) = body.First(p => p.Key != "boost");
                var bounds = value!.AsObject();
                long? Bound(string name) => bounds[name] is { } b ? b.GetValue<long>() : null;
                var low = Bound("gte") ?? Bound("gt");
                var high = Bound("lte") ?? Bound("lt");
                query = NumericRangeQuery.NewInt64Range(field, low, high, bounds["gt"] is null, bounds["lt"] is null);
                body = bounds;
                break;
            }
            case "fuzzy":
            {
                var (field, value) = FieldSpec(body, "value");
                var edits = int.Parse(value["fuzziness"]?.ToString() ?? "2", CultureInfo.InvariantCulture);
                query = new FuzzyQuery(new Term(field, value["value"]!.ToString()), edits, value["prefix_length"]?.GetValue<int>() ?? 0,
                    value["max_expansions"]?.GetValue<int>() ?? 50, value["transpositions"]?.GetValue<bool>() ?? true);
                body = value;
                break;
            }
            case "constant_score":
                // Matches as its filter does, scoring its boost alone (set below).
                query = new ConstantScoreQuery(Translate(body["filter"]!.AsObject()));
                break;
            case "prefix":
            {
                var (field, value) = FieldSpec(body, "value");
                query = new PrefixQuery(new Term(field, value["value"]!.ToString()));
                body = value;
                break;
            }
            case "match_phrase":
            {
                var (field, value) = FieldSpec(body, "query");
                // The mapped analyzer is whitespace: the phrase's words are the text split at spaces.
                var phrase = new PhraseQuery { Slop = value["slop"]?.GetValue<int>() ?? 0 };
                foreach (var word in value["query"]!.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    phrase.Add(new Term(field, word));
                }
                query = phrase;
                body = value;
                break;
            }
            default:
                throw new QueryParsingException($"unknown query [{kind}]");
        }
        if (body["boost"] is { } boost)
        {
            query.Boost = boost.GetValue<float>();
        }
        return query;
    }

    private static IEnumerable<JsonObject> Clauses(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(c => c!.AsObject()),
        JsonObject single => [single],
        _ => [],
    };

    /// <summary><c>{ "field": { "value": ... } }</c>, or the short form <c>{ "field": "value" }</c>.</summary>
    private static (string Field, JsonObject Spec) FieldSpec(JsonObject body, string valueKey)
    {
        var (field, spec) = body.Single();
        return (field, spec is JsonObject o ? o : new JsonObject { [valueKey] = spec!.DeepClone() });
    }

    private static JsonObject Shards(bool skipped = false)
    {
        var shards = new JsonObject { ["total"] = 1, ["successful"] = 1 };
        if (skipped)
        {
            shards["skipped"] = 0;
        }
        shards["failed"] = 0;
        return shards;
    }

    private static (int, JsonNode?) Error(int status, string type, string reason, string? index = null)
    {
        JsonObject Cause()
        {
            var cause = new JsonObject { ["type"] = type, ["reason"] = reason };
            if (index is not null)
            {
                cause["index"] = index;
                cause["resource.type"] = "index_or_alias";
                cause["resource.id"] = index;
            }
            return cause;
        }
        var error = Cause();
        error["root_cause"] = new JsonArray(Cause());
        return (status, new JsonObject { ["error"] = error, ["status"] = status });
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_lock)
        {
            foreach (var index in _indices.Values)
            {
                index.Dispose();
            }
        }
    }

    private sealed class QueryParsingException(string message) : Exception(message);

    /// <summary>One index: its documents as sent (the _source), and a Lucene copy built from its mapping for searching.</summary>
    private sealed class FakeIndex(string name, JsonObject mappings) : IDisposable
    {
        private RAMDirectory? _directory;
        private DirectoryReader? _reader;

        public string Name { get; } = name;
        public JsonObject Mappings { get; } = mappings;
        public Dictionary<string, JsonObject> Documents { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Versions { get; } = new(StringComparer.Ordinal);
        public bool Dirty { get; set; } = true;

        public IndexSearcher Searcher()
        {
            if (Dirty || _reader is null)
            {
                Dispose();
                _directory = new RAMDirectory();
                using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
                {
                    Similarity = new BM25Similarity(),
                }))
                {
                    foreach (var (id, source) in Documents)
                    {
                        writer.AddDocument(ToLucene(id, source));
                    }
                    writer.Commit();
                }
                _reader = DirectoryReader.Open(_directory);
                Dirty = false;
            }
            return new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        }

        private Document ToLucene(string id, JsonObject source)
        {
            var doc = new Document { new StringField("_id", id, Field.Store.YES) };
            // dynamic: false — a field the mapping does not name stays in _source and is not searchable.
            foreach (var (field, spec) in Mappings["properties"]?.AsObject() ?? [])
            {
                if (spec!["index"]?.GetValue<bool>() == false)
                {
                    continue;
                }
                foreach (var value in Values(source[field]))
                {
                    doc.Add(spec["type"]!.GetValue<string>() switch
                    {
                        "text" => new TextField(field, value, Field.Store.NO),
                        "long" => new Int64Field(field, long.Parse(value, CultureInfo.InvariantCulture), Field.Store.NO),
                        _ => new StringField(field, value, Field.Store.NO),
                    });
                }
            }
            return doc;
        }

        public void Dispose()
        {
            _reader?.Dispose();
            _directory?.Dispose();
            _reader = null;
        }
    }
}
