using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>The content engine and Delivery API through HTTP, run once on SQLite and once on PostgreSQL.</summary>
public abstract class ContentApiTests(HostFixture fixture)
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

    private HttpClient Anonymous => Host.Anonymous;
    private HttpClient Admin => Host.Admin;

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..6]}";

    private async Task<JsonObject> CreateAsync(string type, object fields, bool publish = true, object? extra = null)
    {
        var body = new JsonObject { ["fields"] = JsonSerializerNode(fields), ["publish"] = publish };
        if (extra is not null)
        {
            foreach (var (k, v) in JsonSerializerNode(extra).AsObject())
            {
                body[k] = v?.DeepClone();
            }
        }
        var response = await Admin.PostAsJsonAsync($"/api/v1/manage/content/{type}", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static JsonNode JsonSerializerNode(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!;

    private async Task<(HttpStatusCode Status, JsonObject? Body, HttpResponseMessage Response)> GetAsync(string url, HttpClient? client = null)
    {
        var response = await (client ?? Anonymous).GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonNode.Parse(text)!.AsObject() : null, response);
    }

    private async Task<List<JsonObject>> PageAllAsync(string type, string query)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var (status, body, _) = await GetAsync($"/api/v1/content/{type}?{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(HttpStatusCode.OK, status);
            items.AddRange(body!["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = body["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        return items;
    }

    [Fact]
    public async Task Ready_health_reports_json_checks()
    {
        var (status, body, _) = await GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_migrations_match_the_model()
    {
        await using var scope = Host.App.Services.CreateAsyncScope();
        Assert.False(scope.ServiceProvider.GetRequiredService<ArtSouk.Cms.Persistence.CmsDbContext>().Database.HasPendingModelChanges());
        Assert.False(scope.ServiceProvider.GetRequiredService<ArtSouk.Accounts.Persistence.AccountsDbContext>().Database.HasPendingModelChanges());
        Assert.False(scope.ServiceProvider.GetRequiredService<ArtSouk.Commerce.Persistence.CommerceDbContext>().Database.HasPendingModelChanges());
        Assert.False(scope.ServiceProvider.GetRequiredService<ArtSouk.Auctions.Persistence.AuctionsDbContext>().Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Seeded_artists_page_by_cursor_without_duplicates()
    {
        var artists = await PageAllAsync("artist", "locale=ar&limit=7&sort=name");
        var ids = artists.Select(a => a["id"]!.GetValue<string>()).ToList();
        Assert.True(ids.Count >= 30, $"{ids.Count} artists");
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Seed_has_arabic_script_slugs_that_resolve()
    {
        var (_, body, _) = await GetAsync("/api/v1/content/artist?locale=ar&limit=100");
        var arabic = body!["items"]!.AsArray().Select(i => i!["slug"]!.GetValue<string>()).First(s => s.Any(c => c is >= '\u0600' and <= '\u06FF'));
        var (status, item, _) = await GetAsync($"/api/v1/content/artist/{Uri.EscapeDataString(arabic)}?locale=ar");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(arabic, item!["slug"]!.GetValue<string>());
    }

    [Fact]
    public async Task Filter_gte_and_descending_sort_return_only_matching_items_in_order()
    {
        var items = await PageAllAsync("artwork", "locale=en&limit=50&filter[year][gte]=2010&sort=-year");
        var years = items.Select(i => i["fields"]!["year"]!.GetValue<int>()).ToList();
        Assert.NotEmpty(years);
        Assert.All(years, y => Assert.True(y >= 2010));
        Assert.Equal(years.OrderByDescending(y => y), years);
    }

    [Fact]
    public async Task Filters_in_contains_and_exists_select_the_right_entries()
    {
        var artwork = (await GetAsync("/api/v1/content/artwork?locale=en&limit=1&filter[category]=photography")).Body!["items"]![0]!;
        Assert.Equal("photography", artwork["fields"]!["category"]!.GetValue<string>());
        var both = await PageAllAsync("artwork", "locale=en&limit=100&filter[category][in]=print,photography");
        Assert.NotEmpty(both);
        Assert.All(both, a => Assert.Contains(a["fields"]!["category"]!.GetValue<string>(), new[] { "print", "photography" }));
        var artistId = artwork["fields"]!["artist"]!.GetValue<string>();
        var byArtist = await PageAllAsync("artwork", $"locale=en&limit=100&filter[artist]={artistId}");
        Assert.NotEmpty(byArtist);
        Assert.All(byArtist, a => Assert.Equal(artistId, a["fields"]!["artist"]!.GetValue<string>()));
        var withEdition = await PageAllAsync("artwork", "locale=en&limit=100&filter[edition][exists]=true");
        Assert.NotEmpty(withEdition);
        Assert.All(withEdition, a => Assert.NotNull(a["fields"]!["edition"]));
        var word = artwork["fields"]!["title"]!.GetValue<string>().Split(' ')[0];
        var matching = await PageAllAsync("artwork", $"locale=en&limit=100&filter[title][contains]={Uri.EscapeDataString(word.ToUpperInvariant())}");
        Assert.Contains(matching, a => a["id"]!.GetValue<string>() == artwork["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/content/artwork?limit=101", 400)]
    [InlineData("/api/v1/content/artwork?limit=0", 400)]
    [InlineData("/api/v1/content/artwork?limit=abc", 400)]
    [InlineData("/api/v1/content/no-such-type", 404)]
    [InlineData("/api/v1/content/artwork?filter[noSuchField]=1", 400)]
    [InlineData("/api/v1/content/artwork?filter[year][zz]=1", 400)]
    [InlineData("/api/v1/content/artwork?filter[year][gte]=soon", 400)]
    [InlineData("/api/v1/content/artwork?cursor=%25%25%25garbage", 400)]
    [InlineData("/api/v1/content/artwork?sort=description", 400)]
    [InlineData("/api/v1/content/artwork?expand=title", 400)]
    [InlineData("/api/v1/content/artwork?locale=fr", 400)]
    [InlineData("/api/v1/content/artwork/00000000-0000-0000-0000-000000000000", 404)]
    public async Task Bad_input_is_a_problem_not_a_server_error(string url, int expected)
    {
        var (status, body, response) = await GetAsync(url);
        Assert.Equal(expected, (int)status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty(body!["code"]?.GetValue<string>()));
    }

    [Fact]
    public async Task Problem_titles_follow_the_request_locale()
    {
        var (_, arabic, _) = await GetAsync("/api/v1/content/artwork?limit=101&locale=ar");
        var (_, english, _) = await GetAsync("/api/v1/content/artwork?limit=101&locale=en");
        Assert.Contains(arabic!["title"]!.GetValue<string>(), c => c is >= '\u0600' and <= '\u06FF');
        Assert.Contains(arabic["detail"]!.GetValue<string>(), c => c is >= '\u0600' and <= '\u06FF');
        Assert.Equal("The query parameters are not valid", english!["title"]!.GetValue<string>());
        Assert.Equal("limit must be a whole number from 1 to 100", english["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Accept_language_chooses_the_locale_and_locale_beats_it()
    {
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/v1/content/artist?limit=1");
        english.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var response = await Anonymous.SendAsync(english);
        Assert.Equal("en", (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]![0]!["locale"]!.GetValue<string>());
        Assert.Equal("en", response.Content.Headers.ContentLanguage.Single());

        using var overridden = new HttpRequestMessage(HttpMethod.Get, "/api/v1/content/artist?limit=1&locale=ar");
        overridden.Headers.AcceptLanguage.ParseAdd("en");
        var ar = await Anonymous.SendAsync(overridden);
        Assert.Equal("ar", ar.Content.Headers.ContentLanguage.Single());
    }

    [Fact]
    public async Task Etag_round_trip_answers_304()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("هند"), en = Unique("Hind") } });
        var url = $"/api/v1/content/artist/{created["id"]}?locale=ar";
        var first = await Anonymous.GetAsync(url);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Anonymous.SendAsync(conditional)).StatusCode);
    }

    [Fact]
    public async Task A_cached_read_carries_the_same_body_and_headers_as_the_first()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("سلمى"), en = Unique("Salma") } });
        var url = $"/api/v1/content/artist/{created["id"]}?locale=en";
        var first = await Anonymous.GetAsync(url);
        var second = await Anonymous.GetAsync(url);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(first.Headers.CacheControl, second.Headers.CacheControl);
        Assert.Equal(first.Headers.Vary, second.Headers.Vary);
        Assert.Equal(first.Content.Headers.ContentLanguage, second.Content.Headers.ContentLanguage);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
    }

    [Fact]
    public async Task A_preview_read_is_never_served_to_the_next_caller()
    {
        var draft = await CreateAsync("artist", new { name = new { ar = Unique("مخفية"), en = "Hidden" } }, publish: false);
        var url = $"/api/v1/content/artist/{draft["id"]}?preview=true&locale=en";
        var key = await Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "preview cache", scopes = new[] { "preview" } });
        var secret = (await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        using var previewer = Host.App.CreateClient();
        previewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url, previewer)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(url)).Status);
    }

    [Fact]
    public async Task A_publish_shows_on_the_very_next_request()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("ريم"), en = "Reem" } });
        var url = $"/api/v1/content/artist/{created["id"]}?locale=en";
        Assert.Equal("Reem", (await GetAsync(url)).Body!["fields"]!["name"]!.GetValue<string>());
        var update = await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{created["id"]}", new { fields = new { name = new { en = "Reem Studio" } }, publish = true });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal("Reem Studio", (await GetAsync(url)).Body!["fields"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drafts_are_hidden_without_a_preview_key_and_shown_with_one()
    {
        var draft = await CreateAsync("artist", new { name = new { ar = Unique("مسودة"), en = "Draft" } }, publish: false);
        var id = draft["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/content/artist/{id}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync($"/api/v1/content/artist/{id}?preview=true")).Status);

        var key = await Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "preview app", scopes = new[] { "preview" } });
        var secret = (await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        using var previewer = Host.App.CreateClient();
        previewer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var (status, body, response) = await GetAsync($"/api/v1/content/artist/{id}?preview=true&locale=en", previewer);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Draft", body!["fields"]!["name"]!.GetValue<string>());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        // A preview key cannot write.
        var write = await previewer.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { ar = "لا" } } });
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task Renaming_a_slug_keeps_a_301_from_the_old_path()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("نورة"), en = Unique("Noura") } });
        var id = created["id"]!.GetValue<string>();
        var oldPath = (await GetAsync($"/api/v1/content/artist/{id}?locale=en")).Body!["translations"]!["en"]!.GetValue<string>();
        var renamed = $"noura-{Guid.NewGuid().ToString("N")[..6]}";
        var put = await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { slug = new { en = renamed }, fields = new { } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var (status, route, _) = await GetAsync($"/api/v1/routes?path={Uri.EscapeDataString(oldPath)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("redirect", route!["kind"]!.GetValue<string>());
        Assert.Equal(301, route["status"]!.GetValue<int>());
        Assert.Equal($"/en/artists/{renamed}", route["location"]!.GetValue<string>());
        var (_, current, _) = await GetAsync($"/api/v1/routes?path={Uri.EscapeDataString($"/en/artists/{renamed}")}");
        Assert.Equal("entry", current!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Arabic_slugs_drop_diacritics_and_tatweel_and_stay_unique()
    {
        var name = "سَـــارة " + Guid.NewGuid().ToString("N")[..4];
        var first = await CreateAsync("artist", new { name = new { ar = name } });
        var second = await CreateAsync("artist", new { name = new { ar = name } });
        var slug = first["slug"]!["ar"]!.GetValue<string>();
        Assert.StartsWith("سارة-", slug);
        Assert.Equal(slug + "-2", second["slug"]!["ar"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_english_field_falls_back_to_arabic_and_says_so()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("خالد"), en = "Khalid" }, bio = new { ar = "<p>خطاط من الأحساء</p>" } });
        var (_, body, _) = await GetAsync($"/api/v1/content/artist/{created["id"]}?locale=en");
        Assert.Equal("<p>خطاط من الأحساء</p>", body!["fields"]!["bio"]!.GetValue<string>());
        Assert.Equal(["bio"], body["fallbacks"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Empty((await GetAsync($"/api/v1/content/artist/{created["id"]}?locale=ar")).Body!["fallbacks"]!.AsArray());
    }

    [Fact]
    public async Task An_entry_can_be_live_in_arabic_only()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("لطيفة"), en = "Latifa" } }, extra: new { locales = new[] { "ar" } });
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/v1/content/artist/{created["id"]}?locale=ar")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/content/artist/{created["id"]}?locale=en")).Status);
        Assert.True(created["status"]!["ar"]!["published"]!.GetValue<bool>());
        Assert.False(created["status"]!["en"]!["published"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Required_arabic_fields_block_publishing()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { name = new { en = "Only English" } }, publish = true });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("publish-blocked", problem["code"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["fields.name.ar"]);
    }

    [Fact]
    public async Task Unknown_and_invalid_fields_are_rejected_with_arabic_messages()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/manage/content/artwork?locale=ar")
        {
            Content = JsonContent.Create(new { fields = new { title = new { ar = "عمل" }, year = 1200, colour = "blue", category = "poetry" } }),
        };
        var response = await Admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains("fields.colour", errors.Select(e => e.Key));
        Assert.Contains("fields.year", errors.Select(e => e.Key));
        Assert.Contains("fields.category", errors.Select(e => e.Key));
        Assert.Contains(errors["fields.year"]![0]!.GetValue<string>(), c => c is >= '\u0600' and <= '\u06FF');
    }

    [Theory]
    [InlineData("{\"fields\":{\"name\":{\"ar\":\"رقم\"},\"birthYear\":1e20}}", "fields.birthYear")]
    [InlineData("{\"fields\":{\"name\":{\"ar\":\"رقم\"},\"birthYear\":12345678901234567890123}}", "fields.birthYear")]
    [InlineData("{\"fields\":{\"name\":{\"ar\":\"رقم\"},\"birthYear\":1990.5}}", "fields.birthYear")]
    [InlineData("{\"fields\":{\"name\":{\"ar\":\"رقم\"},\"birthYear\":\"1990\"}}", "fields.birthYear")]
    [InlineData("{\"fields\":{\"name\":{\"ar\":\"رقم\"},\"gallery\":\"not-an-id\"}}", "fields.gallery")]
    [InlineData("{\"fields\":{\"name\":\"plain\"}}", "fields.name")]
    [InlineData("{\"fields\":{\"name\":{\"fr\":\"nom\"}}}", "fields.name.fr")]
    public async Task Out_of_shape_values_are_field_errors_not_server_errors(string body, string field)
    {
        var response = await Admin.PostAsync("/api/v1/manage/content/artist", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Contains(field, errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Heading_levels_and_coordinates_out_of_range_are_rejected()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/manage/content/gallery", new
        {
            fields = new { name = new { ar = Unique("صالة") }, location = new { lat = 1e300, lng = 46.7 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await Admin.PostAsJsonAsync("/api/v1/manage/content/page", new
        {
            fields = new { title = new { ar = Unique("صفحة"), en = "Page" }, body = new { ar = new object[] { new { type = "heading", text = "عنوان", level = 2.5 } } } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Fact]
    public async Task A_tampered_cursor_is_a_400()
    {
        var (_, page, _) = await GetAsync("/api/v1/content/artist?locale=ar&limit=2&sort=birthYear");
        var raw = page!["next"]!.GetValue<string>().Replace('-', '+').Replace('_', '/');
        var decoded = JsonNode.Parse(Convert.FromBase64String(raw + new string('=', (4 - raw.Length % 4) % 4)))!.AsArray();
        decoded[2] = new JsonArray("not a year");
        var forged = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(decoded.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var (status, _, _) = await GetAsync($"/api/v1/content/artist?locale=ar&limit=2&sort=birthYear&cursor={forged}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Media_fields_only_take_exists_filters()
    {
        var (status, _, _) = await GetAsync($"/api/v1/content/artwork?filter[images]={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/api/v1/content/artwork?filter[images][exists]=true&limit=1")).Status);
    }

    [Fact]
    public async Task An_english_slug_follows_the_english_title_until_first_published()
    {
        var name = Unique("عائشة");
        var created = await CreateAsync("artist", new { name = new { ar = name } }, publish: false);
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(created["slug"]!["ar"]!.GetValue<string>(), created["slug"]!["en"]!.GetValue<string>());
        var english = $"Aisha {Guid.NewGuid().ToString("N")[..6]}";
        var updated = await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { name = new { en = english } }, publish = true });
        var view = (await updated.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(english.ToLowerInvariant().Replace(' ', '-'), view["slug"]!["en"]!.GetValue<string>());
        // Once live, a new title no longer moves the URL.
        var later = await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { name = new { en = "Aisha Renamed" } }, publish = true });
        Assert.Equal(english.ToLowerInvariant().Replace(' ', '-'), (await later.Content.ReadFromJsonAsync<JsonObject>())!["slug"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task Me_with_an_api_key_is_a_404_not_a_crash()
    {
        var key = await Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "integration", scopes = new[] { "delivery" } });
        using var client = Host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await Admin.PostAsync("/api/v1/manage/content/artist", new StringContent("{\"fields\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Rich_text_is_sanitized_on_the_way_in()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("فهد") }, bio = new { ar = "<p onclick=\"x()\">فنان<script>alert(1)</script></p>" } });
        var bio = created["fields"]!["bio"]!["ar"]!.GetValue<string>();
        Assert.DoesNotContain("script", bio);
        Assert.DoesNotContain("onclick", bio);
        Assert.Contains("فنان", bio);
    }

    [Fact]
    public async Task Every_save_is_a_version_and_restore_makes_a_new_one()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("منيرة"), en = "Munira" }, birthYear = 1980 });
        var id = created["id"]!.GetValue<string>();
        await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { birthYear = 1981 } });
        await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { name = new { en = "Munira A." } } });

        var versions = (await Admin.GetFromJsonAsync<JsonArray>($"/api/v1/manage/content/artist/{id}/versions"))!;
        Assert.Equal([3, 2, 1], versions.Select(v => v!["number"]!.GetValue<int>()));

        var diff = (await Admin.GetFromJsonAsync<JsonArray>($"/api/v1/manage/content/artist/{id}/diff?from=1&to=3"))!;
        Assert.Equal(2, diff.Count);
        Assert.Contains(diff, d => d!["field"]!.GetValue<string>() == "birthYear" && d["before"]!.GetValue<int>() == 1980 && d["after"]!.GetValue<int>() == 1981);
        Assert.Contains(diff, d => d!["field"]!.GetValue<string>() == "name" && d["locale"]!.GetValue<string>() == "en");

        var restored = await Admin.PostAsync($"/api/v1/manage/content/artist/{id}/versions/1/restore", null);
        var view = (await restored.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(4, view["version"]!.GetValue<int>());
        Assert.Equal(1980, view["fields"]!["birthYear"]!.GetValue<int>());
        Assert.Equal("Munira", view["fields"]!["name"]!["en"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_working_draft_is_separate_from_the_published_version()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("عبدالله"), en = "Abdullah" } });
        var id = created["id"]!.GetValue<string>();
        await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { name = new { en = "Abdullah (draft)" } }, publish = false });
        Assert.Equal("Abdullah", (await GetAsync($"/api/v1/content/artist/{id}?locale=en")).Body!["fields"]!["name"]!.GetValue<string>());
        var view = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/artist/{id}"))!;
        Assert.Equal(2, view["version"]!.GetValue<int>());
        Assert.Equal(1, view["status"]!["en"]!["publishedVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Translation_status_marks_missing_and_outdated_locales()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("جود") }, bio = new { ar = "<p>نص</p>", en = "<p>Text</p>" } }, publish: false);
        Assert.False(created["status"]!["en"]!["complete"]!.GetValue<bool>());
        Assert.True(created["status"]!["ar"]!["complete"]!.GetValue<bool>());

        var id = created["id"]!.GetValue<string>();
        var response = await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { bio = new { ar = "<p>نص جديد</p>" } } });
        var view = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["bio"], view["status"]!["en"]!["outdatedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.False(view["status"]!["ar"]!["outdated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task Expand_embeds_the_artist_and_the_artists_gallery_in_the_requested_locale(string locale)
    {
        var galleryName = new Dictionary<string, string> { ["ar"] = Unique("صالة حافة"), ["en"] = Unique("Edge Gallery") };
        var gallery = (await CreateAsync("gallery", new { name = galleryName }))["id"]!.GetValue<string>();
        var artistName = new Dictionary<string, string> { ["ar"] = Unique("رسام"), ["en"] = Unique("Painter") };
        var artist = (await CreateAsync("artist", new { name = artistName, gallery }))["id"]!.GetValue<string>();
        await CreateAsync("artwork", new { title = new { ar = Unique("لوحة"), en = Unique("Canvas") }, artist });

        var (status, body, _) = await GetAsync($"/api/v1/content/artwork?locale={locale}&filter[artist]={artist}&expand=artist,artist.gallery");
        Assert.Equal(HttpStatusCode.OK, status);
        var embeddedArtist = Assert.Single(body!["items"]!.AsArray())!["fields"]!["artist"]!;
        Assert.Equal((artist, locale, artistName[locale]), (embeddedArtist["id"]!.GetValue<string>(), embeddedArtist["locale"]!.GetValue<string>(),
            embeddedArtist["fields"]!["name"]!.GetValue<string>()));
        var embeddedGallery = embeddedArtist["fields"]!["gallery"]!;
        Assert.Equal((gallery, "gallery", locale, galleryName[locale]), (embeddedGallery["id"]!.GetValue<string>(), embeddedGallery["type"]!.GetValue<string>(),
            embeddedGallery["locale"]!.GetValue<string>(), embeddedGallery["fields"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Expand_deeper_than_two_levels_is_a_400_problem()
    {
        // Every segment is a reference field, so only the depth rule can refuse it.
        var (status, body, _) = await GetAsync("/api/v1/content/collection?locale=en&expand=artworks.artist.gallery");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'artworks.artist.gallery' is deeper than 2 levels", body!["errors"]!["expand"]![0]!.GetValue<string>());
    }

    /// <summary>
    /// Walks a listing three at a time, inserting entries between pages: one tied with the row the cursor stands on and
    /// one earlier, later or without a year. The walk must be the full listing taken afterwards, in its order, less
    /// exactly the inserted entries that sort before the cursor they were inserted behind: nothing dropped, nothing
    /// repeated, no other entry skipped.
    /// </summary>
    [Theory]
    [InlineData("birthYear")]
    [InlineData("-birthYear")]
    public async Task A_cursor_walk_is_the_full_listing_while_entries_are_inserted(string sort)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var count = 0;
        async Task<string> AddAsync(int? year)
        {
            var n = count++;
            var name = new { ar = $"مسار {tag} {n}", en = $"Walk {tag} {n}" };
            return (await CreateAsync("artist", year is null ? new { name } : (object)new { name, birthYear = year }))["id"]!.GetValue<string>();
        }
        // Four artists share each year and two have none, so pages of three end inside ties.
        foreach (var year in new int?[] { 1960, 1970, 1980, null })
        {
            for (var i = 0; i < (year is null ? 2 : 4); i++)
            {
                await AddAsync(year);
            }
        }
        var query = $"locale=en&sort={sort}&filter[name][contains]={tag}";
        var before = (await ListingAsync(query)).Select(r => r.Id).ToHashSet();

        var walk = new List<string>();
        var insertedBehind = new List<(string Id, string Cursor)>();
        string? cursor = null;
        do
        {
            var (status, page, _) = await GetAsync($"/api/v1/content/artist?{query}&limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(HttpStatusCode.OK, status);
            var items = page!["items"]!.AsArray();
            walk.AddRange(items.Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["next"]?.GetValue<string>();
            if (cursor is not null)
            {
                var year = items[^1]!["fields"]!["birthYear"]?.GetValue<int>();
                int?[] other = [(year ?? 2000) - 5, (year ?? 2000) + 5, null];
                foreach (var inserted in new[] { year, other[insertedBehind.Count / 2 % 3] })
                {
                    insertedBehind.Add((await AddAsync(inserted), walk[^1]));
                }
            }
        }
        while (cursor is not null);

        var after = await ListingAsync(query);
        var years = after.Select(r => r.Year).ToList();
        Assert.Equal(sort.StartsWith('-') ? years.OrderByDescending(y => y ?? int.MinValue) : years.OrderBy(y => y ?? int.MaxValue), years);
        Assert.Equal(before.Concat(insertedBehind.Select(i => i.Id)).Order(), after.Select(r => r.Id).Order());
        var position = after.Select((row, index) => (row.Id, index)).ToDictionary(p => p.Id, p => p.index);
        var shown = insertedBehind.Where(i => position[i.Id] > position[i.Cursor]).Select(i => i.Id).ToHashSet();
        // Both outcomes occur, so the rule below is exercised both ways.
        Assert.NotEmpty(shown);
        Assert.NotEqual(insertedBehind.Count, shown.Count);
        Assert.Equal(after.Select(r => r.Id).Where(id => before.Contains(id) || shown.Contains(id)), walk);
    }

    /// <summary>The whole listing in one page.</summary>
    private async Task<List<(string Id, int? Year)>> ListingAsync(string query)
    {
        var (status, body, _) = await GetAsync($"/api/v1/content/artist?{query}&limit=100");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body!["next"]);
        return body["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<string>(), i["fields"]!["birthYear"]?.GetValue<int>())).ToList();
    }

    [Fact]
    public async Task Concurrent_saves_of_one_version_have_exactly_one_winner()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("سباق") } });
        var id = created["id"]!.GetValue<string>();
        var statuses = await Race.AllAsync(6, async i =>
            (await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { birthYear = 1960 + i }, version = 1 })).StatusCode);
        HttpStatusCode[] oneWinner = [HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.Conflict, 5)];
        Assert.Equal(oneWinner, statuses.OrderBy(s => s == HttpStatusCode.OK ? 0 : 1));
        var versions = (await Admin.GetFromJsonAsync<JsonArray>($"/api/v1/manage/content/artist/{id}/versions"))!;
        Assert.Equal(2, versions.Count);
    }

    [Fact]
    public async Task Unpublishing_takes_an_entry_offline_and_the_cache_forgets_it()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("مؤقت"), en = "Temporary" } });
        var url = $"/api/v1/content/artist/{created["id"]}?locale=ar";
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url)).Status);
        await Admin.PostAsJsonAsync($"/api/v1/manage/content/artist/{created["id"]}/unpublish", new { locales = new[] { "ar" } });
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(url)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/v1/content/artist/{created["id"]}?locale=en")).Status);
    }

    [Fact]
    public async Task Deleting_an_entry_and_emptying_it_from_the_trash_removes_it_its_versions_and_its_routes()
    {
        var created = await CreateAsync("artist", new { name = new { ar = Unique("محذوف"), en = Unique("Deleted") } });
        var id = created["id"]!.GetValue<string>();
        var path = (await GetAsync($"/api/v1/content/artist/{id}?locale=en")).Body!["translations"]!["en"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/content/artist/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/content/artist/{id}?locale=en")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/routes?path={Uri.EscapeDataString(path)}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync($"/api/v1/manage/content/artist/{id}/versions")).StatusCode);
        await using var scope = Host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArtSouk.Cms.Persistence.CmsDbContext>();
        var entryId = Guid.Parse(id);
        Assert.True(await db.Versions.AnyAsync(v => v.EntryId == entryId), "the trash keeps the versions");
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync($"/api/v1/manage/trash/{id}")).StatusCode);
        Assert.False(await db.Versions.AnyAsync(v => v.EntryId == entryId));
        Assert.False(await db.DeliveryItems.AnyAsync(d => d.EntryId == entryId));
        Assert.False(await db.Slugs.AnyAsync(s => s.EntryId == entryId));
    }

    [Fact]
    public async Task Editors_list_entries_with_drafts_and_per_locale_status()
    {
        var draft = await CreateAsync("workshop", new { title = new { ar = Unique("ورشة مسودة") }, startsAt = "2027-01-05T16:00:00Z" }, publish: false);
        var drafts = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = (await Admin.GetFromJsonAsync<JsonObject>($"/api/v1/manage/content/workshop?status=draft&limit=2" + (cursor is null ? "" : $"&cursor={cursor}")))!;
            drafts.AddRange(page["items"]!.AsArray().Select(i => i!.AsObject()));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.Contains(drafts, d => d["id"]!.GetValue<string>() == draft["id"]!.GetValue<string>());
        Assert.All(drafts, d => Assert.False(d["status"]!["ar"]!["published"]!.GetValue<bool>()));
        Assert.Equal(drafts.Count, drafts.Select(d => d["id"]!.GetValue<string>()).Distinct().Count());

        var published = (await Admin.GetFromJsonAsync<JsonObject>("/api/v1/manage/content/workshop?status=published&limit=100"))!;
        Assert.True(published["items"]!.AsArray().Count >= 10);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetAsync("/api/v1/manage/content/workshop?status=lost")).StatusCode);
    }

    [Fact]
    public async Task Editors_get_problem_details_in_their_language()
    {
        var missing = Guid.NewGuid();
        var ar = await Admin.GetAsync($"/api/v1/manage/content/artist/{missing}?locale=ar");
        var en = await Admin.GetAsync($"/api/v1/manage/content/artist/{missing}?locale=en");
        Assert.Equal(HttpStatusCode.NotFound, ar.StatusCode);
        Assert.Contains("لا يوجد", (await ar.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
        Assert.StartsWith("No artist with id", (await en.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manage_api_requires_authentication()
    {
        var response = await Anonymous.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields = new { } });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Openapi_describes_the_delivery_api()
    {
        var (status, body, _) = await GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("/api/v1/content/{type}", body!["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync("/api/docs")).StatusCode);
    }
}

[Collection("sqlite")]
public sealed class SqliteContentApiTests(SqliteHost host) : ContentApiTests(host);

[Collection("postgres")]
public sealed class PostgresContentApiTests(PostgresHost host) : ContentApiTests(host);
