using System.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace ArtSouk.Host;

/// <summary>
/// Builds the application's endpoints once, on a worker thread while the modules start, instead of twice on the way to
/// the first answer.
/// </summary>
/// <remarks>
/// A minimal API data source makes its endpoints anew each time it is read (a request delegate compiled per route), and
/// ASP.NET Core reads every source twice before it answers: the authorization policy cache while the pipeline is built,
/// and the routing middleware on the first request, each through a composite of its own. On two cores the two builds
/// were a full second of a three-second restart, both on the path to ready. Here each source is read once, on a worker
/// thread while the modules migrate their stores, and both composites share its endpoints; a source that changes (Blazor's,
/// under hot reload) is read again after it says so.
/// </remarks>
internal static partial class EndpointTable
{
    /// <summary>Call after the last <c>Map…</c>: later mappings would be added beside, not inside, the shared table.</summary>
    public static void BuildOnceAhead(this WebApplication app)
    {
        var sources = ((IEndpointRouteBuilder)app).DataSources;
        var once = sources.Select(source => new ReadOnce(source)).ToList();
        sources.Clear();
        foreach (var source in once)
        {
            sources.Add(source);
            app.Lifetime.ApplicationStopped.Register(source.Dispose);
        }
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EndpointTable));
        _ = Task.Run(() => BuildAll(once, logger));
    }

    private static void BuildAll(List<ReadOnce> sources, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var count = sources.Sum(source => source.Endpoints.Count);
            LogBuilt(logger, count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
#pragma warning disable CA1031 // Only a head start: the pipeline reads the same sources again and fails the start with this error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex);
        }
    }

    /// <summary>
    /// One data source, read once until it says it changed. Readers watch this wrapper's own change token, which fires
    /// only after the stale endpoints are dropped, so none of them can read the old table again.
    /// </summary>
    internal sealed class ReadOnce(EndpointDataSource inner) : EndpointDataSource, IDisposable
    {
        private readonly Lock _gate = new();
        private IReadOnlyList<Endpoint>? _endpoints;
        private CancellationTokenSource _changed = new();
        private IDisposable? _watch;

        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                lock (_gate)
                {
                    if (_endpoints is null)
                    {
                        // Watched before the read: a change during it drops what it returned.
                        _watch ??= ChangeToken.OnChange(inner.GetChangeToken, Changed);
                        _endpoints = inner.Endpoints;
                    }
                    return _endpoints;
                }
            }
        }

        public override IChangeToken GetChangeToken()
        {
            lock (_gate)
            {
                return new CancellationChangeToken(_changed.Token);
            }
        }

        public override IReadOnlyList<Endpoint> GetGroupedEndpoints(RouteGroupContext context) => inner.GetGroupedEndpoints(context);

        private void Changed()
        {
            CancellationTokenSource changed;
            lock (_gate)
            {
                _endpoints = null;
                changed = _changed;
                _changed = new CancellationTokenSource();
            }
            changed.Cancel();
            changed.Dispose();
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _watch?.Dispose();
                _changed.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Built {Count} endpoints ahead of the first request in {Milliseconds} ms")]
    private static partial void LogBuilt(ILogger logger, int count, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Building the endpoints ahead failed; the pipeline builds them again and reports why")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
