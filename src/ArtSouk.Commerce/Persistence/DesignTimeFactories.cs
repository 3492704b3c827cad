using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace ArtSouk.Commerce.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running host.</summary>
internal sealed class SqliteCommerceDesignFactory : IDesignTimeDbContextFactory<SqliteCommerceDbContext>
{
    public SqliteCommerceDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<SqliteCommerceDbContext>(DatabaseProvider.Sqlite, CommerceDbContext.Schema));
}

internal sealed class PostgresCommerceDesignFactory : IDesignTimeDbContextFactory<PostgresCommerceDbContext>
{
    public PostgresCommerceDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<PostgresCommerceDbContext>(DatabaseProvider.Postgres, CommerceDbContext.Schema));
}
