using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ArtSouk.Cms.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running host.</summary>
internal sealed class SqliteCmsDesignFactory : IDesignTimeDbContextFactory<SqliteCmsDbContext>
{
    public SqliteCmsDbContext CreateDbContext(string[] args) => new(Options<SqliteCmsDbContext>(DatabaseProvider.Sqlite, "Data Source=design.db"));

    internal static DbContextOptions<T> Options<T>(DatabaseProvider provider, string connection) where T : DbContext =>
        (DbContextOptions<T>)new DbContextOptionsBuilder<T>()
            .UseArtSoukDatabase(new DatabaseOptions { Provider = provider, ConnectionString = connection }, new ArtSoukOptions(), CmsDbContext.Schema)
            .Options;
}

internal sealed class PostgresCmsDesignFactory : IDesignTimeDbContextFactory<PostgresCmsDbContext>
{
    public PostgresCmsDbContext CreateDbContext(string[] args) =>
        new(SqliteCmsDesignFactory.Options<PostgresCmsDbContext>(DatabaseProvider.Postgres, "Host=localhost;Database=artsouk_design"));
}
