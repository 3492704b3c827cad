using System.Collections.Concurrent;
using ArtSouk.Kernel.Jobs;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ArtSouk.Host;

/// <summary>
/// Hands every module's <see cref="RecurringJobSchedule"/> to the job server as the host starts. Registering one takes a
/// lock in job storage, and on PostgreSQL a host killed while holding that lock leaves it behind until the storage's lock
/// timeout. A start that waited for it gave up after 15 seconds and took the whole host down with it. So the first
/// refusal ends the start-up pass, and what is left is tried again in the background until it is registered (the
/// schedule stored by the earlier run keeps firing meanwhile); readiness reports what is still waiting.
/// </summary>
internal sealed partial class RecurringJobs(IRecurringJobManager jobs, IEnumerable<RecurringJobSchedule> schedules, ILogger<RecurringJobs> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<string, RecurringJobSchedule> _waiting = new(schedules.Select(s => KeyValuePair.Create(s.Id, s)));

    /// <summary>The ids of the schedules not registered yet.</summary>
    public ICollection<string> Waiting => _waiting.Keys;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // In line: a normal start has every schedule in place before it serves.
        RegisterWaiting();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!_waiting.IsEmpty)
        {
            await Task.Delay(RetryDelay, stoppingToken);
            RegisterWaiting();
        }
    }

    private void RegisterWaiting()
    {
        foreach (var schedule in _waiting.Values.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (!TryRegister(schedule))
            {
                return;
            }
            _waiting.TryRemove(schedule.Id, out _);
        }
    }

    private bool TryRegister(RecurringJobSchedule schedule)
    {
        try
        {
            jobs.AddOrUpdate(schedule.Id, new Job(schedule.Job, schedule.Run, CancellationToken.None), schedule.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A lock left by a killed host, or storage not reachable yet: both pass, so both are tried again.
            LogNotYet(logger, schedule.Id, RetryDelay.TotalSeconds, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recurring job {Id} is not scheduled yet; trying again in {Seconds} s: {Reason}")]
    private static partial void LogNotYet(ILogger logger, string id, double seconds, string reason);
}

/// <summary>
/// Ready when this host's job storage has a live server (its own storage, not the process-wide JobStorage.Current);
/// degraded, still serving, while a recurring schedule waits to be registered.
/// </summary>
internal sealed class JobsHealthCheck(JobStorage storage, RecurringJobs recurring) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            if (servers.Count == 0)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("no job server running"));
            }
            var waiting = recurring.Waiting;
            return Task.FromResult(waiting.Count == 0
                ? HealthCheckResult.Healthy($"{servers.Count} job server(s)")
                : HealthCheckResult.Degraded($"{servers.Count} job server(s); not scheduled yet: {string.Join(", ", waiting.Order(StringComparer.Ordinal))}"));
        }
        catch (InvalidOperationException ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("job storage unavailable", ex));
        }
    }
}
