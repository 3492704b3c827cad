using System.Text.Json.Nodes;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Kernel.Delivery;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Listings;

/// <summary>Writes <c>listing: { price: { amount, currency }, availability, stock }</c> on Delivery items of listed entries.</summary>
internal sealed class ListingInDelivery(CommerceDbContext db, TimeProvider clock) : IDeliveryItemExtension
{
    public string PropertyName => "listing";

    public async Task<IReadOnlyDictionary<Guid, JsonNode>> ValuesAsync(IReadOnlyCollection<Guid> entryIds, CancellationToken cancellationToken)
    {
        var listings = await db.Listings.AsNoTracking().Where(l => entryIds.Contains(l.EntryId)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return listings.ToDictionary(l => l.EntryId, l => (JsonNode)new JsonObject
        {
            ["price"] = new JsonObject { ["amount"] = l.Price.Amount, ["currency"] = l.Currency },
            ["availability"] = l.Shown(now),
            ["stock"] = l.Free(now),
        });
    }
}

/// <summary>
/// Empties the response caches that show listings (the Delivery API's and the site's, when they run in this host) after
/// a change buyers see, as a committed content change does.
/// </summary>
internal sealed class DeliveryEviction(IEnumerable<Kernel.Caching.IContentCache> caches)
{
    public void Evict()
    {
        foreach (var cache in caches)
        {
            cache.Clear();
        }
    }
}
