using System.Text.Json;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Outbox;

namespace ArtSouk.Cms.Entries;

/// <summary>
/// What one unit of work did to entries: each change is written to the outbox inside its transaction, and announced
/// to in-process observers (the output cache) only after the transaction commits.
/// </summary>
internal sealed class EntryChanges(CmsDbContext db, TimeProvider clock, OutboxSignal outboxSignal, IEnumerable<IContentChangeObserver> observers)
{
    private readonly List<ContentChange> _pending = [];

    /// <summary><paramref name="details"/> (a review's comment, a schedule's failure) travels in the payload for receivers.</summary>
    public void Raise(Entry entry, string kind, IReadOnlyList<string> locales, object? details = null)
    {
        db.Outbox.Add(new OutboxMessage
        {
            Type = kind,
            Key = entry.Id.ToString(),
            Payload = details is null
                ? JsonSerializer.Serialize(new { id = entry.Id, type = entry.Type, version = entry.Version, locales }, JsonText.Options)
                : JsonSerializer.Serialize(new { id = entry.Id, type = entry.Type, version = entry.Version, locales, details }, JsonText.Options),
            OccurredAt = clock.GetUtcNow(),
        });
        _pending.Add(new ContentChange(entry.Id, entry.Type, kind, locales));
    }

    /// <summary>Call after the commit: wakes the outbox dispatcher and tells the observers.</summary>
    public async Task AnnounceAsync()
    {
        if (_pending.Count == 0)
        {
            return;
        }
        var changes = _pending.ToList();
        _pending.Clear();
        outboxSignal.Notify();
        foreach (var observer in observers)
        {
            foreach (var change in changes)
            {
                await observer.ContentChangedAsync(change, CancellationToken.None);
            }
        }
    }

    /// <summary>Forgets changes of a unit of work that was rolled back.</summary>
    public void Discard() => _pending.Clear();
}
