namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>
/// Runs operations on the thread pool and releases them together once every one has started, so they overlap
/// instead of running one after another as awaited calls in a loop would.
/// </summary>
public static class Race
{
    public static async Task<T[]> AllAsync<T>(int runners, Func<int, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var started = 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, runners).Select(i => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref started) == runners)
            {
                go.SetResult();
            }
            await go.Task;
            return await run(i);
        }));
        return await Task.WhenAll(tasks);
    }

    public static Task AllAsync(int runners, Func<int, Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AllAsync(runners, async i =>
        {
            await run(i);
            return true;
        });
    }
}
