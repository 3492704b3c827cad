using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.Cms.Seeding;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Cms;

/// <summary>Brings the CMS store up to date before the server listens: migrations, filter indexes, demo content, jobs.</summary>
internal sealed partial class CmsStartup(
    IServiceScopeFactory scopes, IOptions<ArtSoukOptions> options, CmsReadiness readiness, ILogger<CmsStartup> logger) : IHostedService
{
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
                }
            }
            scope.ServiceProvider.GetService<IRecurringJobManager>()?.AddOrUpdate<ScheduledPublishing>(
                ScheduledPublishing.JobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        readiness.MarkReady();
        LogReady(logger, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Content store ready in {Milliseconds} ms")]
    private static partial void LogReady(ILogger logger, long milliseconds);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
