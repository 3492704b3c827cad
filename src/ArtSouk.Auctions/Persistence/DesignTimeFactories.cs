using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace ArtSouk.Auctions.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without a running host.</summary>
internal sealed class SqliteAuctionsDesignFactory : IDesignTimeDbContextFactory<SqliteAuctionsDbContext>
{
    public SqliteAuctionsDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<SqliteAuctionsDbContext>(DatabaseProvider.Sqlite, AuctionsDbContext.Schema));
}

internal sealed class PostgresAuctionsDesignFactory : IDesignTimeDbContextFactory<PostgresAuctionsDbContext>
{
    public PostgresAuctionsDbContext CreateDbContext(string[] args) => new(DatabaseSetup.DesignTimeOptions<PostgresAuctionsDbContext>(DatabaseProvider.Postgres, AuctionsDbContext.Schema));
}
