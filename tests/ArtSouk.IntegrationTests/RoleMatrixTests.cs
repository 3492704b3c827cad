using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Every management endpoint against every kind of caller, compared with the table below: the roles and ownership
/// rules as a reviewer reads them. "own" is the artist account's entry (or an artwork referencing it), "other" someone
/// else's. A row's target is made fresh for each caller when the request changes it.
/// </summary>
public sealed class RoleMatrixTests
{
    private static readonly string[] Callers = ["administrator", "curator", "marketing", "artist", "gallery", "collector", "anonymous", "manage key"];

    private sealed record Row(string Name, HttpMethod Method, Func<Task<string>> Url, object? Body, int[] Expected);

    [Fact]
    public async Task Every_management_endpoint_answers_each_role_as_the_table_says()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var own = await admin.CreateEntryAsync("artist", new { name = new { ar = "فنانة المصفوفة", en = "Matrix artist" } });
        var other = await admin.CreateEntryAsync("artist", new { name = new { ar = "فنان آخر", en = "Other artist" } });
        var gallery = await admin.CreateEntryAsync("gallery", new { name = new { ar = "صالة المصفوفة", en = "Matrix gallery" } });
        var ownWork = await admin.CreateEntryAsync("artwork", new { title = new { ar = "عمل خاص" }, artist = own });
        var otherWork = await admin.CreateEntryAsync("artwork", new { title = new { ar = "عمل آخر" }, artist = other });
        var anEvent = await admin.CreateEntryAsync("event", new { title = new { ar = "فعالية" }, kind = "talk", startsAt = "2027-01-10T17:00:00Z" });
        var (artistClient, _) = await app.AccountAsync(admin, "artist", own);
        var hook = (await (await admin.PostAsJsonAsync("/api/v1/manage/webhooks", new { name = "matrix log", url = "https://example.test/log" })).Content.ReadFromJsonAsync<JsonObject>())!["id"];
        var (users, _) = await app.AccountAsync(admin, "collector");
        var clients = new Dictionary<string, HttpClient>
        {
            ["administrator"] = admin,
            ["curator"] = (await app.AccountAsync(admin, "curator")).Client,
            ["marketing"] = (await app.AccountAsync(admin, "marketing")).Client,
            ["artist"] = artistClient,
            ["gallery"] = (await app.AccountAsync(admin, "gallery", gallery)).Client,
            ["collector"] = users,
            ["anonymous"] = app.CreateClient(),
            ["manage key"] = await app.KeyClientAsync(admin, "manage"),
        };

        Task<string> Fixed(string url) => Task.FromResult(url);
        async Task<string> FreshArtist(string suffix) =>
            $"/api/v1/manage/content/artist/{await admin.CreateEntryAsync("artist", new { name = new { ar = $"مؤقت {Guid.NewGuid():N}" } })}{suffix}";
        async Task<string> FreshEvent(string suffix) =>
            $"/api/v1/manage/content/event/{await admin.CreateEntryAsync("event", new { title = new { ar = $"فعالية {Guid.NewGuid():N}" }, kind = "talk", startsAt = "2027-01-10T17:00:00Z" })}{suffix}";
        async Task<string> Trashed(string suffix)
        {
            var url = await FreshArtist("");
            await admin.DeleteAsync(url);
            return $"/api/v1/manage/trash/{url.Split('/')[^1]}{suffix}";
        }
        async Task<string> FreshMedia(string suffix)
        {
            var uploaded = await admin.PostAsync("/api/v1/manage/media", TestImages.Form(TestImages.Png(48, 32), "matrix.png", altAr: "صورة", altEn: "Image"));
            uploaded.EnsureSuccessStatusCode();
            return $"/api/v1/manage/media/{(await uploaded.Content.ReadFromJsonAsync<JsonObject>())!["id"]}{suffix}";
        }
        async Task<string> InReview()
        {
            var work = await admin.CreateEntryAsync("artwork", new { title = new { ar = $"للمراجعة {Guid.NewGuid():N}" }, artist = own });
            (await artistClient.PutAsJsonAsync($"/api/v1/manage/content/artwork/{work}", new { fields = new { year = 2021 } })).EnsureSuccessStatusCode();
            return $"/api/v1/manage/content/artwork/{work}/review";
        }
        var content = "/api/v1/manage/content";
        var artistFields = new { fields = new { name = new { ar = "جديد" } } };
        //                                                                                                  admin curator marketing artist gallery collector anonymous key
        Row[] table =
        [
            new("list artists", HttpMethod.Get, () => Fixed($"{content}/artist"), null, [200, 200, 403, 200, 403, 403, 401, 200]),
            new("list artworks", HttpMethod.Get, () => Fixed($"{content}/artwork"), null, [200, 200, 403, 200, 200, 403, 401, 200]),
            new("list events", HttpMethod.Get, () => Fixed($"{content}/event"), null, [200, 200, 200, 403, 403, 403, 401, 200]),
            new("list in review", HttpMethod.Get, () => Fixed($"{content}/artwork?status=in_review"), null, [200, 200, 403, 200, 200, 403, 401, 200]),
            new("get own artist", HttpMethod.Get, () => Fixed($"{content}/artist/{own}"), null, [200, 200, 403, 200, 403, 403, 401, 200]),
            new("get other artist", HttpMethod.Get, () => Fixed($"{content}/artist/{other}"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("get own gallery", HttpMethod.Get, () => Fixed($"{content}/gallery/{gallery}"), null, [200, 200, 403, 403, 200, 403, 401, 200]),
            new("get own artwork", HttpMethod.Get, () => Fixed($"{content}/artwork/{ownWork}"), null, [200, 200, 403, 200, 403, 403, 401, 200]),
            new("get other artwork", HttpMethod.Get, () => Fixed($"{content}/artwork/{otherWork}"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("get event", HttpMethod.Get, () => Fixed($"{content}/event/{anEvent}"), null, [200, 200, 200, 403, 403, 403, 401, 200]),
            new("create artist", HttpMethod.Post, () => Fixed($"{content}/artist"), artistFields, [201, 201, 403, 403, 403, 403, 401, 201]),
            new("create own artwork", HttpMethod.Post, () => Fixed($"{content}/artwork"), new { fields = new { title = new { ar = "عمل" }, artist = own } }, [201, 201, 403, 201, 403, 403, 401, 201]),
            new("create other's artwork", HttpMethod.Post, () => Fixed($"{content}/artwork"), new { fields = new { title = new { ar = "عمل" }, artist = other } }, [201, 201, 403, 403, 403, 403, 401, 201]),
            new("create event", HttpMethod.Post, () => Fixed($"{content}/event"), new { fields = new { title = new { ar = "أمسية" }, kind = "talk", startsAt = "2027-02-01T17:00:00Z" } }, [201, 201, 201, 403, 403, 403, 401, 201]),
            new("update own artist", HttpMethod.Put, () => Fixed($"{content}/artist/{own}"), new { fields = new { birthYear = 1980 } }, [200, 200, 403, 202, 403, 403, 401, 200]),
            new("update other artist", HttpMethod.Put, () => Fixed($"{content}/artist/{other}"), new { fields = new { birthYear = 1980 } }, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("update own artwork", HttpMethod.Put, () => Fixed($"{content}/artwork/{ownWork}"), new { fields = new { year = 2020 } }, [200, 200, 403, 202, 403, 403, 401, 200]),
            new("update other artwork", HttpMethod.Put, () => Fixed($"{content}/artwork/{otherWork}"), new { fields = new { year = 2020 } }, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("update event", HttpMethod.Put, () => FreshEvent(""), new { fields = new { city = new { ar = "جدة" } } }, [200, 200, 200, 403, 403, 403, 401, 200]),
            new("delete artist", HttpMethod.Delete, () => FreshArtist(""), null, [204, 204, 403, 403, 403, 403, 401, 204]),
            new("delete event", HttpMethod.Delete, () => FreshEvent(""), null, [204, 204, 204, 403, 403, 403, 401, 204]),
            new("publish artist", HttpMethod.Post, () => FreshArtist("/publish"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("publish own artist", HttpMethod.Post, () => Fixed($"{content}/artist/{own}/publish"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("unpublish artist", HttpMethod.Post, () => FreshArtist("/unpublish"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("versions of own", HttpMethod.Get, () => Fixed($"{content}/artist/{own}/versions"), null, [200, 200, 403, 200, 403, 403, 401, 200]),
            new("versions of other", HttpMethod.Get, () => Fixed($"{content}/artist/{other}/versions"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("diff of own", HttpMethod.Get, () => Fixed($"{content}/artist/{own}/diff?from=1&to=1"), null, [200, 200, 403, 200, 403, 403, 401, 200]),
            new("restore version", HttpMethod.Post, () => FreshArtist("/versions/1/restore"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("review", HttpMethod.Post, InReview, new { decision = "approve" }, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("trash", HttpMethod.Get, () => Fixed("/api/v1/manage/trash"), null, [200, 200, 200, 403, 403, 403, 401, 200]),
            new("restore from trash", HttpMethod.Post, () => Trashed("/restore"), null, [200, 200, 403, 403, 403, 403, 401, 200]),
            new("purge from trash", HttpMethod.Delete, () => Trashed(""), null, [204, 403, 403, 403, 403, 403, 401, 403]),
            new("rights", HttpMethod.Get, () => Fixed("/api/v1/manage/rights"), null, [200, 200, 200, 200, 200, 403, 401, 200]),
            new("dashboard", HttpMethod.Get, () => Fixed("/api/v1/manage/dashboard"), null, [200, 200, 200, 200, 200, 403, 401, 200]),
            new("media", HttpMethod.Get, () => Fixed("/api/v1/manage/media"), null, [200, 200, 200, 200, 200, 403, 401, 200]),
            new("upload", HttpMethod.Post, () => Fixed("/api/v1/manage/media"), (Func<HttpContent>)(() => TestImages.Form(TestImages.Png(40, 30), "up.png", altAr: "صورة", altEn: "Image")),
                [201, 201, 201, 201, 201, 403, 401, 201]),
            new("one asset", HttpMethod.Get, () => FreshMedia(""), null, [200, 200, 200, 200, 200, 403, 401, 200]),
            new("asset usage", HttpMethod.Get, () => FreshMedia("/usage"), null, [200, 200, 200, 200, 200, 403, 401, 200]),
            new("edit asset", HttpMethod.Put, () => FreshMedia(""), new { alt = new { en = "Edited" } }, [200, 200, 200, 403, 403, 403, 401, 200]),
            new("delete asset", HttpMethod.Delete, () => FreshMedia(""), null, [204, 204, 204, 403, 403, 403, 401, 204]),
            new("users", HttpMethod.Get, () => Fixed("/api/v1/manage/users"), null, [200, 403, 403, 403, 403, 403, 401, 403]),
            new("api keys", HttpMethod.Get, () => Fixed("/api/v1/manage/api-keys"), null, [200, 403, 403, 403, 403, 403, 401, 403]),
            new("webhooks", HttpMethod.Get, () => Fixed("/api/v1/manage/webhooks"), null, [200, 403, 403, 403, 403, 403, 401, 403]),
            new("create webhook", HttpMethod.Post, () => Fixed("/api/v1/manage/webhooks"), new { name = "matrix", url = "https://example.test/hook" }, [201, 403, 403, 403, 403, 403, 401, 403]),
            new("webhook deliveries", HttpMethod.Get, () => Fixed($"/api/v1/manage/webhooks/{hook}/deliveries"), null, [200, 403, 403, 403, 403, 403, 401, 403]),
            new("replay a delivery", HttpMethod.Post, () => Fixed($"/api/v1/manage/webhooks/{hook}/deliveries/{Guid.NewGuid()}/redeliver"), null, [404, 403, 403, 403, 403, 403, 401, 403]),
            new("audit", HttpMethod.Get, () => Fixed("/api/v1/manage/audit"), null, [200, 200, 403, 403, 403, 403, 401, 403]),
            new("outbox", HttpMethod.Get, () => Fixed("/api/v1/manage/outbox"), null, [200, 403, 403, 403, 403, 403, 401, 403]),
        ];

        var mismatches = new List<string>();
        foreach (var row in table)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                using var request = new HttpRequestMessage(row.Method, await row.Url());
                if (row.Body is not null)
                {
                    request.Content = row.Body is Func<HttpContent> make ? make() : JsonContent.Create(row.Body);
                }
                using var response = await clients[Callers[i]].SendAsync(request);
                if ((int)response.StatusCode != row.Expected[i])
                {
                    var body = await response.Content.ReadAsStringAsync();
                    mismatches.Add($"{row.Name} as {Callers[i]}: expected {row.Expected[i]}, got {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
                }
                else if (row.Expected[i] is 401 or 403 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    mismatches.Add($"{row.Name} as {Callers[i]}: {row.Expected[i]} without a problem body");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public async Task The_rights_endpoint_tells_the_manager_what_each_role_may_do()
    {
        await using var app = new ArtSoukApp(null, seed: false);
        var admin = await app.AdminClientAsync();
        var own = await admin.CreateEntryAsync("artist", new { name = new { ar = "حقوق" } });
        var (artist, _) = await app.AccountAsync(admin, "artist", own);
        var (marketing, _) = await app.AccountAsync(admin, "marketing");
        static JsonNode Type(JsonObject rights, string type) => rights["types"]!.AsArray().Single(t => t!["type"]!.GetValue<string>() == type)!;

        var theirs = (await artist.GetFromJsonAsync<JsonObject>("/api/v1/manage/rights"))!;
        Assert.Equal(own.ToString(), theirs["profile"]!.GetValue<string>());
        Assert.True(Type(theirs, "artwork")["create"]!.GetValue<bool>());
        Assert.True(Type(theirs, "artwork")["waitsForReview"]!.GetValue<bool>());
        Assert.False(Type(theirs, "artwork")["publish"]!.GetValue<bool>());
        Assert.False(Type(theirs, "event")["access"]!.GetValue<bool>());
        Assert.False(theirs["review"]!.GetValue<bool>());

        var market = (await marketing.GetFromJsonAsync<JsonObject>("/api/v1/manage/rights"))!;
        Assert.True(Type(market, "event")["publish"]!.GetValue<bool>());
        Assert.False(Type(market, "artwork")["access"]!.GetValue<bool>());
        Assert.True(market["trash"]!.GetValue<bool>());
        Assert.False(market["emptyTrash"]!.GetValue<bool>());
    }
}
