using System.Diagnostics;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Localization;
using ArtSouk.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArtSouk.Cms.Seeding;

/// <summary>
/// Generates a large published catalogue of artworks for benchmarks (<c>ArtSouk.Host generate --artworks 100000</c>)
/// through the editor itself, so the rows, slugs, read model and outbox events are exactly what editors produce;
/// only the commit is batched.
/// </summary>
internal sealed class LargeStore(CmsDbContext db, ContentTypeRegistry types, EntryEditor editor)
{
    private const int Batch = 200;

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
        var stopwatch = Stopwatch.StartNew();
        // Only new rows are staged, and SaveChanges looks at them anyway; scanning them before every query of every
        // entry made the generator quadratic in the batch.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var done = 0; done < count; done += Batch)
        {
            var size = Math.Min(Batch, count - done);
            for (var i = 0; i < size; i++)
            {
                var fields = Fields(offset + done + i, artists[random.Next(artists.Count)], random);
                await editor.StageCreateAsync(type, new EntryWrite(fields, Publish: true), "generator", "en", ct);
            }
            await editor.CommitAsync(ct);
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

    private static JsonObject Fields(int n, Guid artist, Random random)
    {
        var subject = Subjects[random.Next(Subjects.Length)];
        var quality = Qualities[random.Next(Qualities.Length)];
        var medium = Mediums[random.Next(Mediums.Length)];
        return new JsonObject
        {
            ["title"] = new JsonObject { ["ar"] = $"{subject.Ar} {quality.Ar} {n + 1}", ["en"] = $"{subject.En} {quality.En} {n + 1}" },
            ["medium"] = new JsonObject { ["ar"] = medium.Ar, ["en"] = medium.En },
            ["year"] = 1960 + random.Next(67),
            ["artist"] = artist.ToString(),
            ["dimensions"] = $"{40 + random.Next(160)} × {40 + random.Next(160)} cm",
            ["category"] = medium.Category,
        };
    }
}
