using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Kernel.Jobs;

/// <summary>
/// A job a module runs on a schedule: <c>RunAsync(CancellationToken)</c> on <see cref="Job"/>, resolved from the
/// container, every <see cref="Cron"/> (UTC). Modules declare their schedules; the host hands them to the job server
/// once it has started, so no module's start-up waits on the job storage's locks.
/// </summary>
public sealed record RecurringJobSchedule(string Id, string Cron, Type Job)
{
    public MethodInfo Run { get; } = Job.GetMethod("RunAsync", [typeof(CancellationToken)])
        ?? throw new InvalidOperationException($"{Job.Name} has no RunAsync(CancellationToken) to run as recurring job '{Id}'.");
}

public static class RecurringJobRegistration
{
    /// <summary>Runs <typeparamref name="TJob"/>'s <c>RunAsync(CancellationToken)</c> every <paramref name="cron"/> (UTC).</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string id, string cron) where TJob : class
    {
        services.AddSingleton(new RecurringJobSchedule(id, cron, typeof(TJob)));
        return services;
    }
}
