using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Commerce;

/// <summary>Migrates the commerce store before the server listens, and prices the demo catalogue on the start that seeds it.</summary>
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
        // The CMS starts first: on the start that seeded the demo catalogue, its works get prices and its events seats.
        if (scope.ServiceProvider.GetRequiredService<DemoSeed>().Entries is { Count: > 0 } seeded && !await db.Listings.AnyAsync(cancellationToken))
        {
            await scope.ServiceProvider.GetRequiredService<DemoListings>().SeedAsync(seeded, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
