using ArtSouk.Accounts.ApiKeys;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ArtSouk.Accounts.Persistence;

/// <summary>A person with an account: collectors, curators, administrators.</summary>
public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    /// <summary>The language e-mails and pages use for this person.</summary>
    public string Locale { get; set; } = "ar";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The artist or gallery entry an <c>artist</c> or <c>gallery</c> account speaks for.</summary>
    public Guid? ProfileEntryId { get; set; }

    /// <summary>When an administrator disabled the account: it cannot sign in and its sessions end; null while enabled.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}

/// <summary>Identity and API keys (schema <c>accounts</c> on PostgreSQL).</summary>
internal abstract class AccountsDbContext(DbContextOptions options) : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options)
{
    public const string Schema = "accounts";

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        if (this.IsPostgres())
        {
            builder.HasDefaultSchema(Schema);
        }
        builder.Entity<User>(u =>
        {
            u.ToTable("users");
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.Locale).HasMaxLength(5);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<ApiKey>(k =>
        {
            k.ToTable("api_keys");
            k.HasKey(x => x.Id);
            k.HasIndex(x => x.Prefix).IsUnique();
            k.Property(x => x.Prefix).HasMaxLength(16);
            k.Property(x => x.Hash).HasMaxLength(64);
            k.Property(x => x.Name).HasMaxLength(100);
            k.Property(x => x.Scopes).HasMaxLength(100);
        });
        builder.MapAuditLog("accounts_audit_log");
    }
}

internal sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresAccountsDbContext(DbContextOptions<PostgresAccountsDbContext> options) : AccountsDbContext(options);
