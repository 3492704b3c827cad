using ArtSouk.Commerce.Checkout;
using ArtSouk.Commerce.Invoices;
using ArtSouk.Commerce.Listings;
using ArtSouk.Commerce.Mail;
using ArtSouk.Commerce.Offers;
using ArtSouk.Commerce.Orders;
using ArtSouk.Commerce.Payments;
using ArtSouk.Commerce.Payouts;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Commerce.Tickets;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Configuration;
using ArtSouk.Kernel.Jobs;
using ArtSouk.Kernel.Delivery;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using ArtSouk.Kernel.Seeding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Stripe;

namespace ArtSouk.Commerce;

public static class CommerceExtensions
{
    /// <summary>Listings, carts, checkout with reservations, orders, invoices and card payments.</summary>
    public static IHostApplicationBuilder AddCommerce(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Configuration.ReadValidated<ArtSoukOptions>(ArtSoukOptions.Section);
        var database = builder.Configuration.ReadValidated<DatabaseOptions>(DatabaseOptions.Section);
        var commerce = builder.Configuration.ReadValidated<CommerceOptions>(CommerceOptions.Section);
        var services = builder.Services;
        services.AddValidatedOptions<CommerceOptions>(CommerceOptions.Section);
        services.AddModuleDbContext<CommerceDbContext, SqliteCommerceDbContext, PostgresCommerceDbContext>(database, app, CommerceDbContext.Schema);
        services.AddAuditLog<CommerceDbContext>("commerce");
        services.AddHttpContextAccessor();
        services.AddScoped<StockLedger>();
        services.AddScoped<DeliveryEviction>();
        services.AddScoped<IDeliveryItemExtension, ListingInDelivery>();
        services.AddScoped<IDeliveryItemExtension, Tickets.TicketsInDelivery>();
        services.AddScoped<Tickets.WaitingList>();
        services.AddScoped<OrderTransitions>();
        services.AddScoped<Invoices.InvoiceIssuer>();
        services.AddSingleton<InvoicePdf>();
        services.AddScoped<ReservationSweeper>();
        services.AddRecurringJob<ReservationSweeper>(ReservationSweeper.JobId, "* * * * *");
        services.AddScoped(sp => new SaleOrders(sp.GetRequiredService<CommerceDbContext>(), sp.GetRequiredService<StockLedger>(), sp.GetRequiredService<TimeProvider>()));

        // Stripe.net talks to Stripe, or, without Commerce:Stripe:ApiBase, to the local fake that speaks its HTTP API.
        if (commerce.Stripe.ApiBase is null)
        {
            services.AddSingleton(sp => new FakeCardProcessor(sp.GetRequiredService<TimeProvider>()));
        }
        services.AddSingleton<IStripeClient>(sp =>
        {
            var fake = commerce.Stripe.ApiBase is null ? sp.GetRequiredService<FakeCardProcessor>() : null;
            var http = fake is null ? new HttpClient() : new HttpClient(fake, disposeHandler: false);
            http.Timeout = TimeSpan.FromSeconds(30);
            return new StripeClient(commerce.Stripe.SecretKey, httpClient: new SystemNetHttpClient(http, maxNetworkRetries: 2),
                apiBase: (commerce.Stripe.ApiBase ?? FakeCardProcessor.BaseAddress).ToString().TrimEnd('/'));
        });
        services.AddScoped<IPaymentProvider, StripePayments>();
        services.AddScoped(sp => new CardDeposits(sp.GetRequiredService<IStripeClient>()));
        services.AddScoped<PaymentReconciliation>();
        services.AddRecurringJob<PaymentReconciliation>(PaymentReconciliation.JobId, "* * * * *");
        services.TryAddSingleton<DemoSeed>();
        services.AddScoped<DemoListings>();
        services.AddHostedService<CommerceStartup>();
        // After the start-up that migrates: the dispatcher reads the outbox tables that migration creates.
        services.AddScoped<Sellers>();
        services.AddScoped<IOutboxHandler, CommerceMail>();
        services.AddOutbox<CommerceDbContext>("commerce");
        return builder;
    }

    public static IEndpointRouteBuilder MapCommerce(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapSetListing();
        app.MapTicketTypes();
        app.MapWaitingList();
        app.MapCart();
        app.MapCheckout();
        app.MapOrdersApi();
        app.MapInvoiceApi();
        app.MapStripeWebhook();
        app.MapOffers();
        app.MapOfferInbox();
        app.MapInquiries();
        app.MapSales();
        return app;
    }
}
