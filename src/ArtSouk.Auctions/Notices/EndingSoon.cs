using ArtSouk.Auctions.Lots;
using ArtSouk.Auctions.Persistence;
using ArtSouk.Kernel.Outbox;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ArtSouk.Auctions.Notices;

/// <summary>
/// Tells the watchers of an open lot once that it closes within <see cref="AuctionsOptions.EndingSoonLead"/>. Run
/// beside the closer on every node: each notice's id is fixed by lot and watcher, so a second node's insert of the
/// same notice fails on the outbox's unique id instead of mailing twice.
/// </summary>
internal sealed class EndingSoon(AuctionsDbContext db, OutboxSignal signal, TimeProvider clock, IOptions<AuctionsOptions> options)
{
    /// <summary>How many watchers one read takes; a run reads page after page until every watcher due is told.</summary>
    internal const int PageSize = 1000;

    /// <summary>Writes the notices not written yet; returns how many this run wrote.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var soonMs = nowMs + (long)options.Value.EndingSoonLead.TotalMilliseconds;
        var due = db.Watches.AsNoTracking()
            .Join(db.Lots.AsNoTracking().Where(l => l.State == LotStates.Open && l.EndsAtMs > nowMs && l.EndsAtMs <= soonMs && l.OpensAtMs <= nowMs),
                w => w.LotId, l => l.Id, (w, l) => new { w.LotId, w.UserId, l.PriceMinor })
            .OrderBy(w => w.LotId).ThenBy(w => w.UserId);
        var added = 0;
        for (var page = 0; ; page++)
        {
            // Already-told watchers are skipped page by page (a notice's id is derived from lot and watcher, so it cannot
            // be filtered out in the query): stopping at the first page of told ones would never reach the rest.
            var watched = await due.Skip(page * PageSize).Take(PageSize).ToListAsync(ct);
            if (watched.Count == 0)
            {
                // Most ticks find no lot due: no outbox read for them.
                break;
            }
            var ids = watched.ToDictionary(w => BidderNotices.EndingSoonId(w.LotId, w.UserId));
            var keys = ids.Keys.ToList();
            var told = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
            var fresh = ids.Where(p => !told.Contains(p.Key)).ToList();
            foreach (var (id, w) in fresh)
            {
                BidderNotices.Add(db, NoticeTypes.EndingSoon, new Notice(w.LotId, w.UserId, w.PriceMinor), now, id);
            }
            if (fresh.Count > 0)
            {
                try
                {
                    await db.SaveChangesAsync(ct);
                    added += fresh.Count;
                }
                catch (DbUpdateException ex) when (ex.IsUniqueViolation())
                {
                    // Another node is writing these notices too; the next run adds any that neither wrote.
                    db.ChangeTracker.Clear();
                    break;
                }
                db.ChangeTracker.Clear();
            }
            if (watched.Count < PageSize)
            {
                break;
            }
        }
        if (added > 0)
        {
            signal.Notify();
        }
        return added;
    }
}
