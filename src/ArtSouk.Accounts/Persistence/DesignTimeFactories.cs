using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ArtSouk.Accounts.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running host.</summary>
internal sealed class SqliteAccountsDesignFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args) => new(Options<SqliteAccountsDbContext>(DatabaseProvider.Sqlite, "Data Source=design.db"));

    internal static DbContextOptions<T> Options<T>(DatabaseProvider provider, string connection) where T : DbContext =>
        (DbContextOptions<T>)new DbContextOptionsBuilder<T>()
            .UseArtSoukDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connection }, new ArtSoukOptions(), AccountsDbContext.Schema)
            .Options;
}

internal sealed class PostgresAccountsDesignFactory : IDesignTimeDbContextFactory<PostgresAccountsDbContext>
{
    public PostgresAccountsDbContext CreateDbContext(string[] args) =>
        new(SqliteAccountsDesignFactory.Options<PostgresAccountsDbContext>(DatabaseProvider.Postgres, "Host=localhost;Database=artsouk_design"));
}
