using System.Text.Json.Nodes;
using ArtSouk.Cms.Audit;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Audit;
using ArtSouk.Kernel.Localization;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Publishing;

/// <summary>The recurring job that carries out <c>publishAt</c>/<c>unpublishAt</c>; idempotent, so overlapping runs are harmless.</summary>
public sealed class ScheduledPublishing
{
    public const string JobId = "cms.scheduled-publishing";

    private readonly CmsDbContext _db;
    private readonly ContentTypeRegistry _types;
    private readonly TimeProvider _clock;
    private readonly Publisher _publisher;
    private readonly EntryChanges _changes;
    private readonly AuditTrail _audit;

    internal ScheduledPublishing(CmsDbContext db, ContentTypeRegistry types, TimeProvider clock, Publisher publisher, EntryChanges changes, AuditTrail audit)
    {
        _db = db;
        _types = types;
        _clock = clock;
        _publisher = publisher;
        _changes = changes;
        _audit = audit;
        _audit.ActAs(AuditActor.System("scheduler"));
    }

    public Task<int> RunAsync(CancellationToken cancellationToken) => RunDueAsync(_clock.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Runs the schedules due at <paramref name="now"/>. Each entry is claimed with a conditional update inside its own
    /// transaction, so overlapping runs (two nodes, a retry after a crash) act on a schedule exactly once; what is not
    /// yet done stays due.
    /// </summary>
    internal async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = await _db.Entries.AsNoTracking().Where(e => e.DeletedAt == null && (e.PublishAt <= now || e.UnpublishAt <= now))
            .Select(e => new { e.Id, e.PublishAt, e.UnpublishAt }).ToListAsync(ct);
        var done = 0;
        foreach (var item in due)
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(ct);
            var publishDue = item.PublishAt <= now && await _db.Entries
                .Where(e => e.Id == item.Id && e.PublishAt == item.PublishAt)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.PublishAt, (DateTimeOffset?)null), ct) == 1;
            var unpublishDue = item.UnpublishAt <= now && await _db.Entries
                .Where(e => e.Id == item.Id && e.UnpublishAt == item.UnpublishAt)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.UnpublishAt, (DateTimeOffset?)null), ct) == 1;
            if (!publishDue && !unpublishDue)
            {
                continue;
            }
            var entry = await _db.Entries.SingleAsync(e => e.Id == item.Id, ct);
            if (_types.Find(entry.Type) is { } type)
            {
                await RunAsync(type, entry, item.PublishAt, publishDue, unpublishDue, now, ct);
            }
            await _db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            _db.ChangeTracker.Clear();
            await _changes.AnnounceAsync();
            done++;
        }
        return done;
    }

    private async Task RunAsync(ContentType type, Entry entry, DateTimeOffset? publishAt, bool publishDue, bool unpublishDue, DateTimeOffset now, CancellationToken ct)
    {
        entry.PublishAt = publishDue ? null : entry.PublishAt;
        entry.UnpublishAt = unpublishDue ? null : entry.UnpublishAt;
        if (publishDue)
        {
            // The version current when the editor scheduled; entries scheduled before versions were recorded take the latest.
            var number = entry.ScheduledVersion ?? entry.Version;
            entry.ScheduledVersion = null;
            var scheduled = await _db.Versions.AsNoTracking().SingleAsync(v => v.EntryId == entry.Id && v.Number == number, ct);
            var slugs = await _db.Versions.AsNoTracking().Where(v => v.EntryId == entry.Id && v.Number == entry.Version).Select(v => v.Slugs).SingleAsync(ct);
            try
            {
                await _publisher.PublishAsync(type, entry, scheduled, JsonNode.Parse(scheduled.Fields)!.AsObject(),
                    JsonNode.Parse(slugs)!.AsObject(), Split(entry.PublishLocales), Locales.English, ct);
                entry.ScheduleFailedAt = null;
                entry.ScheduleFailure = null;
            }
            catch (EditRejected rejected)
            {
                // Never dropped silently: the entry keeps what it had, the failure is shown to editors and announced.
                entry.ScheduleFailedAt = now;
                entry.ScheduleFailure = Clip($"publishAt {publishAt:u}, version {number}: {rejected.DetailIn(Locales.English)}");
                _changes.Raise(entry, ContentEvents.ScheduleFailed, Split(entry.PublishLocales),
                    new { publishAt, version = number, reason = rejected.DetailIn(Locales.English), errors = rejected.Errors });
                _audit.Record(AuditActions.ScheduleFailed, type.Name, entry.Id.ToString(), [new AuditChange("scheduleFailure", null, null, entry.ScheduleFailure)]);
            }
        }
        if (unpublishDue)
        {
            await _publisher.UnpublishAsync(type, entry, Split(entry.UnpublishLocales), ct);
        }
    }

    private static string Clip(string text) => text.Length > 2000 ? text[..2000] : text;

    private static string[] Split(string locales) => locales.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
