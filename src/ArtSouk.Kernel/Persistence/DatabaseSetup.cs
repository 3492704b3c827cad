using ArtSouk.Kernel.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Kernel.Persistence;

/// <summary>
/// Points a module's DbContext at the configured store with its own migration history. On PostgreSQL each module
/// has its own schema; SQLite has none, so the modules' tables share one file and differ by history table.
/// </summary>
public static class DatabaseSetup
{
    public static DbContextOptionsBuilder UseArtSoukDatabase(this DbContextOptionsBuilder options,
        DatabaseOptions database, ArtSoukOptions app, string schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(app);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is Postgres");
            }
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
            if (connection.MaxAutoPrepare == 0)
            {
                // Delivery lists repeat the same statements; prepared, they skip planning (30 partial indexes to weigh).
                connection.MaxAutoPrepare = 64;
            }
            options.UseNpgsql(connection.ToString(), npgsql => npgsql
                .MigrationsHistoryTable("__migrations", schema));
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(database, app), sqlite => sqlite
                .MigrationsHistoryTable($"__{schema}_migrations"));
        }
        return options.UseSnakeCaseNamingConvention();
    }

    public static string SqliteConnectionString(DatabaseOptions database, ArtSoukOptions app)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(app);
        if (!string.IsNullOrWhiteSpace(database.ConnectionString))
        {
            return database.ConnectionString;
        }
        Directory.CreateDirectory(app.FullDataPath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(app.FullDataPath, "artsouk.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public static bool IsPostgres(this DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
    }
}
