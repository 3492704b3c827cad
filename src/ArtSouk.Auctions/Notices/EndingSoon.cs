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
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var soonMs = nowMs + (long)options.Value.EndingSoonLead.TotalMilliseconds;
        var watched = await db.Watches.AsNoTracking()
            .Join(db.Lots.AsNoTracking().Where(l => l.State == LotStates.Open && l.EndsAtMs > nowMs && l.EndsAtMs <= soonMs && l.OpensAtMs <= nowMs),
                w => w.LotId, l => l.Id, (w, l) => new { w.LotId, w.UserId, l.PriceMinor })
            .OrderBy(w => w.LotId).ThenBy(w => w.UserId).Take(1000).ToListAsync(ct);
        if (watched.Count == 0)
        {
            return 0;
        }
        var ids = watched.ToDictionary(w => BidderNotices.EndingSoonId(w.LotId, w.UserId));
        var keys = ids.Keys.ToList();
        var told = (await db.Outbox.AsNoTracking().Where(m => keys.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct)).ToHashSet();
        var added = 0;
        foreach (var (id, w) in ids.Where(p => !told.Contains(p.Key)))
        {
            BidderNotices.Add(db, NoticeTypes.EndingSoon, new Notice(w.LotId, w.UserId, w.PriceMinor), now, id);
            added++;
        }
        if (added == 0)
        {
            return 0;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Another node wrote these notices first; the next run adds any it did not.
            db.ChangeTracker.Clear();
            return 0;
        }
        signal.Notify();
        return added;
    }
}
