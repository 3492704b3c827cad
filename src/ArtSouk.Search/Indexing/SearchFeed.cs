using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Management;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Delivery;
using ArtSouk.Kernel.Localization;

namespace ArtSouk.Search.Indexing;

/// <summary>
/// Reads entries through the CMS's public reading contract (<see cref="ContentReader"/>) and turns them into
/// <see cref="SearchDocument"/>s: title, body text, the names of the entries they refer to, and the facet values. The public
/// index gets what is published; the editors' index the latest version of every entry not in the trash, with its states.
/// </summary>
internal sealed partial class SearchFeed(ContentReader reader, ContentTypeRegistry types, IEnumerable<IDeliveryItemExtension> extensions, EntryStatuses statuses)
{
    /// <summary>The types whose listing (price, availability) is indexed: artworks by their own listing.</summary>
    private static readonly string[] Listed = ["artwork"];

    /// <summary>The types indexed with the price and availability of their seats: the cheapest ticket type still on sale.</summary>
    private static readonly string[] Ticketed = ["event", "workshop"];

    /// <summary>The content types search covers.</summary>
    public static IReadOnlyList<string> Types { get; } = ["artist", "gallery", "artwork", "event", "workshop", "article", "collection"];

    private static readonly string[] BodyFields = ["bio", "description", "summary", "excerpt", "body", "nationality", "address", "author", "curator", "dimensions", "edition"];
    private static readonly string[] ReferenceFields = ["artist", "gallery", "instructor", "venue", "artists"];

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>Documents for these entries; an entry live in neither locale is missing from the answer (delete it).</summary>
    public Task<IReadOnlyList<SearchDocument>> LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) => LoadAsync(ids, Audience.Public, ct);

    /// <summary>
    /// Documents for <paramref name="audience"/>'s index. For editors: each entry's working draft (its latest version), in
    /// the locales it has a title of its own, with its states; an entry in the trash or gone is missing (delete it).
    /// </summary>
    public async Task<IReadOnlyList<SearchDocument>> LoadAsync(IReadOnlyCollection<Guid> ids, Audience audience, CancellationToken ct)
    {
        var drafts = audience == Audience.Editors;
        var states = drafts ? await statuses.ReadAsync(ids, ct) : null;
        if (states is not null)
        {
            ids = ids.Where(states.ContainsKey).ToList();
        }
        var arabic = await reader.GetManyAsync(ids, Locales.Arabic, preview: drafts, ct);
        var english = await reader.GetManyAsync(ids, Locales.English, preview: drafts, ct);
        var referenced = new HashSet<Guid>();
        foreach (var item in arabic.Values.Concat(english.Values))
        {
            foreach (var id in References(JsonNode.Parse(item.FieldsJson)!.AsObject()))
            {
                referenced.Add(id);
            }
        }
        var namesAr = referenced.Count == 0 ? new Dictionary<Guid, ContentItem>() : await reader.GetManyAsync(referenced, Locales.Arabic, drafts, ct);
        var namesEn = referenced.Count == 0 ? new Dictionary<Guid, ContentItem>() : await reader.GetManyAsync(referenced, Locales.English, drafts, ct);
        var loaded = arabic.Values.Concat(english.Values).ToList();
        // Editors search words and states, not prices: no listing is read for them.
        var priced = drafts ? [] : loaded;
        var listings = await ListingsAsync(priced.Where(i => Listed.Contains(i.Type)).Select(i => i.Id).Distinct().ToList(), ct);
        foreach (var (id, seats) in await SeatsAsync(priced.Where(i => Ticketed.Contains(i.Type)).Select(i => i.Id).Distinct().ToList(), ct))
        {
            listings[id] = seats;
        }
        var documents = new List<SearchDocument>();
        foreach (var id in ids)
        {
            arabic.TryGetValue(id, out var ar);
            english.TryGetValue(id, out var en);
            var any = ar ?? en;
            if (any is null || !Types.Contains(any.Type) || types.Find(any.Type) is not { } type)
            {
                continue;
            }
            var fields = JsonNode.Parse(any.FieldsJson)!.AsObject();
            var category = Scalar(fields, "category") ?? Scalar(fields, "kind") ?? Scalar(fields, "level");
            var yearText = Scalar(fields, "year") ?? Scalar(fields, "birthYear") ?? Scalar(fields, "founded") ?? Year(Scalar(fields, "startsAt") ?? Scalar(fields, "publishedOn"));
            int? year = int.TryParse(yearText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : null;
            var arabicText = ar is null ? null : Text(type, ar, Locales.Arabic, namesAr);
            var englishText = en is null ? null : Text(type, en, Locales.English, namesEn);
            if (drafts)
            {
                // A draft has a row in every locale; one whose title is only the other locale's is not written in it yet.
                (arabicText, englishText) = (arabicText is { Title.Length: 0 } && englishText is { Title.Length: > 0 } ? null : arabicText,
                    englishText is { Title.Length: 0 } && arabicText is { Title.Length: > 0 } ? null : englishText);
            }
            var editorial = states?[id] is { } status ? new SearchEditorial(status.States, status.AccessKeys) : null;
            documents.Add(new SearchDocument(id, any.Type, arabicText, englishText, category, year, listings.GetValueOrDefault(id), editorial));
        }
        return documents;
    }

    /// <summary>
    /// Listings as the Delivery API shows them (<c>listing: { price: { amount, currency }, availability }</c>), read through
    /// the Kernel's delivery extension port, so search needs nothing of commerce but what it publishes to every reader.
    /// </summary>
    private async Task<Dictionary<Guid, SearchListing>> ListingsAsync(List<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, SearchListing>();
        if (ids.Count == 0 || extensions.FirstOrDefault(e => e.PropertyName == "listing") is not { } listings)
        {
            return found;
        }
        foreach (var (id, node) in await listings.ValuesAsync(ids, ct))
        {
            if (node["price"]?["amount"] is JsonValue amount && amount.TryGetValue<decimal>(out var sar) && node["availability"]?.GetValue<string>() is { } availability)
            {
                found[id] = new SearchListing((long)decimal.Round(sar * 100), availability);
            }
        }
        return found;
    }

    /// <summary>
    /// Events and workshops as a buyer shopping by price sees them (the Delivery API's <c>tickets: [{ price, availability,
    /// sales }]</c>), over the types whose sales have not ended: <c>available</c> while any has seats, else the nearest to
    /// it (<c>reserved</c> before <c>sold</c>), at the cheapest price of the types in that state. An entry whose every type's sales ended is not for
    /// sale any more and is left out of price and availability.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, SearchListing>> SeatsAsync(List<Guid> ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, SearchListing>();
        if (ids.Count == 0 || extensions.FirstOrDefault(e => e.PropertyName == "tickets") is not { } tickets)
        {
            return found;
        }
        string[] rank = ["available", "reserved", "sold"];
        foreach (var (id, node) in await tickets.ValuesAsync(ids, ct))
        {
            var selling = (node as JsonArray ?? [])
                .Select(t => (Price: t?["price"]?["amount"] is JsonValue v && v.TryGetValue<decimal>(out var sar) ? sar : (decimal?)null,
                    Availability: t?["availability"]?.GetValue<string>(), Sales: t?["sales"]?.GetValue<string>()))
                .Where(t => t.Price is not null && t.Sales != "ended" && Array.IndexOf(rank, t.Availability) >= 0)
                .ToList();
            if (selling.Count > 0)
            {
                var availability = rank[selling.Min(t => Array.IndexOf(rank, t.Availability))];
                var cheapest = selling.Where(t => t.Availability == availability).Min(t => t.Price!.Value);
                found[id] = new SearchListing((long)decimal.Round(cheapest * 100), availability);
            }
        }
        return found;
    }

    /// <summary>
    /// Published entries that refer to <paramref name="id"/> (artworks of an artist, workshops of an instructor): their
    /// documents carry its name, so they are indexed again when it is renamed, unpublished or deleted.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ReferrersAsync(Guid id, CancellationToken ct, Audience audience = Audience.Public)
    {
        var found = new HashSet<Guid>();
        foreach (var typeName in Types)
        {
            if (types.Find(typeName) is not { } type)
            {
                continue;
            }
            foreach (var field in ReferenceFields.Where(f => type.Field(f) is { Kind: FieldKind.Reference }))
            {
                foreach (var locale in Locales.All)
                {
                    string? cursor = null;
                    do
                    {
                        var page = await reader.ListAsync(new ContentQuery(typeName, locale, audience == Audience.Editors, [new FieldFilter(field, FilterOperator.Eq, id.ToString())],
                            [new FieldSort("updatedAt", false)], ContentReader.MaxLimit, cursor), ct);
                        found.UnionWith(page.Items.Select(i => i.Id));
                        cursor = page.Next;
                    }
                    while (cursor is not null);
                }
            }
        }
        found.Remove(id);
        return [.. found];
    }

    /// <summary>Every published entry of the covered types (for editors: every entry not in the trash), 100 at a time.</summary>
    public async IAsyncEnumerable<SearchDocument> AllAsync([EnumeratorCancellation] CancellationToken ct, Audience audience = Audience.Public)
    {
        foreach (var typeName in Types.Where(t => types.Find(t) is not null))
        {
            var seen = new HashSet<Guid>();
            foreach (var locale in Locales.All)
            {
                string? cursor = null;
                do
                {
                    // SQLite answers in line, so a whole feed could run without giving its pool thread back once; two
                    // builds at a start (both indexes empty) held the pool's threads and requests waited for more.
                    await Task.Yield();
                    var page = await reader.ListAsync(new ContentQuery(typeName, locale, audience == Audience.Editors, [], [new FieldSort("updatedAt", false)],
                        ContentReader.MaxLimit, cursor), ct);
                    var fresh = page.Items.Select(i => i.Id).Where(seen.Add).ToList();
                    if (fresh.Count > 0)
                    {
                        foreach (var document in await LoadAsync(fresh, audience, ct))
                        {
                            yield return document;
                        }
                    }
                    cursor = page.Next;
                }
                while (cursor is not null);
            }
        }
    }

    private SearchText Text(ContentType type, ContentItem item, string locale, IReadOnlyDictionary<Guid, ContentItem> names)
    {
        var fields = JsonNode.Parse(item.FieldsJson)!.AsObject();
        // A field shown in this locale only by falling back to the other is not this locale's text.
        var fallbacks = JsonSerializer.Deserialize<string[]>(item.FallbacksJson) ?? [];
        string? Own(string name) => fallbacks.Contains(name) ? null : Scalar(fields, name);
        var body = new StringBuilder();
        foreach (var name in BodyFields)
        {
            if (!fallbacks.Contains(name) && fields[name] is { } value)
            {
                body.Append(PlainText(value)).Append('\n');
            }
        }
        var related = new StringBuilder();
        foreach (var id in References(fields))
        {
            if (names.TryGetValue(id, out var other) && types.Find(other.Type) is { } otherType
                && JsonNode.Parse(other.FieldsJson)?[otherType.TitleField] is JsonValue title)
            {
                related.Append(title.ToString()).Append('\n');
            }
        }
        var categoryCode = Scalar(fields, "category") ?? Scalar(fields, "kind");
        var categoryField = type.Field("category") ?? type.Field("kind");
        var categoryLabel = categoryField?.Options.FirstOrDefault(o => o.Value == categoryCode)?.Label.In(locale);
        var disciplines = type.Field("disciplines") is { } d && fields["disciplines"] is JsonArray chosen
            ? string.Join(' ', chosen.Select(c => d.Options.FirstOrDefault(o => o.Value == c?.ToString())?.Label.In(locale)))
            : "";
        var translations = JsonNode.Parse(item.TranslationsJson) as JsonObject;
        var url = translations?[locale]?.ToString() ?? type.SitePath(locale, item.Slug);
        return new SearchText(Own(type.TitleField) ?? "", (body + disciplines).Trim(), related.ToString().Trim(), item.Slug, url,
            Own("city"), Own("medium"), categoryLabel);
    }

    private static IEnumerable<Guid> References(JsonObject fields)
    {
        foreach (var name in ReferenceFields)
        {
            var value = fields[name];
            foreach (var node in value is JsonArray many ? many.ToArray() : [value])
            {
                if (node is JsonValue v && v.TryGetValue<string>(out var text) && Guid.TryParse(text, out var id))
                {
                    yield return id;
                }
            }
        }
    }

    private static string? Scalar(JsonObject fields, string name) => fields[name] is JsonValue value ? value.ToString() : null;

    private static string? Year(string? date) => date is { Length: >= 4 } ? date[..4] : null;

    /// <summary>Rich text without tags; blocks by their text members (headings, paragraphs, quotes).</summary>
    private static string PlainText(JsonNode value) => value switch
    {
        JsonValue text => WebUtility.HtmlDecode(Tags().Replace(text.ToString(), " ")),
        JsonArray blocks => string.Join('\n', blocks.OfType<JsonObject>().SelectMany(b => b.Where(p => p.Key is "text" or "html" or "content" or "quote" or "caption" or "attribution")
            .Select(p => p.Value is null ? "" : PlainText(p.Value)))),
        _ => "",
    };
}
