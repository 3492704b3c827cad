using System.Text.Json;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Outbox;

namespace ArtSouk.Cms.Media;

/// <summary>
/// Outbox events about media assets, written in the same transaction as the edit or delete (like entry events), so a
/// CDN purge or a mirror never misses one and never hears of one that did not happen. Webhooks may subscribe to them.
/// </summary>
public static class MediaEvents
{
    public const string Updated = "media.updated";
    public const string Deleted = "media.deleted";

    public static IReadOnlyList<string> All { get; } = [Updated, Deleted];

    /// <summary>Adds the event to the outbox of <paramref name="db"/>; saved by the caller's <c>SaveChangesAsync</c>.</summary>
    internal static void Raise(CmsDbContext db, TimeProvider clock, string kind, MediaAsset asset, IReadOnlyList<string>? changed = null) =>
        db.Outbox.Add(new OutboxMessage
        {
            Type = kind,
            Key = asset.Id.ToString(),
            Payload = JsonSerializer.Serialize(new { id = asset.Id, type = "media", fileName = asset.FileName, changed = changed ?? [] }, JsonText.Options),
            OccurredAt = clock.GetUtcNow(),
        });
}
