using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Reading;
using ArtSouk.Commerce.Persistence;
using ArtSouk.Commerce.Tickets;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Seeding;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Commerce.Listings;

/// <summary>
/// Dresses the demo catalogue as a market on the start that seeds it: most artworks listed at gallery prices (editions
/// with their stock, a few already sold or not for sale), and seats for the events and workshops still ahead. Each
/// figure comes from the entry's key in the catalogue, so every fresh store gets the same prices. Only the entries the
/// CMS seeded in this start are touched (<see cref="DemoSeed"/>): content a person wrote is never priced.
/// </summary>
internal sealed class DemoListings(CommerceDbContext db, ContentReader reader, TimeProvider clock)
{
    /// <summary>Prices of unique works, in SAR: from a small drawing to a museum-size canvas.</summary>
    private static readonly long[] UniquePrices = [3_800, 4_500, 6_500, 8_200, 9_500, 12_500, 14_000, 18_000, 22_000, 28_000, 35_000, 42_000, 58_000, 75_000, 95_000, 120_000, 185_000];

    /// <summary>Prices of one print or photograph of an edition, in SAR.</summary>
    private static readonly long[] EditionPrices = [1_200, 1_800, 2_400, 3_200, 4_500, 6_000];

    public async Task<int> SeedAsync(IReadOnlyList<DemoEntry> entries, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var artworks = entries.Where(e => e.Type == "artwork").ToList();
        var ticketed = entries.Where(e => e.Type is "event" or "workshop").ToList();
        var items = await reader.GetManyAsync(artworks.Concat(ticketed).Select(e => e.Id).ToList(), Locales.English, preview: false, ct);
        var added = 0;
        foreach (var work in artworks)
        {
            var roll = Roll(work.Key);
            // About one work in seven is shown only, never offered.
            if (roll % 7 == 0 || !items.TryGetValue(work.Id, out var item))
            {
                continue;
            }
            // An edition reads "3/10" in the catalogue: prints of it are for sale up to its size.
            var edition = EditionSize(Field(JsonNode.Parse(item.FieldsJson)!.AsObject(), "edition")) is { } size ? Math.Max(2, size) : (int?)null;
            var stock = edition ?? 1;
            var listing = new Listing
            {
                EntryId = work.Id,
                EntryType = work.Type,
                PriceMinor = (edition is not null ? EditionPrices[roll / 5 % EditionPrices.Length] : UniquePrices[roll / 11 % UniquePrices.Length]) * 100,
                Stock = stock,
                // Editions have sold a few prints; one unique work in nine has found its buyer, one in thirteen is kept back.
                Sold = edition is not null ? roll / 13 % (stock / 2) : roll % 9 == 1 ? 1 : 0,
                Availability = edition is null && roll % 13 == 2 ? Availability.NotForSale : Availability.Available,
                UpdatedAt = now,
                UpdatedBy = "seed",
            };
            if (listing.Sold >= listing.Stock)
            {
                listing.Availability = Availability.Sold;
            }
            db.Listings.Add(listing);
            added++;
        }
        foreach (var entry in ticketed)
        {
            if (!items.TryGetValue(entry.Id, out var item))
            {
                continue;
            }
            // Seats are sold until the event ends (an exhibition's run) or starts (a talk, a workshop); none for what is over.
            var fields = JsonNode.Parse(item.FieldsJson)!.AsObject();
            var until = Instant(Field(fields, "endsAt")) ?? Instant(Field(fields, "startsAt"));
            if (until is not { } end || end <= now)
            {
                continue;
            }
            var position = 0;
            foreach (var (ar, en, price, capacity, sold) in SeatsOf(entry, Field(fields, "kind")))
            {
                db.TicketTypes.Add(new TicketType
                {
                    EntryId = entry.Id,
                    NameAr = ar,
                    NameEn = en,
                    PriceMinor = price * 100,
                    Capacity = capacity,
                    Sold = sold,
                    Availability = sold >= capacity ? Availability.Sold : Availability.Available,
                    SalesEnd = end,
                    Position = position++,
                    UpdatedAt = now,
                    UpdatedBy = "seed",
                });
                added++;
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Ticket types by kind of event; a workshop is a few seats at a studio price, one of them already full.</summary>
    private static IEnumerable<(string Ar, string En, long Price, int Capacity, int Sold)> SeatsOf(DemoEntry entry, string? kind)
    {
        var roll = Roll(entry.Key);
        if (entry.Type == "workshop")
        {
            var capacity = 10 + roll % 3 * 2;
            yield return ("مقعد في الورشة", "Workshop seat", 250 + roll % 7 * 100, capacity, roll % 5 == 0 ? capacity : roll % capacity);
            yield break;
        }
        switch (kind)
        {
            case "fair" or "festival":
                yield return ("تذكرة يوم", "Day pass", 95, 500, roll % 120);
                yield return ("معاينة كبار الزوار", "VIP preview", 450, 40, roll % 40);
                break;
            case "talk":
                yield return ("مقعد", "Seat", 60, 80, roll % 60);
                break;
            case "opening":
                yield return ("حفل الافتتاح", "Opening night", 75, 150, roll % 100);
                break;
            default:
                yield return ("دخول عام", "General admission", 40, 200, roll % 90);
                yield return ("جولة مع القيّم", "Curator's tour", 120, 20, roll % 20);
                break;
        }
    }

    private static int? EditionSize(string? edition) =>
        edition?.Split('/') is [_, var size] && int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A number fixed by the catalogue key, so a fresh store always gets the same figures.</summary>
    private static int Roll(string key) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0) % 1_000_000);

    private static string? Field(JsonObject fields, string name) =>
        fields[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
