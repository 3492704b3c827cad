using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Persistence;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Media edits and deletes raise outbox events like entries do, on SQLite.</summary>
public sealed class MediaEventTests
{
    [Fact]
    public async Task Editing_an_asset_raises_media_updated_naming_what_changed_and_a_refused_edit_raises_nothing()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var id = await UploadAsync(admin);

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/v1/manage/media/{id}", new { alt = new { fr = "non" } })).StatusCode);
        Assert.Empty(await EventsAsync(app, id));

        (await admin.PutAsJsonAsync($"/api/v1/manage/media/{id}", new { alt = new { en = "Sadu weaving, detail" }, focalPoint = new { x = 0.4, y = 0.3 } })).EnsureSuccessStatusCode();
        var raised = Assert.Single(await EventsAsync(app, id));
        Assert.Equal("media.updated", raised.Type);
        var payload = JsonNode.Parse(raised.Payload)!;
        Assert.Equal(id, payload["id"]!.GetValue<string>());
        Assert.Equal("media", payload["type"]!.GetValue<string>());
        Assert.Equal(["alt", "focalPoint"], payload["changed"]!.AsArray().Select(c => c!.GetValue<string>()).Order());

        // Saving the same values again changes nothing and tells nobody.
        (await admin.PutAsJsonAsync($"/api/v1/manage/media/{id}", new { alt = new { en = "Sadu weaving, detail" } })).EnsureSuccessStatusCode();
        Assert.Single(await EventsAsync(app, id));
    }

    [Fact]
    public async Task Deleting_an_asset_raises_media_deleted_and_a_refused_delete_raises_nothing()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var used = await UploadAsync(admin);
        await admin.CreateEntryAsync("artist", new { name = new { ar = "صاحبة الصورة" }, portrait = Guid.Parse(used) });
        Assert.Equal(HttpStatusCode.Conflict, (await admin.DeleteAsync($"/api/v1/manage/media/{used}")).StatusCode);
        Assert.Empty(await EventsAsync(app, used));

        var unused = await UploadAsync(admin);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/manage/media/{unused}")).StatusCode);
        var raised = Assert.Single(await EventsAsync(app, unused));
        Assert.Equal("media.deleted", raised.Type);
    }

    [Fact]
    public async Task A_webhook_may_subscribe_to_media_events()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var hook = await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = "cdn purge", url = "https://cdn.example/purge", events = new[] { "media.updated", "media.deleted" } });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
    }

    private static async Task<string> UploadAsync(HttpClient admin)
    {
        var uploaded = await admin.PostAsync("/api/v1/manage/media", TestImages.Form(TestImages.Png(48, 32), "sadu.png", altAr: "سدو", altEn: "Sadu"));
        uploaded.EnsureSuccessStatusCode();
        return (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<List<(string Type, string Payload)>> EventsAsync(ArtSoukApp app, string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<CmsDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Key == id && m.Type.StartsWith("media.")).OrderBy(m => m.Sequence).Select(m => new { m.Type, m.Payload }).ToListAsync();
        return rows.Select(r => (r.Type, r.Payload)).ToList();
    }
}
