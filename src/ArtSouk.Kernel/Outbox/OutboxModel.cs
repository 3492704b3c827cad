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
            m.HasKey(x => x.Id);
            m.Property(x => x.Type).HasMaxLength(100);
            m.Property(x => x.LastError).HasMaxLength(2000);
            m.HasIndex(x => new { x.ProcessedAt, x.OccurredAt });
        });
        modelBuilder.Entity<OutboxDelivery>(d =>
        {
            d.ToTable("outbox_deliveries");
            d.HasKey(x => new { x.MessageId, x.Handler });
            d.Property(x => x.Handler).HasMaxLength(100);
        });
    }
}
