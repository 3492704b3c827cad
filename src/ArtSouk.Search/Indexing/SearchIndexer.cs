using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Kernel.Outbox;

namespace ArtSouk.Search.Indexing;

/// <summary>
/// Keeps the index current from the CMS outbox: a publish indexes what is live now, an unpublish or delete removes what
/// is no longer live. Idempotent by construction: it always writes the entry's current live state, never the event's.
/// </summary>
internal sealed class SearchIndexer(ISearchIndex index, SearchFeed feed, RebuildProgress rebuild) : IOutboxHandler
{
    /// <summary>Commerce's event when what buyers see of a listing changes (price, availability, stock), from its own outbox.</summary>
    public const string ListingChanged = "commerce.listing.changed";

    private static readonly string[] Handled = [ContentEvents.Published, ContentEvents.Unpublished, ContentEvents.Deleted, ContentEvents.ReviewApproved, ListingChanged];

    public string Name => "search";

    public bool Accepts(string eventType) => Handled.Contains(eventType);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (rebuild.Covers(message.OccurredAt))
        {
            return;
        }
        if (JsonNode.Parse(message.Payload)?["id"]?.GetValue<Guid>() is not { } id)
        {
            return;
        }
        var documents = await feed.LoadAsync([id], cancellationToken);
        if (documents.Count == 0)
        {
            await index.DeleteAsync(id, cancellationToken);
        }
        else
        {
            await index.UpsertAsync(documents, cancellationToken);
        }
        if (message.Type == ListingChanged)
        {
            // A price or availability is the entry's own: nothing that refers to it shows it.
            return;
        }
        // An artist's artworks (and whatever else names it) carry its name: a rename, unpublish or delete reaches them.
        foreach (var chunk in (await feed.ReferrersAsync(id, cancellationToken)).Chunk(100))
        {
            var referrers = await feed.LoadAsync(chunk, cancellationToken);
            if (referrers.Count > 0)
            {
                await index.UpsertAsync(referrers, cancellationToken);
            }
        }
    }
}
