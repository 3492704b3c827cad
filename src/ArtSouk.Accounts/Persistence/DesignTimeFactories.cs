using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;

namespace ArtSouk.Accounts.Persistence;

internal sealed class SqliteAccountsDesignFactory() : DesignTimeFactory<SqliteAccountsDbContext>(DatabaseProvider.Sqlite, AccountsDbContext.Schema, o => new(o));

internal sealed class PostgresAccountsDesignFactory() : DesignTimeFactory<PostgresAccountsDbContext>(DatabaseProvider.Postgres, AccountsDbContext.Schema, o => new(o));
