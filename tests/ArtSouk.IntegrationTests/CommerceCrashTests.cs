using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// The host process is killed with SIGKILL while checkouts are in flight, then started again on the same data folder
/// (SQLite): every order a buyer was told about is there, every held unit belongs to an order, the unique work is held
/// by at most one order, and that hold is honoured after the restart.
/// </summary>
public sealed class CommerceCrashTests
{
    private static async Task<Guid> ListedWorkAsync(HttpClient admin, Guid artist, int n)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/manage/content/artwork",
            new { fields = new { title = new { ar = $"عمل {n}", en = $"Work {n}" }, artist }, publish = true });
        created.EnsureSuccessStatusCode();
        var work = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        (await admin.PutAsJsonAsync($"/api/v1/manage/listings/{work}", new { price = new { amount = 1000m + n, currency = "SAR" }, availability = "available", stock = 1 })).EnsureSuccessStatusCode();
        return work;
    }

    [Fact]
    public async Task A_host_killed_mid_checkout_loses_no_order_and_honours_its_holds_after_restart()
    {
        var data = Directory.CreateTempSubdirectory("artsouk-crash-").FullName;
        var told = new List<(Guid Work, Guid Order)>();
        Guid unique;
        var works = new List<Guid>();
        var ct = TestContext.Current.CancellationToken;
        await using (var host = await HostProcess.StartAsync(data, ct))
        {
            using var admin = await host.AdminAsync(ct);
            var artistResponse = await admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "نوف", en = "Nouf" } }, publish = true });
            artistResponse.EnsureSuccessStatusCode();
            var artist = Guid.Parse((await artistResponse.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
            unique = await ListedWorkAsync(admin, artist, 0);
            for (var i = 1; i <= 24; i++)
            {
                works.Add(await ListedWorkAsync(admin, artist, i));
            }

            // 12 buyers race for the unique work while 24 distinct works are checked out by card and bank transfer.
            var targets = Enumerable.Repeat(unique, 12).Concat(works).ToList();
            var answered = 0;
            var enough = new TaskCompletionSource();
            var checkouts = targets.Select((work, i) => Task.Run(async () =>
            {
                try
                {
                    var response = await admin.PostAsJsonAsync("/api/v1/checkout",
                        new { items = new[] { new { entryId = work, quantity = 1 } }, paymentMethod = i % 2 == 0 ? "card" : "bank-transfer" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        var order = Guid.Parse((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
                        lock (told)
                        {
                            told.Add((work, order));
                        }
                    }
                }
                catch (HttpRequestException)
                {
                    // The host died under this request: the buyer was told nothing.
                }
                catch (TaskCanceledException)
                {
                }
                if (Interlocked.Increment(ref answered) == 6)
                {
                    enough.TrySetResult();
                }
            })).ToList();
            await Task.WhenAny(enough.Task, Task.WhenAll(checkouts));
            await host.KillAsync();
            await Task.WhenAll(checkouts);
        }
        List<(Guid Work, Guid Order)> before;
        lock (told)
        {
            before = [.. told];
        }
        Assert.NotEmpty(before);

        await using (var host = await HostProcess.StartAsync(data, ct))
        {
            using var admin = await host.AdminAsync(ct);
            var orders = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/orders?limit=200"))!["items"]!.AsArray()
                .Select(o => (Id: Guid.Parse(o!["id"]!.GetValue<string>()), State: o["state"]!.GetValue<string>(),
                    Work: Guid.Parse(o["lines"]![0]!["entryId"]!.GetValue<string>()))).ToList();
            // No order a buyer was told about is lost, and none was paid or cancelled by the crash.
            foreach (var (work, order) in before)
            {
                Assert.Contains(orders, o => o.Id == order && o.Work == work && o.State == "pending_payment");
            }
            // The unique work is held by at most one order; every held unit belongs to exactly one order waiting for payment.
            var pending = orders.Where(o => o.State == "pending_payment").ToList();
            Assert.True(pending.Count(o => o.Work == unique) <= 1);
            foreach (var work in works.Append(unique))
            {
                var listing = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/listings/{work}"))!;
                Assert.Equal(pending.Count(o => o.Work == work), listing["reserved"]!.GetValue<int>());
                Assert.Equal(0, listing["sold"]!.GetValue<int>());
            }
            // The hold is honoured: nobody else can buy the unique work, and its order is paid and the work sold.
            var holder = pending.SingleOrDefault(o => o.Work == unique);
            var another = await admin.PostAsJsonAsync("/api/v1/checkout", new { items = new[] { new { entryId = unique, quantity = 1 } }, paymentMethod = "bank-transfer" });
            if (holder.Id == Guid.Empty)
            {
                Assert.Equal(HttpStatusCode.Created, another.StatusCode);
                holder = (Guid.Parse((await another.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>()), "pending_payment", unique);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, another.StatusCode);
                Assert.Equal("reserved", (await another.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
            }
            (await admin.PostAsJsonAsync($"/api/v1/manage/orders/{holder.Id}/mark-paid", new { reference = "TRF-AFTER-CRASH" })).EnsureSuccessStatusCode();
            var sold = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/listings/{unique}"))!;
            Assert.Equal(1, sold["sold"]!.GetValue<int>());
            Assert.Equal("sold", sold["availability"]!.GetValue<string>());
        }
        Directory.Delete(data, recursive: true);
    }
}
