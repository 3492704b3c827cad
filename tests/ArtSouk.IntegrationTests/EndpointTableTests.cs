using System.Net;
using ArtSouk.Host;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace ArtSouk.IntegrationTests;

/// <summary>The endpoint table is built once, ahead of the first request, and built again only when a source changes.</summary>
[Collection("sqlite")]
public sealed class EndpointTableTests(SqliteHost host)
{
    [Fact]
    public async Task Routing_and_authorization_share_one_build_of_every_endpoint_including_the_grouped_api()
    {
        // A request has gone through routing and authorization: both have read the table by now.
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous.GetAsync("/health/ready")).StatusCode);

        var table = Assert.IsType<CompositeEndpointDataSource>(host.App.Services.GetRequiredService<EndpointDataSource>());
        Assert.NotEmpty(table.DataSources);
        Assert.All(table.DataSources, source => Assert.IsType<EndpointTable.ReadOnce>(source));
        // A group (every module API sits in one) makes new endpoints, each with a request delegate compiled again, on
        // every read; read through the table, the second read is the first one's endpoints.
        var grouped = table.DataSources.Single(source => source.Endpoints.OfType<RouteEndpoint>()
            .Any(e => e.RoutePattern.RawText == "/api/v1/content/{type}"));
        var first = grouped.Endpoints;
        var second = grouped.Endpoints;
        Assert.True(first.Count > 50, $"{first.Count} endpoints in the modules' group");
        Assert.Same(first, second);
        Assert.Contains(first[0], table.Endpoints);
    }

    [Fact]
    public void A_source_is_read_once_until_it_says_it_changed_and_readers_hear_of_it_after_the_old_table_is_dropped()
    {
        using var source = new ChangingSource();
        using var once = new EndpointTable.ReadOnce(source);

        var first = once.Endpoints;
        Assert.Same(first, once.Endpoints);
        Assert.Equal(1, source.Reads);

        var heard = once.GetChangeToken();
        IReadOnlyList<Endpoint>? readWhenTold = null;
        using var registration = heard.RegisterChangeCallback(_ => readWhenTold = once.Endpoints, null);
        Assert.False(heard.HasChanged);

        source.Change();
        Assert.True(heard.HasChanged);
        Assert.NotNull(readWhenTold);
        Assert.NotSame(first, readWhenTold);
        Assert.Equal(2, source.Reads);
        Assert.Same(readWhenTold, once.Endpoints);
        Assert.Equal(2, source.Reads);
        Assert.False(once.GetChangeToken().HasChanged);
    }

    /// <summary>Makes new endpoints on every read, like a minimal API source, and can say it changed, like Blazor's under hot reload.</summary>
    private sealed class ChangingSource : EndpointDataSource, IDisposable
    {
        private CancellationTokenSource _changed = new();

        public int Reads { get; private set; }

        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                Reads++;
                return [new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, $"read {Reads}")];
            }
        }

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(_changed.Token);

        public void Change()
        {
            var changed = _changed;
            _changed = new CancellationTokenSource();
            changed.Cancel();
            changed.Dispose();
        }

        public void Dispose() => _changed.Dispose();
    }
}
