using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Search.Api;
using ArtSouk.Search.Elasticsearch;
using ArtSouk.Search.Indexing;
using ArtSouk.Search.Lucene;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Search;

public static class SearchExtensions
{
    /// <summary>
    /// Search over published content: the index (Lucene under <c>{DataPath}/search</c> by default), the outbox handler
    /// that keeps it current, the first build at start-up and the readiness check; and the editors' index of every
    /// entry's latest version (<c>{DataPath}/search-editors</c>, or the Elasticsearch alias <c>{index}-editors</c>), kept the
    /// same way, for the manager's search. Call after <c>AddCms()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddValidatedOptions<SearchOptions>(SearchOptions.Section);
        var app = builder.Configuration.ReadValidated<ArtSoukOptions>(ArtSoukOptions.Section);
        // Read now so a bad provider stops start-up with the key named, before anything is registered.
        var search = builder.Configuration.ReadValidated<SearchOptions>(SearchOptions.Section);
        if (search.Provider == SearchProvider.Elasticsearch)
        {
            services.AddSingleton<ISearchIndex>(sp => new ElasticsearchSearchIndex(ElasticsearchSearchIndex.Client(search), search.ElasticsearchIndex,
                sp.GetService<TimeProvider>() ?? TimeProvider.System));
            services.AddKeyedSingleton<ISearchIndex>(Audience.Editors, (sp, _) => new ElasticsearchSearchIndex(ElasticsearchSearchIndex.Client(search),
                search.ElasticsearchIndex + "-editors", sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }
        else
        {
            var folder = Path.Combine(app.FullDataPath, "search");
            // One gate for both indexes: together they compute no more searches at once than there are cores.
            services.AddSingleton(_ => SearchGate.OnePerCore());
            services.AddSingleton<ISearchIndex>(sp => new LuceneSearchIndex(folder, sp.GetRequiredService<SearchGate>(), sp.GetRequiredService<TimeProvider>()));
            services.AddKeyedSingleton<ISearchIndex>(Audience.Editors,
                (sp, _) => new LuceneSearchIndex(folder + "-editors", sp.GetRequiredService<SearchGate>(), sp.GetRequiredService<TimeProvider>()));
        }
        services.AddScoped<SearchFeed>();
        services.AddScoped<IOutboxHandler, SearchIndexer>();
        services.AddScoped<IOutboxHandler, EditorsIndexer>();
        services.AddSingleton<RebuildProgress>();
        services.AddSingleton<Rebuilder>();
        services.AddKeyedSingleton<RebuildProgress>(Audience.Editors);
        services.AddKeyedSingleton(Audience.Editors, (sp, key) => new Rebuilder(sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredKeyedService<ISearchIndex>(key), sp.GetRequiredKeyedService<RebuildProgress>(key), sp.GetRequiredService<TimeProvider>(), Audience.Editors));
        services.AddSingleton<SearchStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchStartup>());
        services.AddHealthChecks().AddCheck<SearchReadiness>("search", HealthStatus.Unhealthy, ["ready"]);
        return builder;
    }

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSearchApi();
        app.MapReindexApi();
        app.MapEditorsSearchApi();
        return app;
    }

    /// <summary>
    /// <c>reindex</c>: rebuilds both indexes (the public one from the published content, the editors' from every entry)
    /// beside the current ones and swaps them in, printing progress. Run it while no host serves the same data folder (the index takes a write lock). Returns false when
    /// <paramref name="args"/> is not a search command.
    /// </summary>
    public static async Task<bool> RunSearchCommandAsync(this IHost host, string[] args)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["reindex"])
        {
            return false;
        }
        var services = host.Services;
        foreach (var (name, index, rebuilder) in new[]
        {
            ("Search index", services.GetRequiredService<ISearchIndex>(), services.GetRequiredService<Rebuilder>()),
            ("Editors' search index", services.GetRequiredKeyedService<ISearchIndex>(Audience.Editors), services.GetRequiredKeyedService<Rebuilder>(Audience.Editors)),
        })
        {
            await index.OpenAsync(CancellationToken.None);
            var count = await rebuilder.RunAsync(CancellationToken.None, n => Console.WriteLine($"{n:N0} documents indexed"));
            Console.WriteLine($"{name} rebuilt: {count:N0} documents");
            (index as IDisposable)?.Dispose();
        }
        return true;
    }
}
