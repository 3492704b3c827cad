using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>The published host as a real process (<c>dotnet ArtSouk.Host.dll</c> from the test output) on PostgreSQL.</summary>
public static class HostProcess
{
    /// <summary>A client of the same host holding <paramref name="email"/>'s bearer token.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient http, string email, string password, CancellationToken ct)
    {
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, ct);
        token.EnsureSuccessStatusCode();
        var client = new HttpClient { BaseAddress = http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonObject>(ct))!["access_token"]!.GetValue<string>());
        return client;
    }

    /// <summary>Starts <c>ArtSouk.Host</c> on a free loopback port and waits until it is ready.</summary>
    public static async Task<(Process Host, HttpClient Http)> StartAsync(string connection, string data, CancellationToken ct)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "ArtSouk.Host.dll"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ArtSouk__DataPath"] = data,
                ["ArtSouk__Seed"] = "false",
                ["ArtSouk__Admin__Email"] = ArtSoukApp.AdminEmail,
                ["ArtSouk__Admin__Password"] = ArtSoukApp.AdminPassword,
                ["Database__Provider"] = "Postgres",
                ["Database__ConnectionString"] = connection,
                ["Auctions__CloserInterval"] = "00:00:00.5",
                ["Auctions__ClaimTimeout"] = "00:00:02",
                ["Accounts__RateLimits__SignIn__PermitLimit"] = "1000000",
                ["Accounts__RateLimits__Register__PermitLimit"] = "1000000",
            },
        };
        var host = Process.Start(start)!;
        // The last lines the host wrote, to say why it did not get ready.
        var tail = new ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is not null)
            {
                tail.Enqueue(line);
                while (tail.Count > 40 && tail.TryDequeue(out _))
                {
                }
            }
        }
        host.OutputDataReceived += (_, e) => Keep(e.Data);
        host.ErrorDataReceived += (_, e) => Keep(e.Data);
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline && !host.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready", ct)).IsSuccessStatusCode)
                {
                    return (host, http);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250, ct);
        }
        var exited = host.HasExited;
        if (!exited)
        {
            host.Kill();
        }
        throw new InvalidOperationException($"the host did not get ready (exited: {exited}):{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
    }
}
