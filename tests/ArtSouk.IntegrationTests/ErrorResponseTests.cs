using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>
/// Error responses the OpenAPI document declares that no behaviour test produces on its way: each is a problem with
/// its stable code. <see cref="OpenApiContractTests"/> fails when a declared error is observed nowhere.
/// </summary>
[Collection("sqlite")]
public sealed class ErrorResponseTests(SqliteHost host)
{
    private HttpClient Admin => host.Admin;
    private HttpClient Anonymous => host.Anonymous;

    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>();
    }

    private async Task<string> CreateArtistAsync(object fields, object? slug = null, bool publish = true)
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/manage/content/artist", new { fields, slug, publish });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private async Task<HttpClient> KeyClientAsync(string scope)
    {
        var key = await Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = $"{scope} app", scopes = new[] { scope } });
        var client = host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await key.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>());
        return client;
    }

    [Fact]
    public async Task An_api_key_with_an_unknown_scope_is_a_validation_problem()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "everything", scopes = new[] { "everything" } });
        Assert.Equal("validation-failed", await ProblemCodeAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Revoking_an_unknown_api_key_is_a_404_problem()
    {
        var response = await Admin.DeleteAsync($"/api/v1/manage/api-keys/{Guid.NewGuid()}");
        Assert.Equal("not-found", await ProblemCodeAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task A_users_page_out_of_range_is_a_bad_query()
    {
        Assert.Equal("bad-query", await ProblemCodeAsync(await Admin.GetAsync("/api/v1/manage/users?limit=0"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Roles_of_an_unknown_account_are_a_404_problem()
    {
        var response = await Admin.PutAsJsonAsync($"/api/v1/manage/users/{Guid.NewGuid()}/roles", new { roles = new[] { "collector" } });
        Assert.Equal("not-found", await ProblemCodeAsync(response, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task An_unknown_content_type_definition_is_a_404_problem()
    {
        Assert.Equal("not-found", await ProblemCodeAsync(await Anonymous.GetAsync("/api/v1/content-types/spaceship"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Content_types_are_listed_in_pages_and_a_bad_limit_is_a_400_problem()
    {
        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = (await Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/content-types?limit=3{(cursor is null ? "" : "&cursor=" + cursor)}"))!;
            names.AddRange(page["items"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        Assert.Equal(["article", "artist", "artwork", "collection", "event", "gallery", "page", "workshop"], names);
        Assert.Equal("bad-query", await ProblemCodeAsync(await Anonymous.GetAsync("/api/v1/content-types?limit=0"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Removing_an_unknown_webhook_is_a_404_problem()
    {
        Assert.Equal("not-found", await ProblemCodeAsync(await Admin.DeleteAsync($"/api/v1/manage/webhooks/{Guid.NewGuid()}"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Editors_get_a_404_problem_for_an_unknown_content_type()
    {
        Assert.Equal("unknown-content-type", await ProblemCodeAsync(await Admin.GetAsync("/api/v1/manage/content/spaceship"), HttpStatusCode.NotFound));
        var create = await Admin.PostAsJsonAsync("/api/v1/manage/content/spaceship", new { fields = new { } });
        Assert.Equal("unknown-content-type", await ProblemCodeAsync(create, HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task A_slug_another_entry_holds_is_a_409_problem()
    {
        var slug = $"taken-{Guid.NewGuid():N}";
        await CreateArtistAsync(new { name = new { ar = "صاحب المعرّف", en = "Slug holder" } }, new { en = slug });
        var response = await Admin.PostAsJsonAsync("/api/v1/manage/content/artist", new
        {
            fields = new { name = new { ar = "طالب المعرّف", en = "Slug seeker" } },
            slug = new { en = slug },
        });
        Assert.Equal("slug-taken", await ProblemCodeAsync(response, HttpStatusCode.Conflict));
    }

    [Theory]
    [InlineData("PUT", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/publish")]
    [InlineData("POST", "/unpublish")]
    [InlineData("POST", "/versions/1/restore")]
    public async Task Writes_to_a_missing_entry_are_404_problems(string method, string action)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/v1/manage/content/artist/{Guid.NewGuid()}{action}")
        {
            Content = method == "PUT" ? JsonContent.Create(new { fields = new { } }) : null,
        };
        Assert.Equal("not-found", await ProblemCodeAsync(await Admin.SendAsync(request), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task A_missing_version_is_a_404_problem()
    {
        var id = await CreateArtistAsync(new { name = new { ar = $"نسخة {Guid.NewGuid():N}" } });
        Assert.Equal("not-found", await ProblemCodeAsync(await Admin.PostAsync($"/api/v1/manage/content/artist/{id}/versions/99/restore", null), HttpStatusCode.NotFound));
        Assert.Equal("not-found", await ProblemCodeAsync(await Admin.GetAsync($"/api/v1/manage/content/artist/{id}/diff?from=1&to=99"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task An_update_with_an_unknown_property_is_a_validation_problem()
    {
        var id = await CreateArtistAsync(new { name = new { ar = $"خاصية {Guid.NewGuid():N}" } });
        var response = await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { }, colour = "blue" });
        Assert.Equal("validation-failed", await ProblemCodeAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Publishing_a_draft_without_its_arabic_name_is_blocked()
    {
        var id = await CreateArtistAsync(new { name = new { en = $"English only {Guid.NewGuid():N}" } }, publish: false);
        Assert.Equal("publish-blocked", await ProblemCodeAsync(await Admin.PostAsync($"/api/v1/manage/content/artist/{id}/publish", null), HttpStatusCode.UnprocessableEntity));
        var update = await Admin.PutAsJsonAsync($"/api/v1/manage/content/artist/{id}", new { fields = new { }, publish = true });
        Assert.Equal("publish-blocked", await ProblemCodeAsync(update, HttpStatusCode.UnprocessableEntity));
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("unpublish")]
    public async Task An_unknown_locale_is_a_validation_problem(string action)
    {
        var id = await CreateArtistAsync(new { name = new { ar = $"لغة {Guid.NewGuid():N}", en = "Locale" } });
        var response = await Admin.PostAsJsonAsync($"/api/v1/manage/content/artist/{id}/{action}", new { locales = new[] { "fr" } });
        Assert.Equal("validation-failed", await ProblemCodeAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Previewing_a_list_needs_a_preview_key()
    {
        Assert.Equal("unauthorized", await ProblemCodeAsync(await Anonymous.GetAsync("/api/v1/content/artist?preview=true"), HttpStatusCode.Unauthorized));
    }

    [Theory]
    [InlineData("/api/v1/content/artist?preview=true")]
    [InlineData("/api/v1/content/artist/{id}?preview=true")]
    public async Task A_delivery_key_cannot_preview_drafts(string url)
    {
        var id = await CreateArtistAsync(new { name = new { ar = $"مسودة {Guid.NewGuid():N}" } }, publish: false);
        using var client = await KeyClientAsync("delivery");
        var response = await client.GetAsync(url.Replace("{id}", id, StringComparison.Ordinal));
        Assert.Equal("forbidden", await ProblemCodeAsync(response, HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task An_unsupported_locale_for_one_item_is_a_bad_query()
    {
        var id = await CreateArtistAsync(new { name = new { ar = $"فرنسية {Guid.NewGuid():N}" } });
        Assert.Equal("bad-query", await ProblemCodeAsync(await Anonymous.GetAsync($"/api/v1/content/artist/{id}?locale=fr"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Resolving_a_route_needs_a_path()
    {
        Assert.Equal("bad-query", await ProblemCodeAsync(await Anonymous.GetAsync("/api/v1/routes"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_is_a_400_problem()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/manage/media", new { file = "portrait.png" });
        Assert.Equal("malformed-body", await ProblemCodeAsync(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task A_broken_multipart_body_is_a_400_problem_not_a_server_error()
    {
        using var content = new StringContent("not multipart at all");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        Assert.Equal("malformed-body", await ProblemCodeAsync(await Admin.PostAsync("/api/v1/manage/media", content), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task An_image_over_20_MB_is_refused_with_413()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[(20 * 1024 * 1024) + 1]), "file", "huge.png" } };
        Assert.Equal("payload-too-large", await ProblemCodeAsync(await Admin.PostAsync("/api/v1/manage/media", form), HttpStatusCode.RequestEntityTooLarge));
    }
}
