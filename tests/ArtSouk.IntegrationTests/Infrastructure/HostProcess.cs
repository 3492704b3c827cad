using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>
/// The published host as a real process (<c>dotnet ArtSouk.Host.dll</c> from the test output) on a free loopback port,
/// for what an in-process host cannot show: a SIGKILL, two processes on one database, a start-up it refuses.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "ArtSouk.Host.dll");

    private readonly Process process;

    // The last lines the host wrote, to say why it did not get ready.
    private readonly ConcurrentQueue<string> tail = new();

    private bool disposed;

    private HostProcess(Process process, Uri address)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>An anonymous client of this host.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts the host on the SQLite store under <paramref name="data"/> and waits until it is ready.</summary>
    public static Task<HostProcess> StartAsync(string data, CancellationToken ct) => StartAsync(data, new Dictionary<string, string>(), ct);

    /// <summary>Starts the host on <paramref name="connection"/> (PostgreSQL), keeping its search index and keys under <paramref name="data"/>.</summary>
    public static Task<HostProcess> StartOnPostgresAsync(string connection, string data, CancellationToken ct) =>
        StartAsync(data, new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["Database__ConnectionString"] = connection }, ct);

    private static async Task<HostProcess> StartAsync(string data, Dictionary<string, string> settings, CancellationToken ct)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        settings["ASPNETCORE_URLS"] = address.ToString().TrimEnd('/');
        settings["ArtSouk__DataPath"] = data;
        settings["Auctions__CloserInterval"] = "00:00:00.5";
        settings["Auctions__ClaimTimeout"] = "00:00:02";
        settings["Accounts__RateLimits__SignIn__PermitLimit"] = "1000000";
        settings["Accounts__RateLimits__Register__PermitLimit"] = "1000000";
        var host = new HostProcess(Process.Start(StartInfo(settings))!, address);
        host.process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(90);
        while (DateTimeOffset.UtcNow < deadline && !host.process.HasExited)
        {
            try
            {
                using var probe = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, probe.Token);
                if ((await host.Http.GetAsync("/health/ready", linked.Token)).IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet, or not answering yet.
            }
            await Task.Delay(250, ct);
        }
        var exited = host.process.HasExited;
        await host.DisposeAsync();
        throw new InvalidOperationException($"the host did not get ready (exited: {exited}):{Environment.NewLine}{string.Join(Environment.NewLine, host.tail)}");
    }

    /// <summary>Runs the host until it stops by itself, as it does on a setting or a content type it refuses.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var all = new Dictionary<string, string>
        {
            ["ArtSouk__DataPath"] = Directory.CreateTempSubdirectory("artsouk-refused-").FullName,
            ["ArtSouk__Seed"] = "false",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        using var host = Process.Start(StartInfo(all))!;
        try
        {
            var output = host.StandardOutput.ReadToEndAsync(ct);
            var error = await host.StandardError.ReadToEndAsync(ct);
            await host.WaitForExitAsync(ct);
            return (host.ExitCode, await output, error);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>A client of this host holding <paramref name="email"/>'s bearer token.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password, CancellationToken ct)
    {
        var token = await Http.PostAsJsonAsync("/api/v1/auth/token", new { email, password }, ct);
        token.EnsureSuccessStatusCode();
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = Http.Timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonObject>(ct))!["access_token"]!.GetValue<string>());
        return client;
    }

    /// <summary>The administrator <see cref="ArtSoukApp"/> configures, signed in.</summary>
    public Task<HttpClient> AdminAsync(CancellationToken ct) => SignInAsync(ArtSoukApp.AdminEmail, ArtSoukApp.AdminPassword, ct);

    /// <summary>Kills the host with SIGKILL, as a crash or an OOM killer would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        await KillAsync();
        process.Dispose();
        Http.Dispose();
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet", Dll)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["ArtSouk__Seed"] = "false",
                ["ArtSouk__Admin__Email"] = ArtSoukApp.AdminEmail,
                ["ArtSouk__Admin__Password"] = ArtSoukApp.AdminPassword,
            },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        return start;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            tail.Enqueue(line);
            while (tail.Count > 40 && tail.TryDequeue(out _))
            {
            }
        }
    }
}
