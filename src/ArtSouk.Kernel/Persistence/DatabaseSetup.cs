using ArtSouk.Kernel.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
            if (connection.Options?.Contains("plan_cache_mode", StringComparison.Ordinal) != true)
            {
                // PostgreSQL re-plans a prepared statement on every run while a custom plan looks cheaper than the
                // generic one; for a Delivery list that weighs every partial index of delivery_items, planning cost three
                // times the 0.15 ms the query takes. The generic plan is the same plan.
                connection.Options = (connection.Options + " -c plan_cache_mode=force_generic_plan").Trim();
            }
            options.UseNpgsql(connection.ToString(), npgsql => npgsql
                .MigrationsHistoryTable("__migrations", schema));
        }
        else
        {
            options.UseSqlite(SqliteConnectionString(database, app), sqlite => sqlite
                .MigrationsHistoryTable($"__{schema}_migrations"));
        }
        // Migrate would otherwise build the model twice more (from the snapshot and for design time) and diff them on every
        // start (a tenth of a restart's CPU) to warn of a model change without its migration. The suite checks that on both
        // providers, where such a change is made (ContentApiTests.The_migrations_match_the_model).
        return options.UseSnakeCaseNamingConvention()
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    /// <summary>
    /// Registers a module's context with the implementation (and so the migrations) of the configured provider, pooled:
    /// a new context per request rebuilt EF's scoped internals (query translators, model lookup) and, with options per
    /// scope, parsed the connection string again, a fifth of an uncached Delivery list's CPU on the host.
    /// </summary>
    /// <remarks><paramref name="interceptors"/> come from the root provider, once, as pooled options are built once: singletons only.</remarks>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services,
        DatabaseOptions database, ArtSoukOptions app, string schema, Func<IServiceProvider, IEnumerable<IInterceptor>>? interceptors = null)
        where TContext : DbContext where TSqlite : TContext where TPostgres : TContext
    {
        ArgumentNullException.ThrowIfNull(database);
        void Configure(IServiceProvider sp, DbContextOptionsBuilder o)
        {
            o.UseArtSoukDatabase(database, app, schema);
            if (sp.GetService<IHostEnvironment>()?.IsDevelopment() == true)
            {
                // A page or a First() of rows in no set order is a different page on another run or store (the refund run
                // once took 20 sales that way, and could miss finished ones): where the suite and developers run, such a
                // query fails instead of logging a warning nobody reads. Production keeps the warning.
                o.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning, CoreEventId.FirstWithoutOrderByAndFilterWarning));
            }
            if (interceptors is not null)
            {
                o.AddInterceptors(interceptors(sp));
            }
        }
        return database.Provider == DatabaseProvider.Postgres
            ? services.AddDbContextPool<TContext, TPostgres>(Configure)
            : services.AddDbContextPool<TContext, TSqlite>(Configure);
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

    /// <summary>
    /// Applies pending migrations. EF finds out which are applied by querying the history table, and on a new database
    /// logs that query's "relation does not exist" as a failed command; an operator reading a first start's log would
    /// chase it. Creating the (schema and) history table first, idempotently, keeps the log true.
    /// </summary>
    public static async Task MigrateQuietlyAsync(this DbContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await context.Database.MigrateAsync(cancellationToken);
    }

    public static bool IsPostgres(this DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";
    }
}
