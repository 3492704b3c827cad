using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>The audit log: who changed what, with values before and after, newest first; on SQLite and PostgreSQL.</summary>
public abstract class AuditTests(HostFixture fixture)
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

    private static async Task<List<JsonObject>> AllAsync(HttpClient client, string query)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/api/v1/manage/audit?{query}" + (cursor is null ? "" : $"&cursor={cursor}")))!;
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task The_audit_log_names_who_changed_an_entry_with_values_before_and_after_per_locale()
    {
        var (curator, curatorId) = await Host.App.AccountAsync(Host.Admin, "curator");
        var id = await curator.CreateEntryAsync("artist", new { name = new { ar = "سارة", en = "Sara" } });
        await curator.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { name = new { en = "Sarah" } } });

        var records = await AllAsync(Host.Admin, $"entryId={id}");
        Assert.All(records, r => Assert.Equal(curatorId.ToString(), r["userId"]!.GetValue<string>()));
        Assert.Equal(["entry.update", "entry.publish", "entry.create"], records.Select(r => r["action"]!.GetValue<string>()));
        var rename = records[0]["changes"]!.AsArray().Single()!;
        Assert.Equal("name", rename["field"]!.GetValue<string>());
        Assert.Equal("en", rename["locale"]!.GetValue<string>());
        Assert.Equal("Sara", rename["before"]!.GetValue<string>());
        Assert.Equal("Sarah", rename["after"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uploading_editing_and_deleting_an_image_are_recorded_with_what_changed()
    {
        var (curator, curatorId) = await Host.App.AccountAsync(Host.Admin, "curator");
        var uploaded = await curator.PostAsync("/api/v1/manage/media", TestImages.Form(TestImages.Png(40, 30), "audited.png", altAr: "قبل", altEn: "Before"));
        Assert.Equal(System.Net.HttpStatusCode.Created, uploaded.StatusCode);
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await curator.PutAsJsonAsync($"/api/v1/manage/media/{id}", new { alt = new { en = "After" } })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await curator.DeleteAsync($"/api/v1/manage/media/{id}")).StatusCode);

        var records = await AllAsync(Host.Admin, $"entryId={id}");
        Assert.Equal(["media.delete", "media.update", "media.create"], records.Select(r => r["action"]!.GetValue<string>()));
        Assert.All(records, r => Assert.Equal(curatorId.ToString(), r["userId"]!.GetValue<string>()));
        var alt = records[1]["changes"]!.AsArray().Single(c => c!["field"]!.GetValue<string>() == "alt")!;
        Assert.Equal("Before", alt["before"]!["en"]!.GetValue<string>());
        Assert.Equal("After", alt["after"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task Audit_pages_follow_a_cursor_without_gaps_or_repeats()
    {
        var id = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("صفحات") } }, publish: false);
        for (var year = 1970; year < 1975; year++)
        {
            await Host.Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { birthYear = year } });
        }
        var paged = await AllAsync(Host.Admin, $"entryId={id}&limit=2");
        var whole = (await Host.Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/audit?entryId={id}&limit=100"))!["items"]!.AsArray();
        Assert.Equal(6, paged.Count);
        Assert.Equal(whole.Select(i => i!["id"]!.GetValue<string>()), paged.Select(i => i["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Webhook_changes_are_audited()
    {
        var created = await Host.Admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = Unique("audited"), url = "https://example.test/hook" });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await Host.Admin.DeleteAsync($"/api/v1/manage/webhooks/{id}");
        var actions = (await AllAsync(Host.Admin, $"entryId={id}")).Select(r => r["action"]!.GetValue<string>());
        Assert.Equal(["webhook.delete", "webhook.create"], actions);
    }

    [Fact]
    public async Task Role_changes_profile_links_and_api_keys_are_audited_in_the_accounts_log()
    {
        var profile = await Host.Admin.CreateEntryAsync("artist", new { name = new { ar = Unique("ملف") } });
        var (_, userId) = await Host.App.AccountAsync(Host.Admin, "artist", profile);
        var user = await AllAsync(Host.Admin, $"entryId={userId}");
        Assert.Contains(user, r => r["action"]!.GetValue<string>() == "user.roles" && r["module"]!.GetValue<string>() == "accounts"
            && r["changes"]![0]!["after"]!.GetValue<string>() == "artist");
        Assert.Contains(user, r => r["action"]!.GetValue<string>() == "user.profile" && r["changes"]![0]!["after"]!.GetValue<string>() == profile.ToString());

        var key = (await (await Host.Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "audited key", scopes = new[] { "delivery" } }))
            .Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await Host.Admin.DeleteAsync($"/api/v1/manage/api-keys/{key}");
        Assert.Equal(["api_key.revoke", "api_key.create"], (await AllAsync(Host.Admin, $"entryId={key}")).Select(r => r["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Curators_read_entry_history_others_may_not_and_a_bad_cursor_is_a_400()
    {
        var (curator, _) = await Host.App.AccountAsync(Host.Admin, "curator");
        var (marketing, _) = await Host.App.AccountAsync(Host.Admin, "marketing");
        await Host.Admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = Unique("hidden"), url = "https://example.test/hook" });
        var seen = (await curator.GetFromJsonAsync<JsonObject>("/api/v1/manage/audit?limit=200"))!["items"]!.AsArray();
        Assert.All(seen, r => Assert.StartsWith("entry.", r!["action"]!.GetValue<string>()));
        var refused = await marketing.GetAsync("/api/v1/manage/audit?locale=en");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Host.Admin.GetAsync("/api/v1/manage/audit?cursor=not-ours")).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_filters_by_user_and_time()
    {
        var (curator, curatorId) = await Host.App.AccountAsync(Host.Admin, "curator");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await curator.CreateEntryAsync("artist", new { name = new { ar = Unique("مرشّح") } }, publish: false);
        var mine = await AllAsync(Host.Admin, $"userId={curatorId}&from={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.Single(mine);
        Assert.Empty(await AllAsync(Host.Admin, $"userId={curatorId}&to={Uri.EscapeDataString(before.ToString("O"))}"));
    }
}

[Collection("sqlite")]
public sealed class SqliteAuditTests(SqliteHost host) : AuditTests(host);

[Collection("postgres")]
public sealed class PostgresAuditTests(PostgresHost host) : AuditTests(host);
