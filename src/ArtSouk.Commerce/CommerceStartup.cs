using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Commerce;

/// <summary>Migrates the commerce store before the server listens and schedules the expired-reservation sweep.</summary>
internal sealed class CommerceStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommerceDbContext>();
        await db.MigrateQuietlyAsync(cancellationToken);
        if (!db.IsPostgres())
        {
            // Checkout writes while the Delivery API reads; WAL lets both proceed (the CMS sets it too, on the same file).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        scope.ServiceProvider.GetService<IRecurringJobManager>()?.AddOrUpdate<ReservationSweeper>(
            ReservationSweeper.JobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        scope.ServiceProvider.GetService<IRecurringJobManager>()?.AddOrUpdate<Payments.PaymentReconciliation>(
            Payments.PaymentReconciliation.JobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
