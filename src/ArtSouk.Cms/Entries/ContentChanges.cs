namespace ArtSouk.Cms.Entries;

/// <summary>What happened to an entry; raised after the change is committed.</summary>
public sealed record ContentChange(Guid EntryId, string Type, string Kind, IReadOnlyList<string> Locales);

/// <summary>
/// Called synchronously after a content change commits, for in-process state that must be right on the very next
/// request (the Delivery cache). Durable side effects (index, webhooks) go through the outbox instead.
/// </summary>
public interface IContentChangeObserver
{
    Task ContentChangedAsync(ContentChange change, CancellationToken cancellationToken);
}

/// <summary>Outbox event types the CMS raises.</summary>
public static class ContentEvents
{
    public const string Created = "entry.created";
    public const string Updated = "entry.updated";
    public const string Published = "entry.published";
    public const string Unpublished = "entry.unpublished";
    public const string Deleted = "entry.deleted";
    public const string ReviewRequested = "entry.review_requested";
    public const string ReviewApproved = "entry.review_approved";
    public const string ReviewRejected = "entry.review_rejected";
    public const string ScheduleFailed = "entry.schedule_failed";

    public static IReadOnlyList<string> All { get; } =
        [Created, Updated, Published, Unpublished, Deleted, ReviewRequested, ReviewApproved, ReviewRejected, ScheduleFailed];
}

/// <summary>
/// Any committed content change empties every cache of responses built from content (the Delivery API's, the site's
/// pages), so the very next request sees it.
/// </summary>
internal sealed class ContentCacheEviction(IEnumerable<Kernel.Caching.IContentCache> caches) : IContentChangeObserver
{
    public Task ContentChangedAsync(ContentChange change, CancellationToken cancellationToken)
    {
        foreach (var cache in caches)
        {
            cache.Clear();
        }
        return Task.CompletedTask;
    }
}
