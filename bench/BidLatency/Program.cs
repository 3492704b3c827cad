using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

// Bid-to-screen latency (not a test): W SignalR watchers (WebSockets) join one lot on a running host, then B bids are placed one
// at a time (two bidders taking turns, so each is accepted), and each watcher notes when its "bid" event arrives. Two figures
// per event and watcher: from the bid's acceptance (the event's server time "at", brought to the watcher's clock by its
// offset, measured as a client would from the snapshot's serverTime around the JoinLot call) to the screen; and from the
// moment the bidder had the POST's 201 to the screen (an event may beat the response: counted as 0). Run by
// bench/bidlatency.py, or against any host:
//   dotnet run -c Release --project bench/BidLatency -- <base-url> <admin-email> <admin-password> [watchers=1000] [bids=50]
var baseUri = new Uri(args[0]);
var watchers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1000;
var bids = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 50;
using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };

async Task<JsonObject> Post(string path, object body, string? token = null)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
    if (token is not null)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
}

async Task<string> Token(string email, string password) => (await Post("/api/v1/auth/token", new { email, password }))["access_token"]!.GetValue<string>();

var admin = await Token(args[1], args[2]);
var artist = (await Post("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "فنانة", en = "Artist" } }, publish = true }, admin))["id"]!.GetValue<string>();
var work = (await Post("/api/v1/manage/content/artwork", new { fields = new { title = new { ar = "عمل", en = "Work" }, artist }, publish = true }, admin))["id"]!.GetValue<string>();
var now = DateTimeOffset.UtcNow;
var sale = (await Post("/api/v1/manage/auctions", new
{
    title = new { ar = "مزاد", en = "Sale" }, type = "timed", startsAt = now.AddMinutes(-1), endsAt = now.AddHours(2), biddersNeedApproval = false, softCloseMinutes = 0,
}, admin))["id"]!.GetValue<string>();
var lot = Guid.Parse((await Post($"/api/v1/manage/auctions/{sale}/lots", new { entryId = work, startingBid = 1000m, closesAt = now.AddHours(2) }, admin))["id"]!.GetValue<string>());
var bidders = new string[2];
for (var i = 0; i < bidders.Length; i++)
{
    var email = $"latency-{i}-{Guid.NewGuid():N}@artsouk.test";
    await Post("/api/v1/auth/register", new { email, password = "Bidder-Pass-2026!" });
    bidders[i] = await Token(email, "Bidder-Pass-2026!");
}

// Arrival times per bid (its bidCount), in each watcher's own clock corrected to the server's.
var clock = Stopwatch.StartNew();
var epoch = DateTimeOffset.UtcNow;
DateTimeOffset Now() => epoch + clock.Elapsed;
var arrivals = new ConcurrentDictionary<int, ConcurrentBag<(DateTimeOffset Local, TimeSpan Offset, DateTimeOffset At)>>();
var connections = new HubConnection[watchers];
var offsets = new TimeSpan[watchers];
var joined = Stopwatch.StartNew();
for (var batch = 0; batch < watchers; batch += 50)
{
    await Task.WhenAll(Enumerable.Range(batch, Math.Min(50, watchers - batch)).Select(async w =>
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hubs/auctions"), o => o.Transports = HttpTransportType.WebSockets).Build();
        hub.On<JsonObject>("bid", e =>
        {
            var local = Now();
            arrivals.GetOrAdd(e["bidCount"]!.GetValue<int>(), _ => []).Add((local, offsets[w], e["at"]!.GetValue<DateTimeOffset>()));
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonObject>("JoinLot", lot);
        connections[w] = hub;
    }));
}
var joinSeconds = joined.Elapsed.TotalSeconds;
// Each watcher's view of the server clock, as a client measures it: serverTime from the snapshot, taken to be read halfway
// through the call, keeping the quickest of three calls (the least room for error), made one watcher at a time.
for (var w = 0; w < watchers; w++)
{
    var best = TimeSpan.MaxValue;
    for (var sample = 0; sample < 3; sample++)
    {
        var sent = Now();
        var snapshot = await connections[w].InvokeAsync<JsonObject>("JoinLot", lot);
        var received = Now();
        if (received - sent < best)
        {
            best = received - sent;
            offsets[w] = snapshot["serverTime"]!.GetValue<DateTimeOffset>() - (sent + (received - sent) / 2);
        }
    }
}
Console.WriteLine($"{watchers} watchers joined in {joinSeconds:0.0} s; clock offsets {offsets.Min().TotalMilliseconds:0.0} to {offsets.Max().TotalMilliseconds:0.0} ms");

var responded = new Dictionary<int, DateTimeOffset>();
var amount = 1000m;
for (var b = 0; b < bids; b++)
{
    var result = await Post($"/api/v1/lots/{lot}/bids", new { amount, clientBidId = Guid.NewGuid().ToString("N") }, bidders[b % 2]);
    responded[b + 1] = Now();
    amount = result["nextValidAmount"]!.GetValue<decimal>();
    // Bids a fifth of a second apart: each event's fan-out is measured on its own, as a room sees a lively lot.
    await Task.Delay(200);
}
await Task.Delay(2000);

var fromAccepted = new List<double>();
var fromResponse = new List<double>();
var early = 0;
var missing = 0;
for (var b = 1; b <= bids; b++)
{
    var got = arrivals.TryGetValue(b, out var bag) ? bag.ToList() : [];
    missing += watchers - got.Count;
    foreach (var (local, offset, at) in got)
    {
        fromAccepted.Add((local + offset - at).TotalMilliseconds);
        var afterResponse = (local - responded[b]).TotalMilliseconds;
        early += afterResponse < 0 ? 1 : 0;
        fromResponse.Add(Math.Max(0, afterResponse));
    }
}

static string Summary(List<double> ms)
{
    ms.Sort();
    double P(double q) => ms.Count == 0 ? double.NaN : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
    return string.Create(CultureInfo.InvariantCulture, $"p50 {P(0.50),7:0.0} ms   p95 {P(0.95),7:0.0} ms   p99 {P(0.99),7:0.0} ms   max {P(1),7:0.0} ms");
}

Console.WriteLine($"{bids} bids x {watchers} watchers: {fromAccepted.Count} events received, {missing} missing");
Console.WriteLine($"accepted (server time) -> screen   {Summary(fromAccepted)}");
Console.WriteLine($"POST 201 at bidder -> screen       {Summary(fromResponse)}   ({early} events arrived before the 201)");
foreach (var hub in connections)
{
    await hub.DisposeAsync();
}
