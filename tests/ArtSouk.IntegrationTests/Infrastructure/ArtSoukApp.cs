using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

[assembly: AssemblyFixture(typeof(ArtSouk.IntegrationTests.Infrastructure.PostgresShutdown))]

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>The real host, in memory, on its own data folder and database.</summary>
public sealed class ArtSoukApp(string? postgresConnection, bool seed, string? contentTypesPath = null, Action<IServiceCollection>? services = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    /// <summary>
    /// A host on <paramref name="provider"/> (<c>sqlite</c> or <c>postgres</c>, a fresh database each); a PostgreSQL
    /// test is skipped, saying why, only where the server binaries are missing and CI does not require them.
    /// </summary>
    public static async Task<ArtSoukApp> OnAsync(string provider, bool seed = false, Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string>? settings = null, bool defaultRateLimits = false)
    {
        var connection = provider == "postgres" ? await Postgres.CreateDatabaseOrSkipAsync() : null;
        return new ArtSoukApp(connection, seed, services: services, settings: settings) { DefaultRateLimits = defaultRateLimits };
    }

    /// <summary>
    /// Off by default: the suite signs in and registers far more often, from one in-memory client, than any person
    /// would, so test hosts raise the per-client limits unless a test is about those limits.
    /// </summary>
    public bool DefaultRateLimits { get; init; }

    private static readonly string[] RateLimitNames = ["SignIn", "FailedSignIn", "Register", "PasswordReset", "TwoFactor"];

    public const string AdminEmail = "admin@artsouk.test";
    public const string AdminPassword = "Test-Admin-Pass-2026!";

    private static readonly AspNetCoreLogProvider HangfireLog = new(LoggerFactory.Create(b => b.AddConsole().SetMinimumLevel(LogLevel.Warning)));

    public string DataPath { get; } = Directory.CreateTempSubdirectory("artsouk-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ArtSouk:DataPath", DataPath);
        builder.UseSetting("ArtSouk:Seed", seed ? "true" : "false");
        builder.UseSetting("ArtSouk:Admin:Email", AdminEmail);
        builder.UseSetting("ArtSouk:Admin:Password", AdminPassword);
        if (!DefaultRateLimits)
        {
            foreach (var name in RateLimitNames)
            {
                builder.UseSetting($"Accounts:RateLimits:{name}:PermitLimit", "1000000");
            }
        }
        if (contentTypesPath is not null)
        {
            builder.UseSetting("ArtSouk:ContentTypesPath", contentTypesPath);
        }
        if (postgresConnection is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", postgresConnection);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, RecordResponses>());
        builder.ConfigureServices(KeepHangfireLoggingAlive);
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    /// <summary>
    /// Hangfire logs through one process-wide provider, which each host points at its own logger factory. With many
    /// hosts in one test process, a host starting its job server after another host was disposed would log through
    /// that disposed factory and fail to start; every test host logs through one factory that lives as long as the process.
    /// </summary>
    private static void KeepHangfireLoggingAlive(IServiceCollection services)
    {
        var hangfire = services.Single(d => d.ServiceType == typeof(IGlobalConfiguration));
        services.Remove(hangfire);
        services.AddSingleton(provider =>
        {
            var configuration = (IGlobalConfiguration)hangfire.ImplementationFactory!(provider);
            configuration.UseLogProvider(HangfireLog);
            return configuration;
        });
    }

    /// <summary>
    /// Waits (bounded) until <c>/health/ready</c> answers 200, as an orchestrator would: the job server announces itself
    /// from its own thread after the host has started, so on a loaded machine the first probe can come before it. Fails
    /// with the last answer, which names the check that was not ready.
    /// </summary>
    public async Task ReadyAsync(TimeSpan? within = null)
    {
        using var http = CreateClient();
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            using var ready = await http.GetAsync("/health/ready");
            if (ready.StatusCode == System.Net.HttpStatusCode.OK)
            {
                return;
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"/health/ready still answered {(int)ready.StatusCode}: {await ready.Content.ReadAsStringAsync()}");
            }
            await Task.Delay(100);
        }
    }

    public async Task<HttpClient> AdminClientAsync()
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = AdminEmail, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (postgresConnection is not null)
        {
            // Each host has its own database, so its pooled connections are never used again; without this they stay
            // open for Npgsql's idle lifetime (300 s) and a whole run's hosts exhaust the cluster's max_connections.
            NpgsqlConnection.ClearAllPools();
        }
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finalizing SQLite connection; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>One seeded host shared by a collection of tests, on SQLite or on PostgreSQL.</summary>
public abstract class HostFixture : IAsyncLifetime
{
    private ArtSoukApp? _app;

    public string? SkipReason { get; protected set; }

    public ArtSoukApp App => SkipReason is null ? _app! : throw new InvalidOperationException(SkipReason);

    public HttpClient Anonymous { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    protected abstract Task<string?> DatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        string? connection;
        try
        {
            connection = await DatabaseAsync();
        }
        catch (PostgresUnavailableException ex)
        {
            SkipReason = ex.Message;
            return;
        }
        _app = new ArtSoukApp(connection, seed: true);
        Anonymous = _app.CreateClient();
        Admin = await _app.AdminClientAsync();
    }

    /// <summary>
    /// Waits (bounded) until the first build of both search indexes (public and editors') is done, so results and their pages stop moving: until the
    /// build swaps in the whole catalogue, the live index holds only what the seed's events have written so far.
    /// </summary>
    public async Task SearchSettledAsync()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            var index = (await Admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/search"))!;
            if (index["state"]!.GetValue<string>() == "done" && index["editors"]?["state"]?.GetValue<string>() == "done")
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("The first search index build did not finish within two minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteHost : HostFixture
{
    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);
}

public sealed class PostgresHost : HostFixture
{
    protected override async Task<string?> DatabaseAsync() => await Postgres.CreateDatabaseAsync();
}

public sealed class PostgresUnavailableException(string message) : Exception(message);

/// <summary>
/// The cluster is started once per test run, by the first test that asks for a database, and stopped by
/// <see cref="PostgresShutdown"/> when the run's tests are done.
/// </summary>
public static class Postgres
{
    private static readonly Lazy<Task<PostgresCluster>> Cluster = new(StartAsync);

    /// <summary>Stops the cluster and deletes its folder, if a test started it.</summary>
    public static async Task StopAsync()
    {
        if (Cluster.IsValueCreated)
        {
            await (await Cluster.Value).DisposeAsync();
        }
    }

    public static async Task<string> CreateDatabaseAsync()
    {
        var cluster = await Cluster.Value;
        return cluster.SkipReason is { } reason ? throw new PostgresUnavailableException(reason) : await cluster.CreateDatabaseAsync();
    }

    /// <summary>A fresh database, or the test skipped saying why (only where the server binaries are missing and CI does not require them).</summary>
    public static async Task<string> CreateDatabaseOrSkipAsync()
    {
        try
        {
            return await CreateDatabaseAsync();
        }
        catch (PostgresUnavailableException ex)
        {
            Assert.Skip(ex.Message);
            throw;
        }
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var cluster = new PostgresCluster();
        await cluster.InitializeAsync();
        return cluster;
    }
}

/// <summary>
/// Stops the PostgreSQL cluster inside the test run, after every collection's hosts are disposed. Stopping it from
/// a process-exit handler instead (as before) ran after the runner had finished: deleting a data folder that held
/// hundreds of test databases could take longer than the runner waits for the process to end, and the run was
/// reported as failed with every test passed.
/// </summary>
public sealed class PostgresShutdown : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await Postgres.StopAsync();
}

[CollectionDefinition("sqlite")]
public sealed class SqliteTests : ICollectionFixture<SqliteHost>;

[CollectionDefinition("postgres")]
public sealed class PostgresTests : ICollectionFixture<PostgresHost>;
