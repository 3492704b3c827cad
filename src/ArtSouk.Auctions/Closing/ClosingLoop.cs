using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Auctions.Closing;

/// <summary>
/// Runs <see cref="LotCloser"/> (and the ending-soon notices, and deposits' reconciliation and refunds) every <see cref="AuctionsOptions.CloserInterval"/> (seconds, finer than a Hangfire
/// cron's minute). Every node may run it: the claim makes overlapping runs close each lot once.
/// </summary>
internal sealed partial class ClosingLoop(IServiceScopeFactory scopes, IOptions<AuctionsOptions> options, ILogger<ClosingLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CloserInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<LotCloser>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Notices.EndingSoon>().RunAsync(stoppingToken);
                await scope.ServiceProvider.GetRequiredService<Sales.Deposits>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run leaves its claims to go stale; the next runs take them over.
                LogFailed(log, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing due lots failed; retrying on the next tick")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
