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
    public const string NotForSale = "not_for_sale";

    /// <summary>The availabilities in the order a buyer reads them, from what can be bought now to what cannot.</summary>
    public static IReadOnlyList<string> Availabilities { get; } = [Available, Reserved, Sold, AtAuction, NotForSale];

    /// <summary>Where an availability comes in <see cref="Availabilities"/>; unknown ones last.</summary>
    public static int Rank(string availability) => Availabilities.Contains(availability) ? Availabilities.TakeWhile(a => a != availability).Count() : int.MaxValue;

    /// <summary>An availability in the page's language: متاح للاقتناء / Available, and so on.</summary>
    public static string Label(string availability, SiteText t) => availability switch
    {
        Available => t.Say("متاح للاقتناء", "Available"),
        Reserved => t.Say("محجوز", "Reserved"),
        Sold => t.Say("مُباع", "Sold"),
        AtAuction => t.Say("في المزاد", "At auction"),
        _ => t.Say("ليس للبيع", "Not for sale"),
    };

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
/// One ticket type of an event or workshop, as the Delivery API's <c>tickets</c> array carries it: a listing's shape plus
/// its names in both languages, capacity and sales window.
/// </summary>
public sealed record SiteTicket(Guid Id, string NameAr, string NameEn, SiteListing Listing, int Capacity, DateTimeOffset? SalesStart, DateTimeOffset? SalesEnd,
    string Sales, int Waiting)
{
    public const string Upcoming = "upcoming";
    public const string Open = "open";
    public const string Ended = "ended";

    public string Name(string locale) => locale == "en" ? NameEn : NameAr;

    public bool CanBuy => Sales == Open && Listing.CanBuy;

    /// <summary>Sold out (or every seat held) while sales are open: the waiting list is the way in.</summary>
    public bool CanWait => Sales == Open && !Listing.CanBuy;

    public static IReadOnlyList<SiteTicket> ListOf(JsonNode? node)
    {
        if (node is not JsonArray tickets)
        {
            return [];
        }
        var list = new List<SiteTicket>();
        foreach (var ticket in tickets.OfType<JsonObject>())
        {
            if (SiteListing.Of(ticket) is not { } listing || ticket["id"] is not JsonValue id || !id.TryGetValue<Guid>(out var ticketId))
            {
                continue;
            }
            string Text(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var text) ? text : "";
            DateTimeOffset? At(JsonNode? n) => n is JsonValue v && v.TryGetValue<DateTimeOffset>(out var at) ? at : null;
            var ar = Text(ticket["name"]?["ar"]);
            var en = Text(ticket["name"]?["en"]);
            list.Add(new SiteTicket(ticketId, ar.Length > 0 ? ar : en, en.Length > 0 ? en : ar, listing,
                ticket["capacity"] is JsonValue c && c.TryGetValue<int>(out var capacity) ? capacity : 0,
                At(ticket["salesStart"]), At(ticket["salesEnd"]), Text(ticket["sales"]) is { Length: > 0 } sales ? sales : Open,
                ticket["waiting"] is JsonValue w && w.TryGetValue<int>(out var waiting) ? waiting : 0));
        }
        return list;
    }
}

/// <summary>
/// Reads listings through the Delivery item extension commerce registers (the site never references commerce): one call
/// per page for every work shown on it. Without commerce in the host, nothing is for sale.
/// </summary>
internal sealed class SiteListings(IEnumerable<IDeliveryItemExtension> extensions)
{
    private readonly IDeliveryItemExtension? _listing = extensions.FirstOrDefault(e => e.PropertyName == "listing");
    private readonly IDeliveryItemExtension? _tickets = extensions.FirstOrDefault(e => e.PropertyName == "tickets");

    /// <summary>The ticket types of events and workshops, through commerce's <c>tickets</c> extension.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<SiteTicket>>> TicketsAsync(IReadOnlyCollection<Guid> entryIds, CancellationToken ct)
    {
        if (_tickets is null || entryIds.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<SiteTicket>>();
        }
        var values = await _tickets.ValuesAsync(entryIds, ct);
        return values.ToDictionary(v => v.Key, v => SiteTicket.ListOf(v.Value));
    }

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
