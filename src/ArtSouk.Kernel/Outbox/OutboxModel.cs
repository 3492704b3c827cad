using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Kernel.Outbox;

public static class OutboxModel
{
    /// <summary>Maps the outbox tables into a module's own context (and so its own schema).</summary>
    public static void MapOutbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(m =>
        {
            m.ToTable("outbox_messages");
            // A store-generated sequence, not the Guid: inserts in one SaveChanges are ordered by key, and a
            // temporary sequence key follows the order the events were raised.
            m.HasKey(x => x.Sequence);
            m.Property(x => x.Sequence).ValueGeneratedOnAdd();
            m.HasIndex(x => x.Id).IsUnique();
            m.Property(x => x.Type).HasMaxLength(100);
            m.Property(x => x.Key).HasMaxLength(100);
            m.Property(x => x.LastError).HasMaxLength(2000);
            m.Ignore(x => x.State);
            m.HasIndex(x => new { x.ProcessedAt, x.Sequence });
            m.HasIndex(x => new { x.Key, x.Sequence });
        });
        modelBuilder.Entity<OutboxDelivery>(d =>
        {
            d.ToTable("outbox_deliveries");
            d.HasKey(x => new { x.MessageId, x.Handler });
            d.Property(x => x.Handler).HasMaxLength(100);
            d.HasIndex(x => x.HandledAt);
        });
    }
}
