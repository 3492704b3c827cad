using System.Text.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.ContentTypes;
using ArtSouk.Cms.Entries;
using ArtSouk.Cms.Media;
using ArtSouk.Cms.Persistence;
using ArtSouk.Kernel.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArtSouk.Cms.Seeding;

/// <summary>
/// Loads the bilingual demo catalogue (<c>demo-content.json</c>) through the same editor the API uses, so seeded
/// entries have versions, slugs, publications and read models like any other, in one transaction. References are written as
/// <c>"@key"</c> and images as <c>"@image:artwork|portrait|logo"</c>, painted on the fly.
/// </summary>
internal sealed partial class DemoSeeder(CmsDbContext db, ContentTypeRegistry types, MediaLibrary library, EntryEditor editor, DemoSeed demo, ILogger<DemoSeeder> logger)
{
    private static readonly string[] TypeOrder = ["gallery", "artist", "artwork", "event", "workshop", "article", "collection", "page"];

    public async Task<int> SeedIfEmptyAsync(CancellationToken ct)
    {
        if (await db.Entries.AnyAsync(ct))
        {
            return 0;
        }
        var seeds = Load();
        LogStarted(logger, seeds.Count);
        // All or nothing: a seed interrupted half-way rolls back, so the next start finds an empty store and seeds again.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = new Dictionary<string, (Guid Id, string Type)>(StringComparer.Ordinal);
        var images = await PaintImagesAsync(seeds, ct);
        LogImagesPainted(logger, images.Sum(i => i.Value.Count));
        var deferred = new List<(SeedEntry Seed, JsonObject Fields)>();
        foreach (var seed in seeds.OrderBy(s => Array.IndexOf(TypeOrder, s.Type)))
        {
            var type = types.Find(seed.Type) ?? throw new InvalidOperationException($"demo content names unknown type '{seed.Type}'");
            var (ready, later) = Resolve(seed.Fields, ids, images[seed.Key]);
            var entry = await editor.CreateAsync(type, new EntryWrite(ready, seed.Slug, Publish: later.Count == 0, Locales: seed.Publish),
                "seed", "en", ct);
            ids[seed.Key] = (entry.Id, seed.Type);
            db.ChangeTracker.Clear();
            if (ids.Count % 50 == 0)
            {
                LogProgress(logger, ids.Count, seeds.Count);
            }
            if (later.Count > 0)
            {
                deferred.Add((seed, later));
            }
        }
        foreach (var (seed, later) in deferred)
        {
            var (ready, missing) = Resolve(later, ids, images[seed.Key]);
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"demo content {seed.Key} refers to unknown keys in {string.Join(", ", missing.Select(m => m.Key))}");
            }
            await editor.UpdateAsync(types.Find(seed.Type)!, ids[seed.Key].Id, new EntryWrite(ready, Publish: true, Locales: seed.Publish), "seed", "en", ct);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(ct);
        demo.Seeded(ids.Select(i => new DemoEntry(i.Key, i.Value.Id, i.Value.Type)).ToList());
        return seeds.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty store: seeding {Count} bilingual demo entries (first start only)")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Painted {Count} demo images")]
    private static partial void LogImagesPainted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding demo content: {Done}/{Total} entries")]
    private static partial void LogProgress(ILogger logger, int done, int total);

    private sealed record SeedEntry(string Type, string Key, string[] Publish, JsonObject Fields, JsonObject? Slug);

    private static List<SeedEntry> Load()
    {
        using var stream = typeof(DemoSeeder).Assembly.GetManifestResourceStream("ArtSouk.Cms.Seeding.demo-content.json")
            ?? throw new InvalidOperationException("demo-content.json is not embedded");
        var root = JsonNode.Parse(stream)!.AsObject();
        return root["entries"]!.AsArray().Select(e => new SeedEntry(
            e!["type"]!.GetValue<string>(),
            e["key"]!.GetValue<string>(),
            e["publish"]?.AsArray().Select(l => l!.GetValue<string>()).ToArray() ?? ["ar", "en"],
            e["fields"]!.AsObject(),
            e["slug"] as JsonObject)).ToList();
    }

    /// <summary>Paints every image the catalogue asks for, in parallel, and adds them to the media library with their renditions.</summary>
    private async Task<Dictionary<string, Queue<Guid>>> PaintImagesAsync(List<SeedEntry> seeds, CancellationToken ct)
    {
        var requests = new List<(string Key, string Kind, string Ar, string En)>();
        foreach (var seed in seeds.OrderBy(s => Array.IndexOf(TypeOrder, s.Type)))
        {
            var type = types.Find(seed.Type)!;
            var title = seed.Fields[type.TitleField] as JsonObject;
            var ar = title?["ar"]?.GetValue<string>() ?? "";
            var en = title?["en"]?.GetValue<string>() ?? ar;
            Collect(seed.Fields, kind => requests.Add((seed.Key, kind, ar, en)));
        }
        var ids = seeds.ToDictionary(s => s.Key, _ => new Queue<Guid>(), StringComparer.Ordinal);
        // A few images at a time: painted all at once, the PNGs alone held hundreds of megabytes until start-up ended.
        const int chunk = 16;
        for (var start = 0; start < requests.Count; start += chunk)
        {
            var size = Math.Min(chunk, requests.Count - start);
            var painted = new PreparedImage[size];
            // Painting and making renditions are the CPU-bound part; storing stays on this thread and this context.
            Parallel.For(0, size, j => painted[j] = MediaLibrary.Prepare(Paint(requests[start + j].Kind, start + j)));
            for (var j = 0; j < size; j++)
            {
                var (key, kind, ar, en) = requests[start + j];
                var alt = kind == "logo" ? new MediaText($"شعار {ar}", $"{en} logo") : new MediaText(ar, en);
                var asset = await library.AddAsync($"{kind}-{en}.png", painted[j], alt, null, null, ct);
                ids[key].Enqueue(asset.Id);
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return ids;
    }

    private static byte[] Paint(string kind, int i) => kind switch
    {
        "portrait" => Painter.Portrait(i * 7919),
        "logo" => Painter.Logo(i * 7919),
        _ => i % 3 == 0 ? Painter.Artwork(i * 7919, 600, 480) : Painter.Artwork(i * 7919),
    };

    private static void Collect(JsonNode? node, Action<string> image)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (_, v) in o)
                {
                    Collect(v, image);
                }
                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Collect(v, image);
                }
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().StartsWith("@image:", StringComparison.Ordinal):
                image(v.GetValue<string>()["@image:".Length..]);
                break;
        }
    }

    /// <summary>Replaces <c>@key</c> and <c>@image:</c> markers; fields naming entries not created yet are held back.</summary>
    private static (JsonObject Ready, JsonObject Later) Resolve(JsonObject fields, Dictionary<string, (Guid Id, string Type)> ids, Queue<Guid> images)
    {
        var ready = new JsonObject();
        var later = new JsonObject();
        foreach (var (name, value) in fields)
        {
            var pending = false;
            Replace(value, ids, images, probe: true, ref pending);
            if (pending)
            {
                later[name] = value!.DeepClone();
            }
            else
            {
                ready[name] = Replace(value, ids, images, probe: false, ref pending);
            }
        }
        return (ready, later);
    }

    /// <summary>With <paramref name="probe"/> only finds out whether every key resolves, taking no images.</summary>
    private static JsonNode? Replace(JsonNode? node, Dictionary<string, (Guid Id, string Type)> ids, Queue<Guid> images, bool probe, ref bool pending)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (k, v) in o)
                {
                    copy[k] = Replace(v, ids, images, probe, ref pending);
                }
                return copy;
            case JsonArray a:
                var list = new JsonArray();
                foreach (var v in a)
                {
                    list.Add(Replace(v, ids, images, probe, ref pending));
                }
                return list;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is ['@', ..] marker:
                if (marker.StartsWith("@image:", StringComparison.Ordinal))
                {
                    return probe ? null : JsonValue.Create(images.Dequeue().ToString());
                }
                if (ids.TryGetValue(marker[1..], out var target))
                {
                    return JsonValue.Create(target.Id.ToString());
                }
                pending = true;
                return null;
            default:
                return node?.DeepClone();
        }
    }
}
