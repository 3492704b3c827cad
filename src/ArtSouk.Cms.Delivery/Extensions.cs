using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Caching;
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
        builder.Services.AddSingleton<IContentCache>(sp => sp.GetRequiredService<DeliveryCache>());
        return builder;
    }

    public static IEndpointRouteBuilder MapCmsDelivery(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDeliveryApi();
        return app;
    }
}
