using System.Text.Json.Nodes;
using ArtSouk.Cms.Entries;
using ArtSouk.Kernel.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Search.Indexing;

/// <summary>
/// Which index: the public one (what is published, for the site and <c>GET /api/v1/search</c>) or the editors' (the
/// latest version of every entry not in the trash, with its states, for the manager). Also the key each index, its
/// rebuilder and its progress are registered under; the public ones are the unkeyed services.
/// </summary>
public enum Audience
{
    Public,
    Editors,
}

/// <summary>
/// Keeps the editors' index current from the CMS outbox: every save, review, schedule, publish, unpublish or delete
/// writes the entry's latest version and states as they are now (or removes an entry gone to the trash), so a
/// redelivered or late event never writes anything stale.
/// </summary>
internal sealed class EditorsIndexer(
    [FromKeyedServices(Audience.Editors)] ISearchIndex index, SearchFeed feed, [FromKeyedServices(Audience.Editors)] RebuildProgress rebuild) : IOutboxHandler
{
    public string Name => "search-editors";

    public bool Accepts(string eventType) => ContentEvents.All.Contains(eventType);

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (rebuild.Covers(message.OccurredAt) || JsonNode.Parse(message.Payload)?["id"]?.GetValue<Guid>() is not { } id)
        {
            return;
        }
        var documents = await feed.LoadAsync([id], Audience.Editors, cancellationToken);
        if (documents.Count == 0)
        {
            await index.DeleteAsync(id, cancellationToken);
        }
        else
        {
            await index.UpsertAsync(documents, cancellationToken);
        }
        // The entries that name this one (an artist's artworks) carry its latest name.
        if (message.Type is ContentEvents.Updated or ContentEvents.Deleted or ContentEvents.Created)
        {
            foreach (var chunk in (await feed.ReferrersAsync(id, cancellationToken, Audience.Editors)).Chunk(100))
            {
                var referrers = await feed.LoadAsync(chunk, Audience.Editors, cancellationToken);
                if (referrers.Count > 0)
                {
                    await index.UpsertAsync(referrers, cancellationToken);
                }
            }
        }
    }
}
