using ArtSouk.Search.Lucene;

namespace ArtSouk.Search.Tests.Adapters;

public sealed class SearchGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A gate of one slot, held by a search on a thread of its own until <see cref="Release"/>.</summary>
    private sealed class HeldGate : IDisposable
    {
        private readonly ManualResetEventSlim _release = new();

        public HeldGate()
        {
            using var held = new ManualResetEventSlim();
            Holder = Task.Run(() => Gate.RunAsync(() =>
            {
                held.Set();
                _release.Wait(Patience);
                return -1;
            }, TestContext.Current.CancellationToken));
            Assert.True(held.Wait(Patience));
        }

        public SearchGate Gate { get; } = new(1);

        /// <summary>The holding search: -1 once released.</summary>
        public Task<int> Holder { get; }

        public void Release() => _release.Set();

        public void Dispose()
        {
            _release.Set();
            _release.Dispose();
            Gate.Dispose();
        }
    }

    [Fact]
    public async Task Waiting_searches_are_computed_in_the_order_they_arrived()
    {
        using var held = new HeldGate();
        var gate = held.Gate;

        var order = new List<int>();
        var waiting = Enumerable.Range(0, 200).Select(n => gate.RunAsync(() =>
        {
            lock (order)
            {
                order.Add(n);
            }
            return n;
        }, TestContext.Current.CancellationToken)).ToList();
        Assert.Empty(order);
        held.Release();

        Assert.Equal(-1, await held.Holder);
        Assert.Equal(Enumerable.Range(0, 200), await Task.WhenAll(waiting));
        Assert.Equal(Enumerable.Range(0, 200), order);
    }

    [Fact]
    public async Task No_more_searches_than_its_width_are_computed_at_once_and_that_many_are()
    {
        using var gate = new SearchGate(2);
        var (running, most) = (0, 0);
        var callers = Enumerable.Range(0, 40).Select(_ => Task.Run(() => gate.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return now;
        }, TestContext.Current.CancellationToken))).ToList();

        var seen = await Task.WhenAll(callers);

        Assert.Equal(2, most);
        Assert.All(seen, n => Assert.InRange(n, 1, 2));
        Assert.Equal(40, seen.Length);
    }

    [Fact]
    public async Task A_caller_that_gives_up_leaves_the_queue_and_the_next_one_is_served()
    {
        using var held = new HeldGate();
        var gate = held.Gate;

        using var giveUp = new CancellationTokenSource();
        var abandonedRan = false;
        var abandoned = gate.RunAsync(() => abandonedRan = true, giveUp.Token);
        var next = gate.RunAsync(() => "served", TestContext.Current.CancellationToken);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        held.Release();

        Assert.Equal("served", await next);
        await held.Holder;
        Assert.False(abandonedRan);
    }

    [Fact]
    public async Task A_search_that_fails_gives_its_slot_back()
    {
        using var gate = new SearchGate(1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>(() => throw new InvalidOperationException("broken query"), TestContext.Current.CancellationToken));

        Assert.Equal(7, await gate.RunAsync(() => 7, TestContext.Current.CancellationToken).WaitAsync(Patience, TestContext.Current.CancellationToken));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
