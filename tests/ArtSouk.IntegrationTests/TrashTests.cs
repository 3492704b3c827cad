using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>Safe deletes: refused while referenced, otherwise into a trash that restores; on SQLite and PostgreSQL.</summary>
public abstract class TrashTests(HostFixture fixture)
{
    private HostFixture Host
    {
        get
        {
            if (fixture.SkipReason is { } reason)
            {
                Assert.Skip(reason);
            }
            return fixture;
        }
    }

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task Deleting_an_artist_that_artworks_reference_is_a_409_naming_them_and_nothing_is_deleted()
    {
        var artist = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("مرجع"), en = Unique("Referenced") } });
        var title = Unique("Held work");
        var work = await Host.Admin.CreateEntryAsync("artwork", new { title = new { ar = Unique("عمل مرتبط"), en = title }, artist });
        var english = await Host.Admin.DeleteAsync($"/api/v1/manage/content/artist/{artist}?locale=en");
        Assert.Equal(HttpStatusCode.Conflict, english.StatusCode);
        var problem = (await english.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("entry-referenced", problem["code"]!.GetValue<string>());
        Assert.Contains(title, problem["detail"]!.GetValue<string>());
        Assert.Contains(work.ToString(), problem["errors"]!["referencedBy"]![0]!.GetValue<string>());
        var arabic = await Host.Admin.DeleteAsync($"/api/v1/manage/content/artist/{artist}?locale=ar");
        Assert.Contains("تشير", (await arabic.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Host.Anonymous.GetAsync($"/api/v1/content/artist/{artist}")).StatusCode);
    }

    [Fact]
    public async Task A_trashed_entry_leaves_delivery_and_lists_and_comes_back_as_a_draft_with_its_slug()
    {
        var name = Unique("Trashed");
        var id = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("محذوفة"), en = name } });
        var slug = (await Host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=en"))!["slug"]!.GetValue<string>();
        Assert.True(await ListedAsync(id));
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync($"/api/v1/manage/content/artist/{id}")).StatusCode);
        Assert.False(await ListedAsync(id));

        Assert.Equal(HttpStatusCode.NotFound, (await Host.Anonymous.GetAsync($"/api/v1/content/artist/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.GetAsync($"/api/v1/manage/content/artist/{id}")).StatusCode);
        var trash = (await Host.Admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/trash?limit=100"))!["items"]!.AsArray();
        Assert.Contains(trash, i => i!["id"]!.GetValue<string>() == id.ToString());

        var restored = await Host.Admin.PostAsync($"/api/v1/manage/trash/{id}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        var view = (await restored.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(slug, view["slug"]!["en"]!.GetValue<string>());
        Assert.False(view["status"]!["en"]!["published"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.GetAsync($"/api/v1/manage/content/artist/{id}")).StatusCode);
    }

    /// <summary>Whether the newest artists in the editors' list include <paramref name="id"/>.</summary>
    private async Task<bool> ListedAsync(Guid id) =>
        (await Host.Admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/content/artist?limit=100"))!["items"]!.AsArray()
            .Any(i => i!["id"]!.GetValue<string>() == id.ToString());

    [Fact]
    public async Task A_restored_entry_whose_slug_was_taken_meanwhile_gets_the_next_free_one()
    {
        var name = Unique("Twice");
        var first = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = name, en = name } });
        await Host.Admin.DeleteAsync($"/api/v1/manage/content/artist/{first}");
        var second = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = name, en = name } });
        var taken = (await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/artist/{second}"))!["slug"]!["en"]!.GetValue<string>();
        var restored = (await (await Host.Admin.PostAsync($"/api/v1/manage/trash/{first}/restore", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var slug = restored["slug"]!["en"]!.GetValue<string>();
        Assert.NotEqual(taken, slug);
        Assert.StartsWith(taken, slug);
    }

    [Fact]
    public async Task Only_administrators_empty_the_trash()
    {
        var id = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("للإفراغ") } });
        await Host.Admin.DeleteAsync($"/api/v1/manage/content/artist/{id}");
        var (curator, _) = await Host.App.AccountAsync(Host.Admin, "curator");
        Assert.Equal(HttpStatusCode.Forbidden, (await curator.DeleteAsync($"/api/v1/manage/trash/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await curator.DeleteAsync("/api/v1/manage/trash")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync($"/api/v1/manage/trash/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.DeleteAsync($"/api/v1/manage/trash/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Admin.PostAsync($"/api/v1/manage/trash/{id}/restore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Admin.GetAsync("/api/v1/manage/trash?limit=0")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteTrashTests(SqliteHost host) : TrashTests(host);

[Collection("postgres")]
public sealed class PostgresTrashTests(PostgresHost host) : TrashTests(host);

/// <summary>Emptying the whole trash needs a host of its own: it deletes what other tests put there.</summary>
public sealed class EmptyTrashTests
{
    [Fact]
    public async Task Emptying_the_trash_deletes_every_trashed_entry_for_good()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var id = await admin.CreateEntryAsync("artist", new { name = new { ar = "سلة" } });
        await admin.DeleteAsync($"/api/v1/manage/content/artist/{id}");
        var emptied = await admin.DeleteAsync("/api/v1/manage/trash");
        Assert.Equal(HttpStatusCode.OK, emptied.StatusCode);
        Assert.Equal(1, (await emptied.Content.ReadFromJsonAsync<JsonObject>())!["deleted"]!.GetValue<int>());
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/trash"))!["items"]!.AsArray());
    }
}
