using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;

namespace ArtSouk.Commerce.Persistence;

internal sealed class SqliteCommerceDesignFactory() : DesignTimeFactory<SqliteCommerceDbContext>(DatabaseProvider.Sqlite, CommerceDbContext.Schema, o => new(o));

internal sealed class PostgresCommerceDesignFactory() : DesignTimeFactory<PostgresCommerceDbContext>(DatabaseProvider.Postgres, CommerceDbContext.Schema, o => new(o));
