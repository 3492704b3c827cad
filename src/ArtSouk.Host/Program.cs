using ArtSouk.Accounts;
using ArtSouk.Auctions;
using ArtSouk.Cms;
using ArtSouk.Commerce;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Delivery;
using ArtSouk.Host;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Notifications;
using ArtSouk.Search;
using ArtSouk.Manager;
using ArtSouk.Themes.Souk;
using ArtSouk.Themes.Souk.Auctions;
using Microsoft.Extensions.Options;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddArtSoukHost();
    builder.AddNotifications();
    builder.AddAccounts();
    builder.AddCms();
    builder.AddCmsDelivery();
    builder.AddSearch();
    builder.AddCommerce();
    builder.AddAuctions();
    builder.AddManager();
    builder.AddSite();
    builder.AddAuctionPages();

    var app = builder.Build();
    // ValidateOnStart would fail inside StartAsync, logged with a stack trace; checking first gives just the keys.
    app.Services.GetService<IStartupValidator>()?.Validate();
    if (await app.RunCmsCommandAsync(args) || await app.RunSearchCommandAsync(args))
    {
        return 0;
    }
    app.UseCmsDelivery();
    app.UseSite();
    app.UseArtSoukHost();
    app.UseManager();
    app.MapArtSoukHost();
    var modules = app.MapModules();
    modules.MapAccounts();
    modules.MapCms();
    modules.MapCmsDelivery();
    modules.MapSearch();
    modules.MapCommerce();
    modules.MapAuctions();
    modules.MapOutboxApi();
    modules.MapAuditApi();
    app.MapManager();
    app.MapAuctionPages();
    app.MapSite();
    app.BuildOnceAhead();
    await app.RunAsync();
    return 0;
}
catch (InvalidContentTypeException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}
catch (OptionsValidationException ex)
{
    // Each failure names its key (Database:ConnectionString, Outbox:MaxAttempts, ...); no stack trace to read past.
    await Console.Error.WriteLineAsync("Invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, ex.Failures.Select(f => "  " + f)));
    return 1;
}

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
