using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Sdk;
using Xunit.v3;

[assembly: TestCollectionOrderer(typeof(ArtSouk.IntegrationTests.OpenApiContractLast))]

namespace ArtSouk.IntegrationTests;

/// <summary>
/// The OpenAPI contract is checked against what the whole suite observed, so it runs after everything else: xunit runs
/// collections that disable parallelization after the parallel ones, and <see cref="OpenApiContractLast"/> orders it last
/// when the run is not parallel at all.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpenApiContract
{
    public const string Name = "OpenAPI contract";
}

public sealed class OpenApiContractLast : ITestCollectionOrderer
{
    public IReadOnlyCollection<TTestCollection> OrderTestCollections<TTestCollection>(IReadOnlyCollection<TTestCollection> testCollections)
        where TTestCollection : ITestCollection =>
        DefaultTestCollectionOrderer.Instance.OrderTestCollections(testCollections)
            .OrderBy(c => c.TestCollectionDisplayName == OpenApiContract.Name)
            .ToList();
}

/// <summary>
/// Every operation's declared responses against the statuses the suite observed (recorded by every test host), plus
/// probes of the problems the pipeline declares for each endpoint: authorization and request binding.
/// </summary>
[Collection(OpenApiContract.Name)]
public sealed class OpenApiContractTests(ContractHost host) : IClassFixture<ContractHost>
{
    [Fact]
    public void Every_api_operation_declares_a_problem_response()
    {
        var missing = host.Operations
            .Where(o => !o.Responses.Any(r => r.Key.StartsWith('4') && IsProblem(r.Value)))
            .Select(o => o.Name)
            .ToList();
        Assert.NotEmpty(host.Operations);
        Assert.True(missing.Count == 0, "No application/problem+json 4xx declared by: " + string.Join("; ", missing));
    }

    [Fact]
    public void The_pipeline_answers_each_problem_it_declares()
    {
        Assert.NotEmpty(host.Probes);
        var wrong = host.Probes.Where(p => !p.Answered).Select(p => p.ToString()).ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void Every_status_the_suite_observed_is_declared()
    {
        var operations = host.Operations.ToDictionary(o => o.Name);
        var undeclared = ObservedResponses.All
            .Where(o => o.Path.StartsWith("/api/v1/", StringComparison.Ordinal))
            .Where(o => !operations.TryGetValue(o.Operation, out var operation) || !operation.Responses.ContainsKey(Status(o.Status)))
            .Select(o => operations.ContainsKey(o.Operation) ? $"{o.Operation} answered {o.Status}" : $"{o.Operation} is not in the document")
            .Order()
            .ToList();
        Assert.True(undeclared.Count == 0, "Observed but not declared:" + Environment.NewLine + string.Join(Environment.NewLine, undeclared));
    }

    [Fact]
    public void Every_declared_problem_is_observed_by_the_suite()
    {
        var observed = ObservedResponses.All.Select(o => (o.Operation, Status(o.Status))).ToHashSet();
        var unproven = host.Operations
            .SelectMany(o => o.Responses.Keys.Where(s => s.StartsWith('4')).Select(s => (o.Name, Status: s)))
            .Where(d => !observed.Contains(d))
            .Select(d => $"{d.Name} {d.Status}")
            .ToList();
        Assert.True(unproven.Count == 0,
            "Declared but never observed (a test must produce each declared error; this test needs the whole suite to run first):" +
            Environment.NewLine + string.Join(Environment.NewLine, unproven));
    }

    private static bool IsProblem(JsonNode? response) => response?["content"]?["application/problem+json"] is not null;

    private static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One operation of the OpenAPI document, named <c>METHOD /path</c>.</summary>
public sealed record DocumentedOperation(string Name, IReadOnlyDictionary<string, JsonNode?> Responses);

/// <summary>A request the pipeline must refuse with <see cref="Expected"/> as a problem.</summary>
public sealed record Probe(string Why, HttpMethod Method, string Url, int Expected, int Actual, string? ContentType, string? Code)
{
    public bool Answered => Actual == Expected && ContentType == "application/problem+json" && !string.IsNullOrEmpty(Code);

    public override string ToString() => $"{Method} {Url} ({Why}): expected a {Expected} problem, got {Actual} {ContentType} code={Code ?? "-"}";
}

/// <summary>A host of its own, the document it serves, and the pipeline probes run against it (recorded like any test).</summary>
public sealed class ContractHost : IAsyncLifetime
{
    private readonly ArtSoukApp _app = new(null, seed: false);

    public IReadOnlyList<DocumentedOperation> Operations { get; private set; } = [];

    public IReadOnlyList<Probe> Probes { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        using var anonymous = _app.CreateClient();
        using var admin = await _app.AdminClientAsync();
        using var member = await MemberClientAsync(anonymous);
        var document = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        Operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(op => op.Value?["responses"] is JsonObject)
                .Select(op => new DocumentedOperation($"{op.Key.ToUpperInvariant()} {path.Key}",
                    op.Value!["responses"]!.AsObject().ToDictionary(r => r.Key, r => r.Value))))
            .Where(o => o.Name.Contains(" /api/v1/", StringComparison.Ordinal))
            .ToList();

        var probes = new List<Probe>();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.RawText?.StartsWith("/api/v1/", StringComparison.Ordinal) != true
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not [var verb])
            {
                continue;
            }
            var method = new HttpMethod(verb);
            var path = Fill(endpoint.RoutePattern);
            var authorize = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (authorize.Count > 0)
            {
                probes.Add(await SendAsync(anonymous, "no credentials", method, path, null, 401));
            }
            if (authorize.Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            {
                probes.Add(await SendAsync(member, "a member's token", method, path, null, 403));
            }
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null })
            {
                probes.Add(await SendAsync(admin, "unreadable JSON", method, path, "{\"fields\": ", 400));
            }
            var queryValues = endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
                .Where(p => p.HasTryParse && endpoint.RoutePattern.GetParameter(p.Name) is null)
                .ToList();
            foreach (var value in queryValues)
            {
                var others = queryValues.Where(o => o != value && !o.IsOptional).Select(o => $"{o.Name}={Sample(o)}");
                if (Underlying(value) != typeof(string))
                {
                    probes.Add(await SendAsync(admin, $"{value.Name} does not parse", method, $"{path}?{string.Join('&', others.Append($"{value.Name}=not-a-value"))}", null, 400));
                }
                if (!value.IsOptional)
                {
                    probes.Add(await SendAsync(admin, $"{value.Name} missing", method, $"{path}?{string.Join('&', others)}", null, 400));
                }
            }
        }
        Probes = probes;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private async Task<HttpClient> MemberClientAsync(HttpClient anonymous)
    {
        var email = $"member-{Guid.NewGuid():N}@artsouk.test";
        (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Member-Pass-2026!" })).EnsureSuccessStatusCode();
        var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Member-Pass-2026!" });
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>());
        return client;
    }

    private static async Task<Probe> SendAsync(HttpClient client, string why, HttpMethod method, string url, string? json, int expected)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(body)?["code"]?.GetValue<string>() : null;
        return new Probe(why, method, url, expected, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, code);
    }

    /// <summary>A path the route matches: constrained values that satisfy the constraint, <c>artist</c> for a type.</summary>
    private static string Fill(RoutePattern route) => route.Parameters.Aggregate(ObservedResponses.OpenApiPath(route), (path, parameter) =>
        path.Replace($"{{{parameter.Name}}}", parameter.ParameterPolicies.Select(p => p.Content).FirstOrDefault() switch
        {
            "guid" => Guid.NewGuid().ToString(),
            "int" or "long" => "1",
            _ => "artist",
        }, StringComparison.Ordinal));

    private static Type Underlying(IParameterBindingMetadata parameter) =>
        Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;

    private static string Sample(IParameterBindingMetadata parameter) => Underlying(parameter) == typeof(string) ? "x" : "1";
}
