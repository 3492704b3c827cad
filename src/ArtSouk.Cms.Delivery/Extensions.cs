using ArtSouk.Kernel.Configuration;
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
        builder.Services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.Section);
        builder.Services.AddOutputCache(options =>
        {
            options.SizeLimit = 256L * 1024 * 1024;
            options.AddPolicy(DeliveryApi.CachePolicy, policy => policy
                .SetVaryByQuery("*")
                .SetVaryByHeader(HeaderNames.AcceptLanguage)
                .Expire(TimeSpan.FromMinutes(10))
                .Tag(DeliveryApi.CacheTag)
                .AddPolicy<StoreOnlyUnchangedResponses>());
        });
        builder.Services.AddSingleton<ContentGeneration>();
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
internal sealed class OutputCacheEviction(IOutputCacheStore store, ContentGeneration generation) : IContentChangeObserver
{
    public Task ContentChangedAsync(ContentChange change, CancellationToken cancellationToken)
    {
        generation.Advance();
        return store.EvictByTagAsync(DeliveryApi.CacheTag, cancellationToken).AsTask();
    }
}

/// <summary>Counts committed content changes in this process.</summary>
internal sealed class ContentGeneration
{
    private long _value;

    public long Current => Interlocked.Read(ref _value);

    public void Advance() => Interlocked.Increment(ref _value);
}

/// <summary>
/// A response computed while a change committed may hold the old content; evicting before it is stored would not
/// help, so such a response is served but not stored.
/// </summary>
internal sealed class StoreOnlyUnchangedResponses(ContentGeneration generation) : IOutputCachePolicy
{
    private static readonly object Key = new();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        context.HttpContext.Items[Key] = generation.Current;
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.HttpContext.Items[Key] is not long seen || seen != generation.Current)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}
