using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Invoices;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Offers;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Payments;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ArtSouk.Commerce.Persistence;

/// <summary>Listings, carts, orders, invoices and payment events (schema <c>commerce</c> on PostgreSQL).</summary>
internal abstract class CommerceDbContext(DbContextOptions options) : DbContext(options)
{
    public const string Schema = "commerce";

    public DbSet<Listing> Listings => Set<Listing>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<InvoiceCounter> InvoiceCounters => Set<InvoiceCounter>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<Inquiry> Inquiries => Set<Inquiry>();
    public DbSet<Tickets.TicketType> TicketTypes => Set<Tickets.TicketType>();
    public DbSet<Tickets.WaitingListEntry> WaitingList => Set<Tickets.WaitingListEntry>();

    /// <summary>E-mails to buyers and sellers leave through here, written in the transaction of the change they tell about.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (this.IsPostgres())
        {
            modelBuilder.HasDefaultSchema(Schema);
        }
        modelBuilder.Entity<Listing>(l =>
        {
            l.ToTable("listings");
            l.HasKey(x => x.EntryId);
            l.Property(x => x.EntryType).HasMaxLength(40);
            l.Property(x => x.Currency).HasMaxLength(3);
            l.Property(x => x.Availability).HasMaxLength(20);
            l.Property(x => x.UpdatedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<CartItem>(c =>
        {
            c.ToTable("cart_items");
            // One line per (buyer, entry, ticket type). The ticket type is part of the key and never NULL: a listing line
            // carries the empty GUID, because PostgreSQL treats NULLs in a unique key as distinct (two listing lines of one
            // work would both insert), and a non-null column keeps one primary key with the same meaning on both providers.
            c.HasKey(x => new { x.BuyerId, x.EntryId, x.TicketTypeId });
            c.Ignore(x => x.TicketType);
            // A ticket type's lines are dropped with it.
            c.HasIndex(x => x.TicketTypeId);
        });
        modelBuilder.Entity<Order>(o =>
        {
            o.ToTable("orders");
            o.HasKey(x => x.Id);
            // Two transitions racing from one state: the second finds the state changed and is refused (409).
            o.Property(x => x.State).HasMaxLength(20).IsConcurrencyToken();
            // Partial refunds leave the state alone; the refunded sum is checked too, so two racing refunds cannot both count.
            o.Property(x => x.RefundedMinor).IsConcurrencyToken();
            o.Property(x => x.PaymentMethod).HasMaxLength(20);
            o.Property(x => x.Currency).HasMaxLength(3);
            o.Property(x => x.PaymentReference).HasMaxLength(100);
            o.Property(x => x.PaymentIntentId).HasMaxLength(100);
            o.Property(x => x.Locale).HasMaxLength(5);
            o.HasIndex(x => new { x.BuyerId, x.CreatedAt });
            o.HasIndex(x => new { x.State, x.ReservedUntil });
            o.HasIndex(x => x.PaymentIntentId).IsUnique();
            o.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.OrderId);
            o.Navigation(x => x.Lines).AutoInclude();
        });
        modelBuilder.Entity<OrderLine>(l =>
        {
            l.ToTable("order_lines");
            l.HasKey(x => x.Id);
            l.Property(x => x.Id).ValueGeneratedOnAdd();
            l.HasIndex(x => x.EntryId);
        });
        modelBuilder.Entity<Invoice>(i =>
        {
            i.ToTable("invoices");
            i.HasKey(x => x.Id);
            // One invoice per order, one order per number: a second issuer racing for either rolls back, number and all.
            i.HasIndex(x => x.OrderId).IsUnique();
            i.HasIndex(x => x.Number).IsUnique();
            i.Property(x => x.Currency).HasMaxLength(3);
            i.Property(x => x.SellerName).HasMaxLength(255);
            i.Property(x => x.SellerVatNumber).HasMaxLength(15);
            i.Property(x => x.QrPayload).HasMaxLength(1000);
        });
        modelBuilder.Entity<InvoiceCounter>(c =>
        {
            c.ToTable("invoice_counters");
            c.HasKey(x => x.Series);
            c.Property(x => x.Series).HasMaxLength(20);
            c.HasData(new InvoiceCounter { Series = InvoiceCounter.Simplified, LastNumber = 0 });
        });
        modelBuilder.Entity<PaymentEvent>(e =>
        {
            e.ToTable("payment_events");
            // The unique key is what makes a replayed webhook a no-op: the second insert fails and its transaction rolls back.
            e.HasKey(x => x.EventId);
            e.Property(x => x.EventId).HasMaxLength(100);
            e.Property(x => x.Type).HasMaxLength(100);
            e.Property(x => x.Provider).HasMaxLength(20);
        });
        modelBuilder.Entity<Offer>(o =>
        {
            o.ToTable("offers");
            o.HasKey(x => x.Id);
            // A seller's answer and the buyer's withdrawal racing from one state: the second is refused (409).
            o.Property(x => x.State).HasMaxLength(20).IsConcurrencyToken();
            o.Property(x => x.Currency).HasMaxLength(3);
            o.Property(x => x.PaymentMethod).HasMaxLength(20);
            o.Property(x => x.Message).HasMaxLength(2000);
            o.Property(x => x.Locale).HasMaxLength(5);
            o.Ignore(x => x.AgreedMinor);
            o.HasIndex(x => new { x.EntryId, x.CreatedAt });
            o.HasIndex(x => new { x.BuyerId, x.CreatedAt });
        });
        modelBuilder.Entity<Inquiry>(i =>
        {
            i.ToTable("inquiries");
            i.HasKey(x => x.Id);
            i.Property(x => x.Message).HasMaxLength(2000);
            i.Property(x => x.Locale).HasMaxLength(5);
            i.HasIndex(x => new { x.EntryId, x.CreatedAt });
        });
        modelBuilder.Entity<Tickets.TicketType>(t =>
        {
            t.ToTable("ticket_types");
            t.HasKey(x => x.Id);
            t.Property(x => x.NameAr).HasMaxLength(100);
            t.Property(x => x.NameEn).HasMaxLength(100);
            t.Property(x => x.Currency).HasMaxLength(3);
            t.Property(x => x.Availability).HasMaxLength(20);
            t.Property(x => x.UpdatedBy).HasMaxLength(200);
            t.HasIndex(x => new { x.EntryId, x.Position });
        });
        modelBuilder.Entity<Tickets.WaitingListEntry>(w =>
        {
            w.ToTable("waiting_list");
            w.HasKey(x => x.Id);
            // An offer and the person leaving (or a second offer) racing from one state: the second finds it changed.
            w.Property(x => x.State).HasMaxLength(20).IsConcurrencyToken();
            w.Property(x => x.Locale).HasMaxLength(5);
            // One place in a type's queue per person; joining again after an offer lapsed moves them to the back.
            w.HasIndex(x => new { x.TicketTypeId, x.UserId }).IsUnique();
            w.HasIndex(x => new { x.TicketTypeId, x.State, x.JoinedAt });
            w.HasIndex(x => new { x.State, x.OfferedUntil });
        });
        modelBuilder.Entity<OrderLine>().HasIndex(x => x.TicketTypeId);
        modelBuilder.MapOutbox();
        // On SQLite every module shares one file and the CMS already has outbox_* tables: commerce's carry its name.
        modelBuilder.Entity<OutboxMessage>().ToTable("commerce_outbox_messages");
        modelBuilder.Entity<OutboxDelivery>().ToTable("commerce_outbox_deliveries");
        modelBuilder.MapAuditLog("commerce_audit_log");
    }
}

internal sealed class SqliteCommerceDbContext(DbContextOptions<SqliteCommerceDbContext> options) : CommerceDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

internal sealed class PostgresCommerceDbContext(DbContextOptions<PostgresCommerceDbContext> options) : CommerceDbContext(options);
