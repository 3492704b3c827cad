using ArtSouk.Auctions.Bidding;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Sales;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ArtSouk.Auctions.Persistence;

/// <summary>Sales, lots, bids, registrations, watches and the outbox of bidders' notices (schema <c>auctions</c> on PostgreSQL).</summary>
internal abstract class AuctionsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "auctions";

    public DbSet<Sale> Sales => Set<Sale>();
    public DbSet<Lot> Lots => Set<Lot>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Watch> Watches => Set<Watch>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (this.IsPostgres())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
        modelBuilder.Entity<Sale>(s =>
        {
            s.ToTable("sales");
            s.HasKey(x => x.Id);
            s.Property(x => x.TitleAr).HasMaxLength(300);
            s.Property(x => x.TitleEn).HasMaxLength(300);
            s.Property(x => x.DescriptionAr).HasMaxLength(4000);
            s.Property(x => x.DescriptionEn).HasMaxLength(4000);
            s.Property(x => x.Type).HasMaxLength(10);
            s.Property(x => x.CreatedBy).HasMaxLength(200);
            s.HasIndex(x => x.StartsAt);
        });
        modelBuilder.Entity<Lot>(l =>
        {
            l.ToTable("lots");
            l.HasKey(x => x.Id);
            l.Property(x => x.State).HasMaxLength(10);
            l.Property(x => x.Outcome).HasMaxLength(10);
            l.HasIndex(x => new { x.SaleId, x.Number }).IsUnique();
            // The closer's scan: open lots past their end, closing lots with a stale claim.
            l.HasIndex(x => new { x.State, x.EndsAtMs });
            l.Ignore(x => x.Book);
        });
        modelBuilder.Entity<Bid>(b =>
        {
            b.ToTable("bids");
            b.HasKey(x => x.Id);
            b.Property(x => x.Id).ValueGeneratedOnAdd();
            b.Property(x => x.ClientBidId).HasMaxLength(100);
            b.Property(x => x.Kind).HasMaxLength(10);
            b.Property(x => x.RetractedBy).HasMaxLength(200);
            // A retried request finds its first bid; two racing copies of it cannot both insert.
            b.HasIndex(x => new { x.LotId, x.BidderId, x.ClientBidId }).IsUnique();
            // The history (newest first). Only unretracted bids, so the retry check above cannot be planned on it.
            b.HasIndex(x => new { x.LotId, x.Id }).HasFilter("retracted_at IS NULL");
        });
        modelBuilder.Entity<Registration>(r =>
        {
            r.ToTable("registrations");
            r.HasKey(x => x.Paddle);
            r.Property(x => x.Paddle).ValueGeneratedOnAdd();
            r.Property(x => x.State).HasMaxLength(10);
            r.Property(x => x.DecidedBy).HasMaxLength(200);
            r.Property(x => x.DepositState).HasMaxLength(10);
            r.Property(x => x.DepositPaymentId).HasMaxLength(100);
            r.Property(x => x.DepositRefundId).HasMaxLength(100);
            r.Ignore(x => x.DepositReference);
            // The webhook finds a deposit by its payment; the refunder scans paid deposits.
            r.HasIndex(x => x.DepositPaymentId);
            r.HasIndex(x => x.DepositState);
            r.HasIndex(x => new { x.SaleId, x.BidderId }).IsUnique();
        });
        modelBuilder.Entity<Watch>(w =>
        {
            w.ToTable("watches");
            w.HasKey(x => new { x.LotId, x.UserId });
            w.HasIndex(x => x.UserId);
        });
        modelBuilder.MapAuditLog("auctions_audit_log");
        modelBuilder.MapOutbox();
        // On SQLite every module shares one file: the CMS already has outbox_messages.
        modelBuilder.Entity<OutboxMessage>().ToTable("auctions_outbox_messages");
        modelBuilder.Entity<OutboxDelivery>().ToTable("auctions_outbox_deliveries");
    }
}

internal sealed class SqliteAuctionsDbContext(DbContextOptions<SqliteAuctionsDbContext> options) : AuctionsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresAuctionsDbContext(DbContextOptions<PostgresAuctionsDbContext> options) : AuctionsDbContext(options);
