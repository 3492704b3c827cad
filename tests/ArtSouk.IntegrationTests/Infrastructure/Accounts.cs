using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>Accounts with a role (and a profile entry for artists and galleries), made the way an administrator would.</summary>
public static class Accounts
{
    public const string Password = "Role-Pass-2026!x";

    /// <summary>Registers an account, gives it <paramref name="role"/> (none for a collector) and links it to <paramref name="profile"/>.</summary>
    public static async Task<(HttpClient Client, Guid Id)> AccountAsync(this ArtSoukApp app, HttpClient admin, string role, Guid? profile = null)
    {
        var anonymous = app.CreateClient();
        var email = $"{role}-{Guid.NewGuid():N}@artsouk.test";
        var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password });
        registered.EnsureSuccessStatusCode();
        var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password });
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>());
        var id = Guid.Parse((await client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["id"]!.GetValue<string>());
        if (role != "collector")
        {
            (await admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/roles", new { roles = new[] { role } })).EnsureSuccessStatusCode();
        }
        if (profile is { } entry)
        {
            (await admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/profile", new { entryId = entry })).EnsureSuccessStatusCode();
        }
        return (client, id);
    }

    /// <summary>A client sending an API key with <paramref name="scopes"/>.</summary>
    public static async Task<HttpClient> KeyClientAsync(this ArtSoukApp app, HttpClient admin, params string[] scopes)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = $"key {Guid.NewGuid():N}"[..20], scopes });
        created.EnsureSuccessStatusCode();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
        return client;
    }

    /// <summary>Creates an entry as <paramref name="client"/>, asserting 201, and returns its id.</summary>
    public static async Task<Guid> CreateEntryAsync(this HttpClient client, string type, object fields, bool publish = true)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/manage/content/{type}", new { fields, publish });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"create {type}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
    }
}
