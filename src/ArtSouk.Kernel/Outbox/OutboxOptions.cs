using System.ComponentModel.DataAnnotations;

namespace ArtSouk.Kernel.Outbox;

/// <summary>The <c>Outbox</c> section: <c>Outbox__MaxAttempts</c>, <c>Outbox__Retention</c> (a TimeSpan, <c>7.00:00:00</c>).</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Attempts before a message is kept as failed for an operator to redeliver.</summary>
    [Range(1, 100, ErrorMessage = "Outbox:MaxAttempts must be between 1 and 100")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long delivered messages and delivery records are kept before the prune job deletes them.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "3650.00:00:00", ErrorMessage = "Outbox:Retention must be between one minute and ten years (e.g. 7.00:00:00)")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
