using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;

namespace ArtSouk.Cms.Persistence;

internal sealed class SqliteCmsDesignFactory() : DesignTimeFactory<SqliteCmsDbContext>(DatabaseProvider.Sqlite, CmsDbContext.Schema, o => new(o));

internal sealed class PostgresCmsDesignFactory() : DesignTimeFactory<PostgresCmsDbContext>(DatabaseProvider.Postgres, CmsDbContext.Schema, o => new(o));
