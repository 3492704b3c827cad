using System.Security.Claims;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Management;

/// <summary>
/// An entry as editors' lists see it, for other modules (the editors' search index): its states, and the access keys
/// an account's <see cref="EditorialStatuses.KeysOf"/> must share with it to see it.
/// </summary>
/// <param name="States">
/// Any of <c>draft</c> (live in no locale) or <c>published</c> (live in some), <c>scheduled</c>, <c>in_review</c>,
/// <c>rejected</c>, <c>schedule_failed</c>: the list API's <c>status</c> values, most pressing first.
/// </param>
/// <param name="AccessKeys"><c>type:{type}</c>, and <c>{type}:{owner}</c> for each account profile that owns the entry.</param>
public sealed record EntryStatus(Guid Id, string Type, IReadOnlyList<string> States, IReadOnlyList<string> AccessKeys);

/// <summary>
/// Reads <see cref="EntryStatus"/>es with the rules the manage API lists by (<see cref="EditorialRights"/>): what "draft"
/// or "scheduled" means and who owns an artwork are the CMS's to say, so another module never repeats them.
/// </summary>
public sealed class EntryStatuses
{
    /// <summary>The list API's <c>status</c> values, in the order they are shown.</summary>
    public static IReadOnlyList<string> All { get; } = [ReviewStates.InReview, ReviewStates.Rejected, "schedule_failed", "scheduled", "published", "draft"];

    private readonly CmsDbContext _db;

    internal EntryStatuses(CmsDbContext db) => _db = db;

    /// <summary>The entries among <paramref name="ids"/> that exist and are not in the trash.</summary>
    public async Task<IReadOnlyDictionary<Guid, EntryStatus>> ReadAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<Guid, EntryStatus>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var entries = await _db.Entries.AsNoTracking().Where(e => chunk.Contains(e.Id) && e.DeletedAt == null)
                .Join(_db.Versions, e => new { e.Id, e.Version }, v => new { Id = v.EntryId, Version = v.Number }, (e, v) => new { Entry = e, v.Fields })
                .ToListAsync(ct);
            var live = (await _db.Publications.AsNoTracking().Where(p => chunk.Contains(p.EntryId)).Select(p => p.EntryId).ToListAsync(ct)).ToHashSet();
            foreach (var row in entries)
            {
                var e = row.Entry;
                var states = new List<string>();
                if (e.ReviewState is ReviewStates.InReview or ReviewStates.Rejected)
                {
                    states.Add(e.ReviewState);
                }
                if (e.ScheduleFailedAt is not null)
                {
                    states.Add("schedule_failed");
                }
                if (e.PublishAt is not null || e.UnpublishAt is not null)
                {
                    states.Add("scheduled");
                }
                states.Add(live.Contains(e.Id) ? "published" : "draft");
                found[e.Id] = new EntryStatus(e.Id, e.Type, states, AccessKeysOf(e.Type, e.Id, JsonNode.Parse(row.Fields) as JsonObject));
            }
        }
        return found;
    }

    /// <summary>
    /// The keys of the entries <paramref name="user"/> may see among <paramref name="types"/>, as the manage list shows
    /// them: a whole type for those who publish it, an artist's or gallery's own entry and the artworks that reference it.
    /// An entry is visible when it shares one key with this list; an empty list sees nothing.
    /// </summary>
    public static IReadOnlyList<string> KeysOf(ClaimsPrincipal user, IEnumerable<string> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var rights = EditorialRights.Of(user);
        var keys = new List<string>();
        foreach (var type in types)
        {
            if (rights.MayPublishType(type))
            {
                keys.Add(TypeKey(type));
            }
            else if (rights.MayAccessType(type) && rights.Profile is { } profile)
            {
                keys.Add(OwnerKey(type, profile));
            }
        }
        return keys;
    }

    /// <summary>Whether <paramref name="user"/> may see some entries of <paramref name="type"/> in editors' lists.</summary>
    public static bool MayList(ClaimsPrincipal user, string type) => EditorialRights.Of(user).MayAccessType(type);

    private static List<string> AccessKeysOf(string type, Guid id, JsonObject? fields)
    {
        List<string> keys = [TypeKey(type)];
        if (type is "artist" or "gallery")
        {
            keys.Add(OwnerKey(type, id));
        }
        else if (type == EditorialRights.OwnedType && fields is not null)
        {
            // EditorialRights.Owns: the artwork's artist or gallery field names the account's profile.
            foreach (var field in new[] { "artist", "gallery" })
            {
                if (fields[field] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var owner))
                {
                    keys.Add(OwnerKey(type, owner));
                }
            }
        }
        return keys;
    }

    private static string TypeKey(string type) => $"type:{type}";

    private static string OwnerKey(string type, Guid owner) => $"{type}:{owner:N}";
}
