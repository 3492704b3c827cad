using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Kernel.Json;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Kernel.Audit;

/// <summary>
/// One mutation someone made through the API: who, when, what, and the values before and after per field and locale.
/// Each module keeps its own in its own schema, written in the same SaveChanges as the change, so they cannot diverge.
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }

    /// <summary>The account id (a Guid), <c>api-key:{id}</c> for an API key, or <c>system</c> for jobs.</summary>
    public string? UserId { get; init; }

    /// <summary>E-mail of a person, <c>api-key:{name}</c> for a key, the job's name for jobs.</summary>
    public string? UserName { get; init; }

    /// <summary><c>entry.update</c>, <c>entry.publish</c>, <c>webhook.create</c>, <c>user.roles</c>, ...</summary>
    public required string Action { get; init; }

    /// <summary><c>artist</c>, <c>webhook</c>, <c>user</c>, ...: what <see cref="EntityId"/> names.</summary>
    public required string EntityType { get; init; }
    public required string EntityId { get; init; }

    /// <summary>A JSON array of <see cref="AuditChange"/>, or null when the action has no field values.</summary>
    public string? Changes { get; init; }

    public static AuditRecord Of(AuditActor actor, DateTimeOffset at, string action, string entityType, string entityId, IEnumerable<AuditChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var list = changes?.ToList();
        return new AuditRecord
        {
            At = at,
            UserId = Clip(actor.UserId),
            UserName = Clip(actor.Name),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = list is { Count: > 0 } ? JsonSerializer.Serialize(list, JsonText.Options) : null,
        };
    }

    private static string? Clip(string? value) => value is { Length: > 200 } ? value[..200] : value;
}

/// <summary>One value that changed: <paramref name="Locale"/> is null for a field that is not localized.</summary>
public sealed record AuditChange(string Field, string? Locale, JsonNode? Before, JsonNode? After);

/// <summary>Who acts: a person, an API key, or a job.</summary>
public sealed record AuditActor(string? UserId, string? Name)
{
    public static AuditActor System(string job) => new("system", job);

    public static AuditActor From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new AuditActor(principal.FindFirstValue(ClaimTypes.NameIdentifier), principal.Identity?.Name);
    }
}

public static class AuditModel
{
    /// <summary>
    /// Maps the audit table into a module's own context (and so its own schema). On SQLite the modules share one file and
    /// no schema, so a second module names its table apart (<c>accounts_audit_log</c>).
    /// </summary>
    public static void MapAuditLog(this ModelBuilder modelBuilder, string table = "audit_log")
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AuditRecord>(a =>
        {
            a.ToTable(table);
            a.HasKey(x => x.Id);
            a.Property(x => x.Id).ValueGeneratedOnAdd();
            a.Property(x => x.UserId).HasMaxLength(200);
            a.Property(x => x.UserName).HasMaxLength(200);
            a.Property(x => x.Action).HasMaxLength(40);
            a.Property(x => x.EntityType).HasMaxLength(40);
            a.Property(x => x.EntityId).HasMaxLength(100);
            a.HasIndex(x => new { x.At, x.Id });
            a.HasIndex(x => new { x.EntityId, x.At });
            a.HasIndex(x => new { x.UserId, x.At });
        });
    }
}
