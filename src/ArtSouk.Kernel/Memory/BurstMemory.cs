using System.Runtime.InteropServices;

namespace ArtSouk.Kernel.Memory;

/// <summary>
/// Hands back what a one-off burst of work (the demo seed, a drained outbox backlog) made the process hold. The collector
/// grows its budgets during a burst and an idle server seldom collects again; and what image work (libvips) and SQLite
/// allocated outside the managed heap stays in glibc's arenas after it is freed. Either way the process would keep its
/// peak. Costs a blocking full collection: call it when a burst is over, not on a request's path.
/// </summary>
public static class BurstMemory
{
    public static void GiveBack()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    /// <summary>Returns the C allocator's free memory to the system where that allocator is glibc's; elsewhere does nothing.</summary>
    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // musl (Alpine) has no malloc_trim; its allocator returns freed memory by itself.
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
