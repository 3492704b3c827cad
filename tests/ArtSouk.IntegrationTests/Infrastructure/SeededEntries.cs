using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>
/// The seeded demo entries of a shared host, read through the Delivery API: they are the oldest published, since the
/// other tests on that host add bare entries after the seeding.
/// </summary>
public static class SeededEntries
{
    /// <summary>The <paramref name="limit"/> oldest published entries of <paramref name="type"/>; <paramref name="query"/> adds filters (<c>&amp;filter[...]=...</c>).</summary>
    public static async Task<IReadOnlyList<JsonObject>> SeededAsync(this HttpClient client, string type, string locale = "en", int limit = 1, string query = "")
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetFromJsonAsync<JsonObject>($"/api/v1/content/{type}?locale={locale}&limit={limit}&sort=publishedAt{query}",
            TestContext.Current.CancellationToken);
        return page!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }
}
