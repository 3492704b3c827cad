using ArtSouk.Kernel.Configuration;
using ArtSouk.Cms.Entries;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Cms.Delivery;

public static class DeliveryExtensions
{
    public static IHostApplicationBuilder AddCmsDelivery(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.Section);
        builder.Services.AddSingleton<DeliveryCache>();
        builder.Services.AddSingleton<Kernel.Delivery.IDeliveryCache>(sp => sp.GetRequiredService<DeliveryCache>());
        builder.Services.AddSingleton<IContentChangeObserver, DeliveryCacheEviction>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCmsDelivery(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDeliveryApi();
        return app;
    }
}

/// <summary>Any committed content change empties the Delivery cache, so the very next request sees it.</summary>
internal sealed class DeliveryCacheEviction(DeliveryCache cache) : IContentChangeObserver
{
    public Task ContentChangedAsync(ContentChange change, CancellationToken cancellationToken)
    {
        cache.Clear();
        return Task.CompletedTask;
    }
}
