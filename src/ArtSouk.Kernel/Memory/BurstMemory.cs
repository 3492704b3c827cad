namespace ArtSouk.Kernel.Memory;

/// <summary>
/// Hands back what a one-off burst of work (the demo seed, a drained outbox backlog) made the process hold: the collector
/// grows its budgets during a burst and an idle server seldom collects again, so the process would keep its peak. Costs a
/// blocking full collection: call it when a burst is over, not on a request's path.
/// </summary>
/// <remarks>
/// It does not also return the C allocator's free memory (glibc's <c>malloc_trim</c>, ~50 MiB after the seed): that call
/// holds each arena's lock while it releases every free page, and in a large process (the test suites' hosts share one)
/// it stalled every thread that allocated natively, requests included, for a minute.
/// </remarks>
public static class BurstMemory
{
    public static void GiveBack() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
