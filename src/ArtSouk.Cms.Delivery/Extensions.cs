using ArtSouk.Cms.Entries;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Net.Http.Headers;

namespace ArtSouk.Cms.Delivery;

public static class DeliveryExtensions
{
    public static IHostApplicationBuilder AddCmsDelivery(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        builder.Services.AddOutputCache(options =>
        {
            options.SizeLimit = 256L * 1024 * 1024;
            options.AddPolicy(DeliveryApi.CachePolicy, policy => policy
                .SetVaryByQuery("*")
                .SetVaryByHeader(HeaderNames.AcceptLanguage)
                .Expire(TimeSpan.FromMinutes(10))
                .Tag(DeliveryApi.CacheTag));
        });
        builder.Services.AddSingleton<IContentChangeObserver, OutputCacheEviction>();
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
internal sealed class OutputCacheEviction(IOutputCacheStore store) : IContentChangeObserver
{
    public Task ContentChangedAsync(ContentChange change, CancellationToken cancellationToken) =>
        store.EvictByTagAsync(DeliveryApi.CacheTag, cancellationToken).AsTask();
}
