using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace ArtSouk.Accounts.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running host.</summary>
internal sealed class SqliteAccountsDesignFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<SqliteAccountsDbContext>(DatabaseProvider.Sqlite, AccountsDbContext.Schema));
}

internal sealed class PostgresAccountsDesignFactory : IDesignTimeDbContextFactory<PostgresAccountsDbContext>
{
    public PostgresAccountsDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<PostgresAccountsDbContext>(DatabaseProvider.Postgres, AccountsDbContext.Schema));
}
