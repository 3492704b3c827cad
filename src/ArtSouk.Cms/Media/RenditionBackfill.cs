using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Reading;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Cms.Media;

/// <summary>
/// Gives assets stored before renditions existed their WebP renditions, from the original file, and rewrites the
/// read-model rows that show them. Runs once in the background after start-up; a store without such assets costs one query.
/// </summary>
internal sealed partial class RenditionBackfill(
    CmsDbContext db, SqlDialect dialect, MediaLibrary library, IEnumerable<IContentChangeObserver> observers, ILogger<RenditionBackfill> logger)
{
    // A few at a time: each original is read whole, and the unit of work stays small.
    private const int Batch = 8;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var done = 0;
        var skipped = new HashSet<Guid>();
        while (true)
        {
            var assets = await db.Media.Where(m => m.Renditions == null && !skipped.Contains(m.Id)).OrderBy(m => m.Id).Take(Batch).ToListAsync(ct);
            if (assets.Count == 0)
            {
                break;
            }
            var rows = new List<DeliveryItem>();
            foreach (var asset in assets)
            {
                try
                {
                    await library.AddRenditionsAsync(asset, ct);
                }
                catch (Exception ex) when (ex is MediaRejected or IOException)
                {
                    // A missing or undecodable original keeps no renditions; the next start tries again.
                    LogSkipped(logger, asset.Id, ex.Message);
                    skipped.Add(asset.Id);
                    continue;
                }
                var showing = await MediaUsage.RowsAsync(db, dialect, asset.Id, ct);
                DeliveredMedia.Rewrite(showing, asset);
                rows.AddRange(showing);
                done++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await DeliveredMedia.AnnounceAsync(rows, observers);
        }
        if (done > 0)
        {
            LogDone(logger, done);
        }
        return done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made WebP renditions for {Count} media assets stored before renditions existed")]
    private static partial void LogDone(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No renditions for media {Id}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, Guid id, string reason);
}
