using ArtSouk.Kernel.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ArtSouk.Kernel.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build one provider's context of a module without a running host. A module
/// declares one per provider: <c>SqliteCmsDesignFactory() : DesignTimeFactory&lt;SqliteCmsDbContext&gt;(DatabaseProvider.Sqlite, CmsDbContext.Schema, o =&gt; new(o))</c>.
/// </summary>
public abstract class DesignTimeFactory<TContext>(DatabaseProvider provider, string schema, Func<DbContextOptions<TContext>, TContext> create)
    : IDesignTimeDbContextFactory<TContext> where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        // Never connected to: the tools only need the provider (and so its migrations' SQL) and the schema.
        var database = new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=artsouk_design" : "Data Source=design.db",
        };
        return create((DbContextOptions<TContext>)new DbContextOptionsBuilder<TContext>().UseArtSoukDatabase(database, new ArtSoukOptions(), schema).Options);
    }
}
