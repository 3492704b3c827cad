using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Two hosts on one PostgreSQL database with the SignalR Redis backplane (<c>Redis:ConnectionString</c>) on a real
/// redis-server: a watcher connected to one host sees the bids accepted by the other.
/// </summary>
public sealed class PostgresAuctionRedisTests
{
    [Fact]
    public async Task Watchers_on_one_host_see_bids_accepted_by_the_other_through_redis()
    {
        var server = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (server is null)
        {
            Assert.Skip("redis-server is not installed");
        }
        var connection = await Postgres.CreateDatabaseOrSkipAsync();
        var ct = TestContext.Current.CancellationToken;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        using var redis = Process.Start(new ProcessStartInfo(server, $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        redis.OutputDataReceived += (_, _) => { };
        redis.BeginOutputReadLine();
        try
        {
            await ListeningAsync(port, ct);
            var settings = new Dictionary<string, string> { ["Redis:ConnectionString"] = $"127.0.0.1:{port}" };
            await using var first = new ArtSoukApp(connection, seed: false, settings: settings);
            var admin = await first.AdminClientAsync();
            await using var second = new ArtSoukApp(connection, seed: false, settings: settings);
            _ = second.CreateClient();
            var lot = await Auctioneer.LotAsync(admin, await Auctioneer.SaleAsync(admin));
            var (_, aEmail) = await People.RegisterAsync(first);
            var (_, bEmail) = await People.RegisterAsync(first);
            var onFirst = await People.SignedInAsync(first, aEmail);
            var onSecond = await People.SignedInAsync(second, bEmail);
            var (watchFirst, seenOnFirst) = await WatchAsync(first, lot, 1100m, ct);
            var (watchSecond, seenOnSecond) = await WatchAsync(second, lot, 1000m, ct);
            await using (watchFirst)
            await using (watchSecond)
            {
                Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(onFirst, lot, 1000m)).StatusCode);
                Assert.Equal(1000m, (await seenOnSecond.WaitAsync(TimeSpan.FromSeconds(20), ct))["currentBid"]!.GetValue<decimal>());

                Assert.Equal(HttpStatusCode.Created, (await Auctioneer.BidAsync(onSecond, lot, 1100m)).StatusCode);
                Assert.Equal(1100m, (await seenOnFirst.WaitAsync(TimeSpan.FromSeconds(20), ct))["currentBid"]!.GetValue<decimal>());
            }
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>A hub client on <paramref name="app"/> in the lot's group; completes with the first <c>bid</c> at <paramref name="amount"/>.</summary>
    private static async Task<(HubConnection Hub, Task<JsonObject> Seen)> WatchAsync(ArtSoukApp app, Guid lot, decimal amount, CancellationToken ct)
    {
        var server = app.Server;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/auctions"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        var seen = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonObject>("bid", e =>
        {
            if (e["currentBid"]?.GetValue<decimal>() == amount)
            {
                seen.TrySetResult(e);
            }
        });
        await hub.StartAsync(ct);
        await hub.InvokeAsync<JsonObject>("JoinLot", lot, ct);
        return (hub, seen.Task);
    }

    private static async Task ListeningAsync(int port, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(100, ct);
            }
        }
    }
}
