using System.Diagnostics;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Cms.Slugs;
using ArtSouk.Kernel.Json;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Seeding;

/// <summary>
/// Generates a large published catalogue of artworks for benchmarks (<c>ArtSouk.Host generate --artworks 100000</c>).
/// It writes the same rows the editor would (entry, version, slugs, publications, read model) in bulk, without
/// the per-entry validation the editor does, because the values come from fixed vocabularies.
/// </summary>
internal sealed class LargeStore(CmsDbContext db, ContentTypeRegistry types, TimeProvider clock)
{
    private const int Batch = 2000;

    private static readonly (string Ar, string En)[] Subjects =
    [
        ("ضوء", "Light"), ("كثيب", "Dune"), ("نخلة", "Palm"), ("بحر", "Sea"), ("ذاكرة", "Memory"), ("باب", "Door"), ("مرآة", "Mirror"),
        ("سدو", "Sadu"), ("قط", "Qatt"), ("لؤلؤ", "Pearl"), ("غيمة", "Cloud"), ("نافذة", "Window"), ("طريق", "Road"), ("بيت", "House"),
    ];

    private static readonly (string Ar, string En)[] Qualities =
    [
        ("الظهيرة", "at noon"), ("الغروب", "at dusk"), ("الشتاء", "in winter"), ("الجنوب", "of the south"), ("المدينة", "of the city"),
        ("الأولى", "the first"), ("الأخيرة", "the last"), ("البعيدة", "far away"), ("الصامتة", "in silence"), ("المائية", "in water"),
    ];

    private static readonly (string Ar, string En, string Category)[] Mediums =
    [
        ("أكريليك على قماش", "Acrylic on canvas", "painting"), ("زيت على قماش", "Oil on canvas", "painting"),
        ("حبر على ورق قطني", "Ink on cotton paper", "calligraphy"), ("طباعة بيغمنت أرشيفية", "Archival pigment print", "photography"),
        ("برونز", "Bronze", "sculpture"), ("طباعة حجرية", "Lithograph", "print"), ("وسائط مختلطة على خشب", "Mixed media on wood", "mixed-media"),
        ("صوف منسوج يدويًا", "Hand-woven wool", "textile"), ("خزف مزجج", "Glazed stoneware", "ceramics"),
    ];

    public async Task<int> GenerateAsync(int count, Action<string> progress, CancellationToken ct)
    {
        var type = types.Find("artwork")!;
        var artists = await db.DeliveryItems.AsNoTracking()
            .Where(d => d.Type == "artist" && d.Channel == Channels.Live && d.Locale == Locales.Arabic)
            .Select(d => d.EntryId).ToListAsync(ct);
        if (artists.Count == 0)
        {
            throw new InvalidOperationException("generate needs published artists; start once with the demo seed first");
        }
        // Numbers continue after what is there, so running the generator twice adds rather than collides.
        var offset = await db.Entries.CountAsync(e => e.Type == "artwork", ct);
        var random = new Random(20261123 + offset);
        var now = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < count; done += Batch)
        {
            var size = Math.Min(Batch, count - done);
            for (var i = 0; i < size; i++)
            {
                Add(type, offset + done + i, artists[random.Next(artists.Count)], random, now);
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress($"{done + size:N0} / {count:N0} artworks ({(done + size) / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001):N0}/s)");
        }
        if (db.IsPostgres())
        {
            // Fresh statistics, so the planner sees the new rows and picks the filter indexes.
            await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }
        return count;
    }

    private void Add(ContentType type, int n, Guid artist, Random random, DateTimeOffset now)
    {
        var subject = Subjects[random.Next(Subjects.Length)];
        var quality = Qualities[random.Next(Qualities.Length)];
        var medium = Mediums[random.Next(Mediums.Length)];
        var titleAr = $"{subject.Ar} {quality.Ar} {n + 1}";
        var titleEn = $"{subject.En} {quality.En} {n + 1}";
        var fields = new JsonObject
        {
            ["title"] = new JsonObject { ["ar"] = titleAr, ["en"] = titleEn },
            ["medium"] = new JsonObject { ["ar"] = medium.Ar, ["en"] = medium.En },
            ["year"] = 1960 + random.Next(67),
            ["artist"] = artist.ToString(),
            ["dimensions"] = $"{40 + random.Next(160)} × {40 + random.Next(160)} cm",
            ["category"] = medium.Category,
        };
        var slugs = new JsonObject { ["ar"] = Slug.Normalize(titleAr), ["en"] = Slug.Normalize(titleEn) };
        var entry = new Entry { Type = type.Name, Version = 1, CreatedAt = now, UpdatedAt = now, CreatedBy = "generator" };
        db.Entries.Add(entry);
        db.Versions.Add(new EntryVersion
        {
            EntryId = entry.Id, Number = 1, Fields = fields.ToJsonString(JsonText.Options), Slugs = slugs.ToJsonString(JsonText.Options),
            Edits = "{}", CreatedAt = now, Author = "generator",
        });
        var translations = new JsonObject();
        foreach (var locale in Locales.All)
        {
            translations[locale] = type.SitePath(locale, slugs[locale]!.GetValue<string>());
        }
        foreach (var locale in Locales.All)
        {
            var slug = slugs[locale]!.GetValue<string>();
            db.Slugs.Add(new SlugRecord { Type = type.Name, Locale = locale, Value = slug, EntryId = entry.Id, IsCurrent = true, CreatedAt = now });
            db.Publications.Add(new Publication { EntryId = entry.Id, Locale = locale, Version = 1, PublishedAt = now, FirstPublishedAt = now });
            var (flat, fallbacks) = Projection.Flatten(type, fields, locale, new Dictionary<Guid, Media.MediaAsset>());
            foreach (var channel in new[] { Channels.Live, Channels.Draft })
            {
                db.DeliveryItems.Add(new DeliveryItem
                {
                    EntryId = entry.Id, Locale = locale, Channel = channel, Type = type.Name, Slug = slug,
                    Fields = flat.ToJsonString(JsonText.Options), Fallbacks = System.Text.Json.JsonSerializer.Serialize(fallbacks),
                    Translations = translations.ToJsonString(JsonText.Options), Version = 1,
                    PublishedAt = now.ToUnixTimeMilliseconds(), UpdatedAt = now.ToUnixTimeMilliseconds(),
                });
            }
        }
    }
}
