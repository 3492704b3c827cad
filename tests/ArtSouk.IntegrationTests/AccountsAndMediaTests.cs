using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Accounts.Persistence;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Accounts, API keys and the media library through HTTP, on SQLite.</summary>
[Collection("sqlite")]
public sealed class AccountsAndMediaTests(SqliteHost host)
{
    private static readonly byte[] OnePixelPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC");

    [Fact]
    public async Task Registering_twice_with_one_email_is_a_conflict_in_arabic()
    {
        var email = $"collector-{Guid.NewGuid():N}@artsouk.test";
        var first = await host.Anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Collector-Pass-2026!", displayName = "سارة", locale = "ar" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await host.Anonymous.PostAsJsonAsync("/api/v1/auth/register?locale=ar", new { email, password = "Collector-Pass-2026!", displayName = "سارة", locale = "ar" });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = (await second.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("مسجّل مسبقًا", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_short_password_is_a_validation_problem()
    {
        var response = await host.Anonymous.PostAsJsonAsync("/api/v1/auth/register?locale=en", new { email = $"x-{Guid.NewGuid():N}@artsouk.test", password = "short", locale = "en" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["password"]);
    }

    [Fact]
    public async Task A_registered_member_gets_a_token_but_cannot_manage_content()
    {
        var email = $"member-{Guid.NewGuid():N}@artsouk.test";
        await host.Anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Member-Pass-2026!", locale = "en" });
        var token = await host.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Member-Pass-2026!" });
        var body = (await token.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        Assert.True(body["expires_in"]!.GetValue<long>() > 0);
        using var member = host.App.CreateClient();
        member.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["access_token"]!.GetValue<string>());
        Assert.Equal(email, (await member.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["email"]!.GetValue<string>());
        var write = await member.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "لا" } } });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_a_400_problem()
    {
        var response = await host.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email = ArtSoukApp.AdminEmail, password = "not-the-password" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-credentials", (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revoked_api_key_stops_working()
    {
        var created = (await (await host.Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "editorial app", scopes = new[] { "manage" } }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        using var client = host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", created["key"]!.GetValue<string>());
        var write = await client.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = $"مفتاح {Guid.NewGuid():N}" } } });
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Admin.DeleteAsync($"/api/v1/manage/api-keys/{created["id"]}")).StatusCode);
        var after = await client.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = $"مفتاح {Guid.NewGuid():N}" } } });
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_image_is_served_and_expands_in_entries()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(OnePixelPng) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", "بورتريه.png" },
            { new StringContent("صورة الفنانة"), "altAr" },
            { new StringContent("The artist"), "altEn" },
        };
        var upload = await host.Admin.PostAsync("/api/v1/manage/media", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var media = (await upload.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, media["width"]!.GetValue<int>());
        var file = await host.Anonymous.GetAsync(media["url"]!.GetValue<string>());
        Assert.Equal("image/png", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(OnePixelPng, await file.Content.ReadAsByteArrayAsync());

        var artist = await host.Admin.PostAsJsonAsync("/api/v1/manage/content/artist", new
        {
            fields = new { name = new { ar = $"فنانة {Guid.NewGuid():N}", en = "An artist" }, portrait = media["id"]!.GetValue<string>() },
            publish = true,
        });
        var id = (await artist.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var delivered = await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/artist/{id}?locale=ar");
        var portrait = delivered!["fields"]!["portrait"]!;
        Assert.Equal(media["url"]!.GetValue<string>(), portrait["url"]!.GetValue<string>());
        Assert.Equal("صورة الفنانة", portrait["alt"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_with_415()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7 not an image"u8.ToArray()), "file", "cv.pdf" } };
        var response = await host.Admin.PostAsync("/api/v1/manage/media", form);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_media_id_in_a_field_is_a_validation_error()
    {
        var response = await host.Admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "بلا صورة" }, portrait = Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["fields.portrait"]);
    }
}

/// <summary>Sign-in races, each on a fresh host, on both databases.</summary>
public sealed class SignInTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Concurrent_sign_ins_after_a_failed_attempt_all_succeed(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        using var client = app.CreateClient();
        var failed = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = ArtSoukApp.AdminEmail, password = "wrong-password-1" });
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);

        // Each success resets the failed-attempt count on the same user row.
        var statuses = await Race.AllAsync(6, async _ => (await client.PostAsJsonAsync("/api/v1/auth/token",
            new { email = ArtSoukApp.AdminEmail, password = ArtSoukApp.AdminPassword })).StatusCode);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6), statuses);
    }
}

[Collection("sqlite")]
public sealed class UserAdministrationTests(SqliteHost host)
{
    [Fact]
    public async Task A_role_change_applies_to_the_next_request_of_a_token_issued_before_it()
    {
        var (id, editor, email) = await CollectorAsync();
        var article = new { fields = new { name = new { ar = $"محرر {Guid.NewGuid():N}" } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync("/api/v1/manage/content/artist", article)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/roles", new { roles = new[] { "curator" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await editor.PostAsJsonAsync("/api/v1/manage/content/artist", article)).StatusCode);
        // Curators write content but do not administer accounts.
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync("/api/v1/manage/users")).StatusCode);
        var listed = (await host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/users?q={Uri.EscapeDataString(email)}"))!["items"]!.AsArray()
            .Single(u => u!["email"]!.GetValue<string>() == email)!;
        Assert.Equal(["curator"], listed["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, (await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/roles", new { roles = new[] { "collector" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.PostAsJsonAsync("/api/v1/manage/content/artist", article)).StatusCode);
    }

    [Fact]
    public async Task An_artist_account_is_linked_to_its_artist_entry_only()
    {
        var (id, account, _) = await CollectorAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/roles", new { roles = new[] { "artist" } })).StatusCode);
        var artist = await CreateAsync("artist", new { name = new { ar = "فنان مرتبط", en = "Linked artist" } });
        var artwork = await CreateAsync("artwork", new { title = new { ar = "عمل", en = "A work" } });

        var linked = await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/profile", new { entryId = artist });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        var me = (await account.GetFromJsonAsync<JsonObject>("/api/v1/me"))!;
        Assert.Equal(artist, me["profileEntryId"]!.GetValue<string>());

        var toArtwork = await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/profile?locale=ar", new { entryId = artwork });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, toArtwork.StatusCode);
        Assert.Contains("فنان أو معرض", (await toArtwork.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/profile", new { entryId = Guid.NewGuid() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{Guid.NewGuid()}/profile", new { entryId = artist })).StatusCode);
        Assert.Equal(artist, (await account.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["profileEntryId"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/profile", new { entryId = (Guid?)null })).StatusCode);
        Assert.Null((await account.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["profileEntryId"]);
    }

    /// <summary>A freshly registered collector: its id, a client signed in as it, its e-mail.</summary>
    private async Task<(string Id, HttpClient Client, string Email)> CollectorAsync()
    {
        var email = $"account-{Guid.NewGuid():N}@artsouk.test";
        var registered = await host.Anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "Account-Pass-2026!", displayName = "أمل", locale = "ar" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var token = (await (await host.Anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Account-Pass-2026!" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        var client = host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (id, client, email);
    }

    private async Task<string> CreateAsync(string type, object fields)
    {
        var created = await host.Admin.PostAsJsonAsync($"/api/v1/manage/content/{type}", new { fields });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task The_last_administrator_cannot_be_demoted()
    {
        var users = (await host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/users?q={Uri.EscapeDataString(ArtSoukApp.AdminEmail.ToUpperInvariant())}"))!["items"]!.AsArray();
        var admin = users.Single(u => u!["email"]!.GetValue<string>() == ArtSoukApp.AdminEmail)!;
        var response = await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{admin["id"]}/roles", new { roles = new[] { "collector" } });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{admin["id"]}/roles", new { roles = new[] { "emperor" } })).StatusCode);
    }
}

/// <summary>Stores made before the manager's roles keep every account's rights under the new names.</summary>
public sealed class RoleMigrationTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Editor_and_member_become_curator_and_collector(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        using var client = app.CreateClient();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
            var migrator = db.GetService<IMigrator>();
            var initial = db.Database.GetMigrations().First();
            await migrator.MigrateAsync(initial);
            Assert.Equal(["administrator", "editor", "gallery", "marketing", "member"],
                (await db.Roles.Select(r => r.Name!).ToListAsync()).Where(r => r != "artist").Order());
            await migrator.MigrateAsync();
            Assert.Equal(["administrator", "artist", "collector", "curator", "gallery", "marketing"], (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        }
    }
}
