using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Media;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ArtSouk.Cms.Persistence;

/// <summary>
/// The CMS's tables (schema <c>cms</c> on PostgreSQL). One subclass per provider carries that provider's
/// migrations; content fields are <c>jsonb</c> on PostgreSQL and JSON text on SQLite.
/// </summary>
internal abstract class CmsDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "cms";

    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<EntryVersion> Versions => Set<EntryVersion>();
    public DbSet<SlugRecord> Slugs => Set<SlugRecord>();
    public DbSet<Publication> Publications => Set<Publication>();
    public DbSet<DeliveryItem> DeliveryItems => Set<DeliveryItem>();
    public DbSet<MediaAsset> Media => Set<MediaAsset>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected abstract string JsonColumnType { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var json = JsonColumnType;
        if (this.IsPostgres())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
        modelBuilder.Entity<Entry>(e =>
        {
            e.ToTable("entries");
            e.HasKey(x => x.Id);
            e.Property(x => x.Type).HasMaxLength(40);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Property(x => x.PublishLocales).HasMaxLength(20);
            e.Property(x => x.UnpublishLocales).HasMaxLength(20);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.ScheduleFailure).HasMaxLength(2000);
            e.Property(x => x.UpdatedBy).HasMaxLength(200);
            e.Property(x => x.DeletedBy).HasMaxLength(200);
            // Two curators deciding one review at once: the second finds the state changed and gets a 409, not a second publish.
            e.Property(x => x.ReviewState).HasMaxLength(20).IsConcurrencyToken();
            e.Property(x => x.ReviewComment).HasMaxLength(2000);
            e.Property(x => x.ReviewBy).HasMaxLength(200);
            e.HasIndex(x => x.Type);
            e.HasIndex(x => x.ReviewState);
            e.HasIndex(x => x.DeletedAt);
            e.HasIndex(x => x.PublishAt);
            e.HasIndex(x => x.UnpublishAt);
        });
        modelBuilder.Entity<EntryVersion>(v =>
        {
            v.ToTable("entry_versions");
            v.HasKey(x => x.Id);
            v.HasIndex(x => new { x.EntryId, x.Number }).IsUnique();
            v.Property(x => x.Fields).HasColumnType(json);
            v.Property(x => x.Slugs).HasColumnType(json);
            v.Property(x => x.Edits).HasColumnType(json);
            v.Property(x => x.Author).HasMaxLength(100);
            v.Property(x => x.Note).HasMaxLength(500);
            v.HasOne<Entry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SlugRecord>(s =>
        {
            s.ToTable("slugs");
            s.HasKey(x => new { x.Type, x.Locale, x.Value });
            s.Property(x => x.Type).HasMaxLength(40);
            s.Property(x => x.Locale).HasMaxLength(5);
            s.Property(x => x.Value).HasMaxLength(200);
            s.HasIndex(x => new { x.EntryId, x.Locale });
            s.HasOne<Entry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Publication>(p =>
        {
            p.ToTable("publications");
            p.HasKey(x => new { x.EntryId, x.Locale });
            p.Property(x => x.Locale).HasMaxLength(5);
            p.HasOne<Entry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeliveryItem>(d =>
        {
            d.ToTable("delivery_items");
            d.HasKey(x => new { x.EntryId, x.Locale, x.Channel });
            d.Property(x => x.Locale).HasMaxLength(5);
            d.Property(x => x.Channel).HasMaxLength(10);
            d.Property(x => x.Type).HasMaxLength(40);
            d.Property(x => x.Slug).HasMaxLength(200);
            d.Property(x => x.Fields).HasColumnType(json);
            d.HasIndex(x => new { x.Type, x.Locale, x.Channel, x.PublishedAt, x.EntryId });
            d.HasIndex(x => new { x.Type, x.Locale, x.Channel, x.Slug });
            d.HasOne<Entry>().WithMany().HasForeignKey(x => x.EntryId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<MediaAsset>(m =>
        {
            m.ToTable("media");
            m.HasKey(x => x.Id);
            m.Property(x => x.FileName).HasMaxLength(200);
            m.Property(x => x.ContentType).HasMaxLength(100);
            m.Property(x => x.Alt).HasColumnType(json);
            m.Property(x => x.Caption).HasColumnType(json);
            m.Property(x => x.Credit).HasColumnType(json);
            m.Property(x => x.Renditions).HasColumnType(json);
            m.HasIndex(x => x.CreatedAt);
            m.Ignore(x => x.Url);
            m.Ignore(x => x.AltText);
            m.Ignore(x => x.CaptionText);
            m.Ignore(x => x.CreditText);
        });
        modelBuilder.Entity<Webhooks.Webhook>(w =>
        {
            w.ToTable("webhooks");
            w.HasKey(x => x.Id);
            w.Property(x => x.Name).HasMaxLength(100);
            w.Property(x => x.Url).HasMaxLength(500);
            w.Property(x => x.Secret).HasMaxLength(100);
            w.Property(x => x.Events).HasMaxLength(200);
            w.Property(x => x.Types).HasMaxLength(500);
        });
        modelBuilder.Entity<Webhooks.WebhookDelivery>(d =>
        {
            d.ToTable("webhook_deliveries");
            d.HasKey(x => new { x.MessageId, x.WebhookId });
            d.HasOne<Webhooks.Webhook>().WithMany().HasForeignKey(x => x.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Webhooks.WebhookAttempt>(a =>
        {
            a.ToTable("webhook_attempts");
            a.HasKey(x => x.Id);
            a.Property(x => x.EventType).HasMaxLength(60);
            a.Property(x => x.Error).HasMaxLength(500);
            a.Ignore(x => x.Succeeded);
            a.HasIndex(x => new { x.WebhookId, x.AttemptedAt });
            a.HasOne<Webhooks.Webhook>().WithMany().HasForeignKey(x => x.WebhookId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.MapOutbox();
        modelBuilder.MapAuditLog();
    }
}

internal sealed class SqliteCmsDbContext(DbContextOptions<SqliteCmsDbContext> options) : CmsDbContext(options)
{
    protected override string JsonColumnType => "TEXT";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare DateTimeOffset text; as UTC ticks the schedule queries translate and sort correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresCmsDbContext(DbContextOptions<PostgresCmsDbContext> options) : CmsDbContext(options)
{
    protected override string JsonColumnType => "jsonb";
}
