using ArtSouk.Manager.Api;
using ArtSouk.Manager.Sessions;
using ArtSouk.Manager.Shell;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.Manager;

/// <summary>The bilingual manager UI at <c>/manager</c>, a client of the management HTTP API.</summary>
public static class ManagerExtensions
{
    public static IHostApplicationBuilder AddManager(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddRazorComponents()
            // The circuit's first message carries the prerendered screens' state back (see Snapshots): room for it.
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024)
            // The access token and language reach the interactive circuit from the page that started it,
            // in Blazor's state blob that Data Protection encrypts.
            .RegisterPersistentService<ManagerSession>(Microsoft.AspNetCore.Components.Web.RenderMode.InteractiveServer);
        services.AddScoped<ManagerSession>();
        services.AddScoped<ManagerApi>();
        services.AddScoped<Auctions.AuctionDesk>();
        services.AddSingleton<ApiAddress>();
        services.AddHttpClient(ManagerApi.ClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddCascadingValue(sp => sp.GetRequiredService<ManagerSession>());
        services.AddAntiforgery();
        services.Configure<ApiAddressOptions>(builder.Configuration.GetSection("Manager"));

        services.AddAuthentication().AddCookie(ManagerCookie.Scheme, o =>
        {
            o.Cookie.Name = ManagerCookie.Name;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.LoginPath = ManagerCookie.SignInPath;
            o.AccessDeniedPath = ManagerCookie.SignInPath;
            o.ReturnUrlParameter = "returnUrl";
            // The cookie lives no longer than the access token it carries.
            o.SlidingExpiration = false;
            o.ExpireTimeSpan = TimeSpan.FromHours(1);
            o.Events.OnValidatePrincipal = SessionCheck.ValidateAsync;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ManagerCookie.Policy, p => p.AddAuthenticationSchemes(ManagerCookie.Scheme).RequireAuthenticatedUser())
            .AddPolicy(ManagerCookie.AnyVisitor, p => p.AddAuthenticationSchemes(ManagerCookie.Scheme).RequireAssertion(_ => true));
        return builder;
    }

    /// <summary>Antiforgery for the manager's forms; after authentication, before the endpoints.</summary>
    public static IApplicationBuilder UseManager(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseAntiforgery();
    }

    public static IEndpointRouteBuilder MapManager(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapSessionEndpoints();
        return app;
    }
}
