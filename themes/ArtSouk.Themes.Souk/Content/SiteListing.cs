using System.Globalization;
using System.Text.Json.Nodes;
using ArtSouk.Kernel.Delivery;

namespace ArtSouk.Themes.Souk.Content;

/// <summary>What commerce says about an entry for sale, as the Delivery API's <c>listing</c> property carries it.</summary>
public sealed record SiteListing(decimal Amount, string Currency, string Availability, int Stock)
{
    public const string Available = "available";
    public const string Reserved = "reserved";
    public const string Sold = "sold";
    public const string AtAuction = "at_auction";

    /// <summary>A price is shown while the work can be bought or is held by a checkout; sold and withdrawn works show their state only.</summary>
    public bool ShowsPrice => Availability is Available or Reserved;

    public bool CanBuy => Availability == Available && Stock > 0;

    public static SiteListing? Of(JsonNode? node)
    {
        if (node is not JsonObject listing || listing["price"] is not JsonObject price
            || price["amount"] is not JsonValue amount || !amount.TryGetValue<decimal>(out var value))
        {
            return null;
        }
        var currency = price["currency"] is JsonValue c && c.TryGetValue<string>(out var code) ? code : "SAR";
        var availability = listing["availability"] is JsonValue a && a.TryGetValue<string>(out var state) ? state : Available;
        var stock = listing["stock"] is JsonValue s && s.TryGetValue<int>(out var units) ? units : 0;
        return new SiteListing(value, currency.ToUpper(CultureInfo.InvariantCulture), availability, stock);
    }
}

/// <summary>
/// Reads listings through the Delivery item extension commerce registers (the site never references commerce): one call
/// per page for every work shown on it. Without commerce in the host, nothing is for sale.
/// </summary>
internal sealed class SiteListings(IEnumerable<IDeliveryItemExtension> extensions)
{
    private readonly IDeliveryItemExtension? _listing = extensions.FirstOrDefault(e => e.PropertyName == "listing");

    public async Task<IReadOnlyDictionary<Guid, SiteListing>> ForAsync(IReadOnlyCollection<Guid> entryIds, CancellationToken ct)
    {
        if (_listing is null || entryIds.Count == 0)
        {
            return new Dictionary<Guid, SiteListing>();
        }
        var values = await _listing.ValuesAsync(entryIds, ct);
        return values.Select(v => (v.Key, Listing: SiteListing.Of(v.Value))).Where(v => v.Listing is not null).ToDictionary(v => v.Key, v => v.Listing!);
    }
}
