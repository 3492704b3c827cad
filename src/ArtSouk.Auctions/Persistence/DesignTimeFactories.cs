using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;

namespace ArtSouk.Auctions.Persistence;

internal sealed class SqliteAuctionsDesignFactory() : DesignTimeFactory<SqliteAuctionsDbContext>(DatabaseProvider.Sqlite, AuctionsDbContext.Schema, o => new(o));

internal sealed class PostgresAuctionsDesignFactory() : DesignTimeFactory<PostgresAuctionsDbContext>(DatabaseProvider.Postgres, AuctionsDbContext.Schema, o => new(o));
