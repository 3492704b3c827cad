using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Search.Indexing;

/// <summary>What the last or running rebuild has done, for the readiness check and the manager.</summary>
internal sealed class RebuildProgress
{
    private volatile string _state = "idle";
    private int _indexed;
    private long _coversBefore = long.MinValue;

    /// <summary>What the live index covers: its last completed rebuild's start, this run's or the mark the index kept.</summary>
    private long _liveCoversBefore = long.MinValue;

    public string State => _state;
    public int Indexed => _indexed;
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public void Start(DateTimeOffset at)
    {
        _indexed = 0;
        StartedAt = at;
        FinishedAt = null;
        _state = "running";
        Interlocked.Exchange(ref _coversBefore, at.UtcTicks);
    }

    public void Report(int indexed) => _indexed = indexed;

    /// <summary>
    /// Takes over the mark an opened index kept of its last completed rebuild (<see cref="ISearchIndex.RebuiltFromAsync"/>),
    /// so a restart does not replay into it the events that rebuild already read: the demo seed's, when the seeding
    /// start was stopped before its outbox drained.
    /// </summary>
    public void Resume(DateTimeOffset? rebuiltFrom)
    {
        if (rebuiltFrom is { } from && from.UtcTicks > Interlocked.Read(ref _coversBefore))
        {
            _liveCoversBefore = from.UtcTicks;
            Interlocked.Exchange(ref _coversBefore, from.UtcTicks);
        }
    }

    public void Finish(bool succeeded, DateTimeOffset at)
    {
        FinishedAt = at;
        _state = succeeded ? "done" : "failed";
        if (succeeded)
        {
            _liveCoversBefore = Interlocked.Read(ref _coversBefore);
        }
        else
        {
            // The live index is the one from before this rebuild: it covers what it covered.
            Interlocked.Exchange(ref _coversBefore, _liveCoversBefore);
        }
    }

    /// <summary>
    /// True when a rebuild that started after <paramref name="occurredAt"/> is running or done, in this run or (by the
    /// index's mark) an earlier one: it reads the entry as it is now, so the event has nothing to add (the demo seed's
    /// hundreds of events are skipped, not replayed).
    /// </summary>
    public bool Covers(DateTimeOffset occurredAt) => occurredAt.UtcTicks < Interlocked.Read(ref _coversBefore);
}

/// <summary>
/// Opens both indexes once the CMS store is up (it is registered after the CMS, so its start runs after the seed) and
/// builds each one that is empty in the background: the host serves meanwhile.
/// </summary>
internal sealed partial class SearchStartup(ISearchIndex index, Rebuilder rebuilder,
    [FromKeyedServices(Audience.Editors)] ISearchIndex editorsIndex, [FromKeyedServices(Audience.Editors)] Rebuilder editorsRebuilder,
    IHostApplicationLifetime lifetime, ILogger<SearchStartup> logger) : IHostedService
{
    private readonly List<Task> _initial = [];

    public bool Opened { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await index.OpenAsync(cancellationToken);
        await editorsIndex.OpenAsync(cancellationToken);
        await rebuilder.ResumeAsync(cancellationToken);
        await editorsRebuilder.ResumeAsync(cancellationToken);
        Opened = true;
        await BuildIfEmptyAsync(index, rebuilder, Audience.Public, cancellationToken);
        await BuildIfEmptyAsync(editorsIndex, editorsRebuilder, Audience.Editors, cancellationToken);
    }

    private async Task BuildIfEmptyAsync(ISearchIndex target, Rebuilder builder, Audience audience, CancellationToken cancellationToken)
    {
        if (await target.CountAsync(cancellationToken) == 0)
        {
            builder.Announce();
            _initial.Add(Task.Run(async () =>
            {
                try
                {
                    // Once every module has started: documents carry listings, read from commerce's store, which is
                    // migrated by a start that runs after this one.
                    var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                    {
                        await started.Task.WaitAsync(lifetime.ApplicationStopping);
                    }
                    var count = await builder.RunAsync(lifetime.ApplicationStopping);
                    LogIndexed(logger, audience, count);
                }
                catch (OperationCanceledException)
                {
                    // Stopping; the next start finds the index empty and indexes again.
                }
#pragma warning disable CA1031 // The host serves without search rather than stopping; the failure is logged and readiness says so.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogFailed(logger, audience, ex);
                }
            }, CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(_initial).WaitAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index ({Audience}) built with {Count} documents")]
    private static partial void LogIndexed(ILogger logger, Audience audience, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Building the search index ({Audience}) failed")]
    private static partial void LogFailed(ILogger logger, Audience audience, Exception exception);
}

/// <summary>Runs one rebuild at a time of one index from the CMS's content (published, or for editors every entry).</summary>
internal sealed class Rebuilder(IServiceScopeFactory scopes, ISearchIndex index, RebuildProgress progress, TimeProvider clock, Audience audience = Audience.Public) : IDisposable
{
    public void Dispose() => _one.Dispose();

    private readonly SemaphoreSlim _one = new(1, 1);
    private int _started;

    /// <summary>
    /// Starts a rebuild in the background unless one is running (the manager's button; a second click reports the first).
    /// Failures are kept in <see cref="RebuildProgress"/> as <c>failed</c>, which the manager shows.
    /// </summary>
    public void Start(CancellationToken stopping)
    {
        if (Interlocked.CompareExchange(ref _started, 1, 0) != 0)
        {
            return;
        }
        // Marked running before the task is scheduled, so the answer to the click already says so.
        progress.Start(clock.GetUtcNow());
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(stopping);
            }
#pragma warning disable CA1031 // Reported through RebuildProgress (state failed), which the manager polls.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                Interlocked.Exchange(ref _started, 0);
            }
        }, CancellationToken.None);
    }

    /// <summary>
    /// Reports a rebuild that runs once the host has started as under way from now: the outbox dispatchers start at that
    /// same moment, and the events they find waiting (the demo seed's) are ones this rebuild will read.
    /// </summary>
    public void Announce() => progress.Start(clock.GetUtcNow());

    /// <summary>Carries the opened index's mark of its last completed rebuild into <see cref="RebuildProgress"/>.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken) => progress.Resume(await index.RebuiltFromAsync(cancellationToken));

    public async Task<int> RunAsync(CancellationToken cancellationToken, Action<int>? report = null)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            progress.Start(clock.GetUtcNow());
            await using var scope = scopes.CreateAsyncScope();
            var feed = scope.ServiceProvider.GetRequiredService<SearchFeed>();
            var count = 0;
            await index.RebuildAsync(feed.AllAsync(cancellationToken, audience), new Progress<int>(n =>
            {
                count = n;
                progress.Report(n);
                report?.Invoke(n);
            }), cancellationToken);
            count = (int)await index.CountAsync(cancellationToken);
            progress.Report(count);
            progress.Finish(true, clock.GetUtcNow());
            return count;
        }
        catch
        {
            progress.Finish(false, clock.GetUtcNow());
            throw;
        }
        finally
        {
            _one.Release();
        }
    }
}

/// <summary>Ready when both indexes are open and answer a count; reports the documents and any rebuild under way.</summary>
internal sealed class SearchReadiness(SearchStartup startup, ISearchIndex index, RebuildProgress progress,
    [FromKeyedServices(Audience.Editors)] ISearchIndex editorsIndex, [FromKeyedServices(Audience.Editors)] RebuildProgress editorsProgress) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!startup.Opened)
        {
            return HealthCheckResult.Unhealthy("opening the index");
        }
        try
        {
            var count = await index.CountAsync(cancellationToken);
            var rebuild = progress.State == "running" ? $", rebuilding ({progress.Indexed} indexed)" : "";
            var editors = await editorsIndex.CountAsync(cancellationToken);
            var editorsRebuild = editorsProgress.State == "running" ? $", rebuilding ({editorsProgress.Indexed} indexed)" : "";
            return HealthCheckResult.Healthy($"{count} documents{rebuild}; editors' index {editors} documents{editorsRebuild}");
        }
#pragma warning disable CA1031 // Any failure to reach the index is "not ready", reported, not thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("index unreachable", ex);
        }
    }
}
