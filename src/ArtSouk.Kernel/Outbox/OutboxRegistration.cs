using ArtSouk.Kernel.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ArtSouk.Kernel.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// Gives a module an outbox in its own context: the dispatcher, and the store operators list and prune through.
    /// The module maps the tables with <see cref="OutboxModel.MapOutbox"/> and registers its <see cref="IOutboxHandler"/>s.
    /// </summary>
    public static IServiceCollection AddOutbox<TContext>(this IServiceCollection services, string module) where TContext : DbContext
    {
        services.AddValidatedOptions<OutboxOptions>(OutboxOptions.Section);
        services.TryAddSingleton<OutboxSignal>();
        services.AddScoped<IOutboxStore>(sp => new OutboxStore<TContext>(module, sp.GetRequiredService<TContext>(),
            sp.GetRequiredService<OutboxSignal>(), sp.GetServices<IOutboxHandler>()));
        services.AddSingleton<OutboxDispatcher<TContext>>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<OutboxDispatcher<TContext>>());
        services.TryAddScoped<OutboxRetention>();
        return services;
    }
}

/// <summary>The prune job: deletes what every module's outbox delivered longer ago than <c>Outbox:Retention</c>.</summary>
public sealed class OutboxRetention(IEnumerable<IOutboxStore> stores, TimeProvider clock, IOptions<OutboxOptions> options)
{
    public const string JobId = "outbox-prune";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.Retention;
        var deleted = 0;
        foreach (var store in stores)
        {
            deleted += await store.PruneAsync(before, cancellationToken);
        }
        return deleted;
    }
}
