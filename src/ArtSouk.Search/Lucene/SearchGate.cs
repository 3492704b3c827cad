namespace ArtSouk.Search.Lucene;

/// <summary>
/// How many searches are computed at once: as many as there are cores, the others waiting their turn first in, first
/// out. A search is CPU work of about a millisecond; with more of them running than cores, the kernel time-slices them
/// and a search preempted midway waits for the others' slices, and every running thread must be brought to a safe
/// point at each collection. Waiting here costs no thread: the waiter is a continuation, resumed in arrival order
/// (<see cref="SemaphoreSlim.WaitAsync(CancellationToken)"/> hands a released slot to its oldest waiter, so a newcomer
/// never overtakes the queue), and a caller that gives up (its request aborted) leaves the queue.
/// </summary>
internal sealed class SearchGate(int width) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(width, width);

    public int Width => width;

    /// <summary>A gate as wide as the machine has cores: what the adapter uses unless told otherwise.</summary>
    public static SearchGate OnePerCore() => new(Environment.ProcessorCount);

    /// <summary>Runs <paramref name="compute"/> once a slot is free, in the order callers arrived.</summary>
    public async Task<T> RunAsync<T>(Func<T> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(compute);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return compute();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
