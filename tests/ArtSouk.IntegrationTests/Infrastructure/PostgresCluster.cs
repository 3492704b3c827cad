using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed binaries (initdb with trust auth, a loopback port,
/// a private socket folder, fsync off) for the whole test run. When <c>ARTSOUK_REQUIRE_POSTGRES=1</c> (CI) missing
/// binaries fail the tests; on a developer machine without PostgreSQL the PostgreSQL tests are skipped, saying why.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? _folder;
    private string? _binaries;
    private bool _asPostgresUser;

    public string? SkipReason { get; private set; }
    public int Port { get; private set; }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = true, MaxPoolSize = 30 }.ToString();

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries();
        if (_binaries is null)
        {
            SkipReason = "PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql-15 to run these tests";
            if (Environment.GetEnvironmentVariable("ARTSOUK_REQUIRE_POSTGRES") == "1")
            {
                throw new InvalidOperationException(SkipReason + " (ARTSOUK_REQUIRE_POSTGRES=1)");
            }
            return;
        }
        _asPostgresUser = Environment.UserName == "root";
        _folder = Directory.CreateTempSubdirectory("artsouk-pg-").FullName;
        var data = Path.Combine(_folder, "data");
        var sockets = Path.Combine(_folder, "sockets");
        Directory.CreateDirectory(sockets);
        if (_asPostgresUser)
        {
            // initdb refuses to run as root; the cluster belongs to the postgres system user.
            await RunAsync("chown", $"-R postgres:postgres {_folder}", asPostgres: false);
            await RunAsync("chmod", $"755 {_folder}", asPostgres: false);
        }
        Port = FreePort();
        await RunAsync(Path.Combine(_binaries, "initdb"), $"-D {data} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 -N", asPostgres: true);
        await RunAsync(Path.Combine(_binaries, "pg_ctl"),
            $"-D {data} -l {Path.Combine(_folder, "server.log")} -w -t 60 -o \"-p {Port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500\" start",
            asPostgres: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is null || _binaries is null)
        {
            return;
        }
        try
        {
            await RunAsync(Path.Combine(_binaries, "pg_ctl"), $"-D {Path.Combine(_folder, "data")} -m immediate -w stop", asPostgres: true);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
            _folder = null;
        }
    }

    /// <summary>A fresh, empty database for one host.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "artsouk_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
            : [];
        return candidates.Append("/usr/local/bin").Append("/usr/bin")
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private async Task RunAsync(string program, string arguments, bool asPostgres)
    {
        var info = asPostgres && _asPostgresUser
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = _folder ?? Path.GetTempPath();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}: {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
