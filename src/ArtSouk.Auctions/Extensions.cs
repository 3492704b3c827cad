using ArtSouk.Auctions.Bidding;
using ArtSouk.Auctions.Closing;
using ArtSouk.Auctions.Live;
using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Notices;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Auctions.Sales;
using ArtSouk.Kernel.Auctions;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace ArtSouk.Auctions;

public static class AuctionsExtensions
{
    /// <summary>Sales, lots, proxy bidding, the closer that hands winners to commerce, and the live hub.</summary>
    public static IHostApplicationBuilder AddAuctions(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Configuration.ReadValidated<ArtSoukOptions>(ArtSoukOptions.Section);
        var database = builder.Configuration.ReadValidated<DatabaseOptions>(DatabaseOptions.Section);
        var auctions = builder.Configuration.ReadValidated<AuctionsOptions>(AuctionsOptions.Section);
        var services = builder.Services;
        services.AddValidatedOptions<AuctionsOptions>(AuctionsOptions.Section);
        services.AddModuleDbContext<AuctionsDbContext, SqliteAuctionsDbContext, PostgresAuctionsDbContext>(database, app, AuctionsDbContext.Schema);
        services.AddAuditLog<AuctionsDbContext>("auctions");
        services.AddScoped<LotCloser>();
        services.AddHostedService<AuctionsStartup>();
        // Bidders' notices (outbid, ending soon, won, lost) leave through the module's outbox as e-mail.
        services.AddOutbox<AuctionsDbContext>("auctions");
        services.AddScoped<IOutboxHandler, NoticeMail>();
        services.AddScoped<EndingSoon>();
        // Deposits are settled from commerce's Stripe webhook, which knows them only as this port.
        services.AddScoped<Deposits>();
        services.AddScoped<ArtSouk.Commerce.Payments.IDepositNotices>(sp => sp.GetRequiredService<Deposits>());
        services.AddSingleton<LotBroadcast>();
        services.AddSingleton<BidQueue>();
        services.AddScoped<IAuctionCatalog, AuctionCatalog>();
        var signalR = services.AddSignalR();
        // With several nodes, a bid accepted on one reaches watchers connected to another through Redis.
        if (builder.Configuration["Redis:ConnectionString"] is { Length: > 0 } redis)
        {
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = RedisChannel.Literal("artsouk"));
        }
        if (auctions.RunCloser)
        {
            services.AddHostedService<ClosingLoop>();
        }
        return builder;
    }

    public static IEndpointRouteBuilder MapAuctions(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapCreateSale();
        app.MapAddLot();
        app.MapSalesApi();
        app.MapRegistrations();
        app.MapLotsApi();
        app.MapPlaceBid();
        app.MapRetractBid();
        app.MapAuctioneering();
        app.MapHub<AuctionHub>("/hubs/auctions");
        return app;
    }
}

/// <summary>Migrates the auctions store before the server listens.</summary>
internal sealed class AuctionsStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuctionsDbContext>();
        await db.MigrateQuietlyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
