using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Kernel.Audit;

/// <summary>A record as the audit API shows it, from whichever module's log it sits in.</summary>
public sealed record AuditEntry(AuditRecord Record, string Module);

/// <summary>What to read: filters, and the position after which the page starts (newest first).</summary>
public sealed record AuditQuery(string? EntityId, string? UserId, string? ActionPrefix, DateTimeOffset? From, DateTimeOffset? To, AuditPosition? After, int Take);

/// <summary>
/// A keyset position in the merged log: records are ordered by time (newest first), then module, then id (newest
/// first), so a page boundary is exact however many records share a timestamp.
/// </summary>
public sealed record AuditPosition(long AtTicks, string Module, long Id)
{
    public string Encode() => Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{AtTicks}|{Module}|{Id}")))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string? cursor, out AuditPosition? position)
    {
        position = null;
        if (cursor is null)
        {
            return true;
        }
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            if (parts.Length == 3 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks)
                && long.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && parts[1].Length > 0)
            {
                position = new AuditPosition(ticks, parts[1], id);
                return true;
            }
        }
        catch (FormatException)
        {
            // Falls through: not a cursor we wrote.
        }
        return false;
    }
}

/// <summary>One module's audit log, for the merged audit API.</summary>
public interface IAuditStore
{
    string ModuleName { get; }

    Task<List<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken);
}

internal sealed class AuditStore<TContext>(string module, TContext db) : IAuditStore where TContext : DbContext
{
    public string ModuleName => module;

    public async Task<List<AuditRecord>> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var records = db.Set<AuditRecord>().AsNoTracking();
        if (query.EntityId is { } entity)
        {
            records = records.Where(r => r.EntityId == entity);
        }
        if (query.UserId is { } user)
        {
            records = records.Where(r => r.UserId == user);
        }
        if (query.ActionPrefix is { } prefix)
        {
            records = records.Where(r => r.Action.StartsWith(prefix));
        }
        if (query.From is { } from)
        {
            records = records.Where(r => r.At >= from);
        }
        if (query.To is { } to)
        {
            records = records.Where(r => r.At <= to);
        }
        if (query.After is { } after)
        {
            var at = new DateTimeOffset(after.AtTicks, TimeSpan.Zero);
            var comparison = string.CompareOrdinal(module, after.Module);
            // Records at the boundary's instant come before it when their module sorts first, after it when later.
            records = comparison < 0 ? records.Where(r => r.At < at)
                : comparison > 0 ? records.Where(r => r.At <= at)
                : records.Where(r => r.At < at || r.At == at && r.Id < after.Id);
        }
        return await records.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(query.Take).ToListAsync(cancellationToken);
    }
}

public static class AuditRegistration
{
    /// <summary>
    /// Lets the audit API read a module's log. The module maps the table with <see cref="AuditModel.MapAuditLog"/> and adds
    /// <see cref="AuditRecord"/>s to its context beside the change they describe.
    /// </summary>
    public static IServiceCollection AddAuditLog<TContext>(this IServiceCollection services, string module) where TContext : DbContext
    {
        services.AddScoped<IAuditStore>(sp => new AuditStore<TContext>(module, sp.GetRequiredService<TContext>()));
        return services;
    }
}
