using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Media;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.Cms.Seeding;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Memory;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Cms;

/// <summary>Brings the CMS store up to date before the server listens: migrations, filter indexes, demo content.</summary>
internal sealed partial class CmsStartup(
    IServiceScopeFactory scopes, IOptions<ArtSoukOptions> options, CmsReadiness readiness, IHostApplicationLifetime lifetime,
    ILogger<CmsStartup> logger) : IHostedService
{
    private Task _backfill = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
            await db.MigrateQuietlyAsync(cancellationToken);
            if (db.IsPostgres())
            {
                await DeliveryIndexes.EnsureAsync(db, scope.ServiceProvider.GetRequiredService<ContentTypeRegistry>(), cancellationToken);
            }
            else
            {
                // WAL lets the Delivery API read while an editor writes.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            if (options.Value.Seed)
            {
                var seeded = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(cancellationToken);
                if (seeded > 0)
                {
                    LogSeeded(logger, seeded);
                    // Before the host serves: the seed decoded every demo image and wrote hundreds of entries, and that
                    // peak would otherwise stay with the process for as long as it runs.
                    BurstMemory.GiveBack();
                }
            }
        }
        readiness.MarkReady();
        LogReady(logger, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        // After readiness: a store upgraded with thousands of images serves while their renditions are made.
        _backfill = Task.Run(() => BackfillRenditionsAsync(lifetime.ApplicationStopping), CancellationToken.None);
    }

    private async Task BackfillRenditionsAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RenditionBackfill>().RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the rest is made on the next start.
        }
#pragma warning disable CA1031 // A failed backfill must not take the host down; it is logged and retried on the next start.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogBackfillFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Making renditions for older media failed; the next start tries again")]
    private static partial void LogBackfillFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Content store ready in {Milliseconds} ms")]
    private static partial void LogReady(ILogger logger, long milliseconds);

    /// <summary>The backfill stops with the application (its token is <c>ApplicationStopping</c>); this waits for it to let go.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _backfill.WaitAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} demo entries")]
    private static partial void LogSeeded(ILogger logger, int count);
}

/// <summary>Ready once start-up finished and the database answers.</summary>
internal sealed class CmsReadiness(IServiceScopeFactory scopes) : IHealthCheck
{
    private volatile bool _ready;

    public void MarkReady() => _ready = true;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!_ready)
        {
            return HealthCheckResult.Unhealthy("starting");
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmsDbContext>();
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
    }
}
