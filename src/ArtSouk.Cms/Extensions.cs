using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Management;
using ArtSouk.Cms.Media;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Publishing;
using ArtSouk.Cms.Reading;
using ArtSouk.Cms.Seeding;
using ArtSouk.Cms.Slugs;
using ArtSouk.Cms.Webhooks;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Jobs;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Security;
using ArtSouk.Kernel.Seeding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Cms;

public static class CmsExtensions
{
    /// <summary>
    /// Registers the content engine. Content types are loaded and validated here, so an invalid file stops
    /// start-up with <see cref="InvalidContentTypeException"/> before anything listens.
    /// </summary>
    public static IHostApplicationBuilder AddCms(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Configuration.ReadValidated<ArtSoukOptions>(ArtSoukOptions.Section);
        var database = builder.Configuration.ReadValidated<DatabaseOptions>(DatabaseOptions.Section);
        var services = builder.Services;

        services.AddSingleton(ContentTypeLoader.Load(ContentTypesFolder(app)));
        services.AddModuleDbContext<CmsDbContext, SqliteCmsDbContext, PostgresCmsDbContext>(database, app, CmsDbContext.Schema);
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();
        services.AddAuditLog<CmsDbContext>("cms");
        services.AddScoped<EntryChanges>();
        services.AddSingleton<IContentChangeObserver, ContentCacheEviction>();
        services.AddScoped<SlugAssigner>();
        services.AddScoped<ReadModelWriter>();
        services.AddScoped<Publisher>();
        services.AddScoped<EntryEditor>();
        services.AddScoped<Trash.EntryTrash>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<IProfileEntries, ProfileEntries>();
        services.AddScoped<IEntryAccess, EntryAccessAnswer>();
        services.AddScoped(sp => new EntryStatuses(sp.GetRequiredService<CmsDbContext>()));
        services.AddScoped<RenditionBackfill>();
        // The dialect follows the configured provider; asking the context which provider it has would build its services first.
        SqlDialect dialect = database.Provider == DatabaseProvider.Postgres ? new PostgresDialect() : new SqliteDialect();
        services.AddSingleton(dialect);
        services.AddScoped(sp => new ContentReader(sp.GetRequiredService<CmsDbContext>(), sp.GetRequiredService<ContentTypeRegistry>(), dialect));
        services.AddScoped(sp => new ScheduledPublishing(sp.GetRequiredService<CmsDbContext>(), sp.GetRequiredService<ContentTypeRegistry>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Publisher>(), sp.GetRequiredService<EntryChanges>(), sp.GetRequiredService<AuditTrail>()));
        services.AddRecurringJob<ScheduledPublishing>(ScheduledPublishing.JobId, "* * * * *");
        services.AddScoped<DemoSeeder>();
        services.TryAddSingleton<DemoSeed>();
        services.AddScoped<LargeStore>();
        services.AddScoped<WebhookSender>();
        services.AddScoped<IOutboxHandler>(sp => sp.GetRequiredService<WebhookSender>());
        services.AddHttpClient(WebhookSender.ClientName, c =>
        {
            c.Timeout = TimeSpan.FromSeconds(10);
            c.DefaultRequestHeaders.UserAgent.ParseAdd("ArtSouk-Webhooks/1.0");
        });
        // Start-up migrates before the dispatcher first looks at the outbox.
        services.AddSingleton<CmsStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<CmsStartup>());
        services.AddOutbox<CmsDbContext>("cms");
        services.AddSingleton<CmsReadiness>();
        services.AddHealthChecks().AddCheck<CmsReadiness>("cms", HealthStatus.Unhealthy, ["ready"]);
        return builder;
    }

    public static IEndpointRouteBuilder MapCms(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapManageContentApi();
        app.MapRightsApi();
        app.MapMediaApi();
        app.MapContentTypesApi();
        app.MapWebhooksApi();
        Trash.TrashApi.MapTrashApi(app);
        Dashboard.DashboardApi.MapDashboardApi(app);
        return app;
    }

    /// <summary>
    /// <c>generate --artworks N</c>: brings the store up (migrations, demo seed) and adds N published artworks for
    /// benchmarks, printing progress. Returns false when <paramref name="args"/> is not a CMS command.
    /// </summary>
    public static async Task<bool> RunCmsCommandAsync(this IHost host, string[] args)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (args is not ["generate", "--artworks", var raw] || !int.TryParse(raw, out var count) || count < 1)
        {
            return false;
        }
        await host.Services.GetRequiredService<CmsStartup>().StartAsync(CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LargeStore>().GenerateAsync(count, Console.WriteLine, CancellationToken.None);
        // Deliver the events the new entries raised now, so a host started on this store (a benchmark) is not busy
        // draining them while it is measured.
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher<CmsDbContext>>();
        var delivered = 0;
        for (int batch; (batch = await dispatcher.DispatchBatchAsync(CancellationToken.None)) > 0;)
        {
            delivered += batch;
            if (delivered % 10_000 < batch)
            {
                Console.WriteLine($"{delivered:N0} events delivered");
            }
        }
        return true;
    }

    /// <summary>An explicit setting wins; then <c>./content-types</c> (a checkout); then the copy shipped beside the binaries.</summary>
    private static string ContentTypesFolder(ArtSoukOptions app)
    {
        if (!string.IsNullOrWhiteSpace(app.ContentTypesPath))
        {
            return Path.GetFullPath(app.ContentTypesPath);
        }
        var local = Path.GetFullPath("content-types");
        return Directory.Exists(local) ? local : Path.Combine(AppContext.BaseDirectory, "content-types");
    }
}
