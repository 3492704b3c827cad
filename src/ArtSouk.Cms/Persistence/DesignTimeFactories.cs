using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace ArtSouk.Cms.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running host.</summary>
internal sealed class SqliteCmsDesignFactory : IDesignTimeDbContextFactory<SqliteCmsDbContext>
{
    public SqliteCmsDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<SqliteCmsDbContext>(DatabaseProvider.Sqlite, CmsDbContext.Schema));
}

internal sealed class PostgresCmsDesignFactory : IDesignTimeDbContextFactory<PostgresCmsDbContext>
{
    public PostgresCmsDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<PostgresCmsDbContext>(DatabaseProvider.Postgres, CmsDbContext.Schema));
}
