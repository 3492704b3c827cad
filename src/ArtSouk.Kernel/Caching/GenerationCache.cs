using System.Collections.Concurrent;

namespace ArtSouk.Kernel.Caching;

/// <summary>A cache of responses built from content: emptied whenever committed content changes.</summary>
public interface IContentCache
{
    /// <summary>Forgets everything; values computed before this call are no longer stored either.</summary>
    void Clear();
}

/// <summary>
/// Ready-to-send responses by key, emptied by <see cref="Clear"/> (any committed content change). A request takes a
/// <see cref="Ticket"/> before it reads content; a value computed while a change committed carries an old ticket and is
/// not stored, so a publish shows on the very next request. Bounded the simple way: a full cache starts over rather than
/// tracking what was used least.
/// </summary>
public sealed class GenerationCache<T> : IContentCache where T : class
{
    private readonly long _sizeLimit;
    private readonly long _lifetimeMs;
    private readonly ConcurrentDictionary<string, Stored> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Stored>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly Lock _gate = new();
    private long _generation;
    private long _bytes;

    public GenerationCache(long sizeLimit, TimeSpan lifetime)
    {
        _sizeLimit = sizeLimit;
        _lifetimeMs = (long)lifetime.TotalMilliseconds;
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The generation a request reads content in; pass it back to <see cref="Store"/>.</summary>
    public long Ticket() => Volatile.Read(ref _generation);

    /// <summary>The current value under <paramref name="key"/>; null when there is none, or it is stale or expired.</summary>
    public T? Find(string key) => Current(_entries.GetValueOrDefault(key));

    /// <summary>As <see cref="Find(string)"/>, for a key assembled without allocating.</summary>
    public T? Find(ReadOnlySpan<char> key) => Current(_bySpan.TryGetValue(key, out var stored) ? stored : null);

    /// <summary>Stores <paramref name="value"/> (about <paramref name="size"/> bytes) unless content changed since <paramref name="ticket"/>.</summary>
    public void Store(string key, long ticket, T value, long size)
    {
        ArgumentNullException.ThrowIfNull(key);
        size += key.Length * 2L + 256;
        lock (_gate)
        {
            if (ticket != _generation)
            {
                return;
            }
            if (_bytes + size > _sizeLimit)
            {
                _entries.Clear();
                _bytes = 0;
            }
            if (_entries.TryGetValue(key, out var old))
            {
                _bytes -= old.Size;
            }
            _entries[key] = new Stored(value, ticket, Environment.TickCount64 + _lifetimeMs, size);
            _bytes += size;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _generation++;
            _entries.Clear();
            _bytes = 0;
        }
    }

    private T? Current(Stored? stored) =>
        stored is not null && stored.Generation == Volatile.Read(ref _generation) && Environment.TickCount64 <= stored.ExpiresAt ? stored.Value : null;

    private sealed record Stored(T Value, long Generation, long ExpiresAt, long Size);
}
