using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using ArtSouk.Kernel.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>The seeded demo catalogue is a market: its works carry prices and its events ahead carry seats, through the Delivery API.</summary>
[Collection("sqlite")]
public sealed class DemoMarketTests(SqliteHost host)
{
    /// <summary>Only what the seed wrote: other tests in this collection list works of their own on the same host.</summary>
    private HashSet<string> Seeded => host.App.Services.GetRequiredService<DemoSeed>().Entries.Select(e => e.Id.ToString()).ToHashSet();

    private async Task<List<JsonObject>> ItemsAsync(string type)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = (await host.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content/{type}?limit=100&locale=en" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))))!;
            items.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task Most_seeded_works_are_priced_in_SAR_and_editions_have_their_prints_as_stock()
    {
        var demo = Seeded;
        var seeded = (await ItemsAsync("artwork")).Where(i => demo.Contains(i["id"]!.GetValue<string>())).ToList();
        Assert.NotEmpty(seeded);
        var listed = seeded.Where(i => i["listing"] is JsonObject).Select(i => i["listing"]!).ToList();

        Assert.InRange(listed.Count, seeded.Count / 2, seeded.Count);
        Assert.All(listed, l => Assert.Equal("SAR", l["price"]!["currency"]!.GetValue<string>()));
        Assert.All(listed, l => Assert.InRange(l["price"]!["amount"]!.GetValue<decimal>(), 1_000m, 200_000m));
        Assert.Contains(listed, l => l["availability"]!.GetValue<string>() == "available" && l["stock"]!.GetValue<int>() > 1);
        Assert.Contains(listed, l => l["availability"]!.GetValue<string>() == "sold");
    }

    [Fact]
    public async Task Events_and_workshops_still_ahead_sell_seats_until_they_end()
    {
        var now = DateTimeOffset.UtcNow;
        var demo = Seeded;
        var ticketed = (await ItemsAsync("event")).Concat(await ItemsAsync("workshop"))
            .Where(i => demo.Contains(i["id"]!.GetValue<string>()) && i["tickets"] is JsonArray { Count: > 0 }).ToList();

        Assert.NotEmpty(ticketed);
        var tickets = ticketed.SelectMany(i => i["tickets"]!.AsArray().Select(t => t!)).ToList();
        Assert.All(tickets, t => Assert.True(t["salesEnd"]!.GetValue<DateTimeOffset>() > now.AddDays(-1), t.ToJsonString()));
        Assert.All(tickets, t => Assert.False(string.IsNullOrEmpty(t["name"]!["ar"]!.GetValue<string>())));
        Assert.Contains(tickets, t => t["availability"]!.GetValue<string>() == "available");
    }
}
