using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ArtSouk.IntegrationTests.Infrastructure;

internal static class OutboxTakeover
{
    /// <summary>
    /// Stops the host's own content outbox dispatcher and hands it to the test, so messages stay pending until the
    /// test dispatches them and a race is between the test's callers only.
    /// </summary>
    public static async Task<OutboxDispatcher<CmsDbContext>> TakeOverContentOutboxAsync(this ArtSoukApp app)
    {
        var dispatcher = app.Services.GetServices<IHostedService>().OfType<OutboxDispatcher<CmsDbContext>>().Single();
        await dispatcher.StopAsync(CancellationToken.None);
        return dispatcher;
    }
}
