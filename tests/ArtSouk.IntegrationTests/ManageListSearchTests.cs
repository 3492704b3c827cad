using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>The manager's list: search by title words in either locale, and sort by creation or last change.</summary>
public abstract class ManageListSearchTests(HostFixture fixture)
{
    private HttpClient Admin => fixture.SkipReason is { } reason ? throw new InvalidOperationException(reason) : fixture.Admin;

    private void SkipWithoutHost()
    {
        if (fixture.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private async Task<string> CreateArtistAsync(string ar, string en)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar, en } } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private async Task<List<string>> IdsAsync(string query) =>
        (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/artist?limit=100&{query}"))!["items"]!.AsArray()
            .Select(i => i!["id"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Search_finds_an_entry_by_words_of_its_title_in_either_locale()
    {
        SkipWithoutHost();
        var stamp = Guid.NewGuid().ToString("N")[..6];
        var id = await CreateArtistAsync($"مها {stamp} القحطاني", $"Maha {stamp} Al-Qahtani");
        var other = await CreateArtistAsync($"سارة {stamp}", $"Sara {stamp}");

        Assert.Equal([id], await IdsAsync($"q={Uri.EscapeDataString($"maha {stamp.ToUpperInvariant()}")}"));
        Assert.Equal([id], await IdsAsync($"q={Uri.EscapeDataString($"مها {stamp}")}"));
        Assert.Equal([other, id], await IdsAsync($"q={stamp}"));
    }

    [Fact]
    public async Task Sort_orders_by_creation_or_last_change_and_refuses_unknown_keys()
    {
        SkipWithoutHost();
        var stamp = Guid.NewGuid().ToString("N")[..6];
        var first = await CreateArtistAsync($"أول {stamp}", $"First {stamp}");
        var second = await CreateArtistAsync($"ثان {stamp}", $"Second {stamp}");
        (await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{first}", new { fields = new { city = new { ar = "جدة", en = "Jeddah" } } })).EnsureSuccessStatusCode();

        Assert.Equal([second, first], await IdsAsync($"q={stamp}&sort=-created"));
        Assert.Equal([first, second], await IdsAsync($"q={stamp}&sort=created"));
        Assert.Equal([first, second], await IdsAsync($"q={stamp}&sort=-updated"));
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync("/api/v1/manage/content/artist?sort=price")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteManageListSearchTests(SqliteHost host) : ManageListSearchTests(host);

[Collection("postgres")]
public sealed class PostgresManageListSearchTests(PostgresHost host) : ManageListSearchTests(host);
