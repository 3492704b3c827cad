using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Cms.Publishing;
using ArtSouk.Commerce.Orders;
using ArtSouk.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// A host killed while it held a job-storage lock leaves the lock behind on PostgreSQL. The next start must still serve,
/// say what it could not schedule yet, and schedule it once the lock is gone.
/// </summary>
public sealed class PostgresRecurringJobTests
{
    [Fact]
    public async Task A_lock_left_behind_by_a_killed_host_neither_stops_the_next_start_nor_loses_a_schedule()
    {
        var connection = await Postgres.CreateDatabaseOrSkipAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var first = new ArtSoukApp(connection, seed: false))
        {
            await first.ReadyAsync();
            Assert.Equal("Healthy", await JobsStatusAsync(first.CreateClient(), ct));
        }

        // The lock the host's registration takes, held as a killed host would have left it.
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, options), options);
        using var storageConnection = storage.GetConnection();
        var held = storageConnection.AcquireDistributedLock($"lock:recurring-job:{ReservationSweeper.JobId}", TimeSpan.FromSeconds(10));

        await using var second = new ArtSoukApp(connection, seed: false);
        var http = second.CreateClient();
        await second.ReadyAsync();
        var ready = await http.GetAsync("/health/ready", ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var jobs = Jobs(await ready.Content.ReadFromJsonAsync<JsonObject>(ct));
        Assert.Equal("Degraded", jobs["status"]!.GetValue<string>());
        Assert.Contains(ReservationSweeper.JobId, jobs["description"]!.GetValue<string>(), StringComparison.Ordinal);
        // Serving meanwhile.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/content/artist", ct)).StatusCode);

        held.Dispose();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        string status;
        while ((status = await JobsStatusAsync(http, ct)) != "Healthy" && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250, ct);
        }
        Assert.Equal("Healthy", status);
        var scheduled = storageConnection.GetRecurringJobs().Select(j => j.Id).ToHashSet();
        Assert.Contains(ReservationSweeper.JobId, scheduled);
        Assert.Contains(ScheduledPublishing.JobId, scheduled);
    }

    private static async Task<string> JobsStatusAsync(HttpClient http, CancellationToken ct) =>
        Jobs(await http.GetFromJsonAsync<JsonObject>("/health/ready", ct))["status"]!.GetValue<string>();

    private static JsonObject Jobs(JsonObject? health) =>
        health!["checks"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["name"]!.GetValue<string>() == "jobs");
}
