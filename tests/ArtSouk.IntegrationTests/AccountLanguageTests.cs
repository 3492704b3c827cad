using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;

namespace ArtSouk.IntegrationTests;

/// <summary>The account, user and API-key endpoints answer in the request's language, and the account remembers its own.</summary>
[Collection("sqlite")]
public sealed class AccountLanguageTests(SqliteHost host)
{
    [Theory]
    [InlineData("ar", "نطاق")]
    [InlineData("en", "scope")]
    public async Task An_invalid_api_key_request_is_refused_in_the_request_language(string locale, string expected)
    {
        var response = await host.Admin.PostAsJsonAsync($"/api/v1/manage/api-keys?locale={locale}", new { name = "app", scopes = new[] { "everything" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await People.ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "لا يوجد مفتاح")]
    [InlineData("en", "No API key")]
    public async Task An_unknown_api_key_is_not_found_in_the_request_language(string locale, string expected)
    {
        var response = await host.Admin.DeleteAsync($"/api/v1/manage/api-keys/{Guid.NewGuid()}?locale={locale}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, (await People.ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "لا يوجد حساب")]
    [InlineData("en", "No account")]
    public async Task An_unknown_user_is_not_found_in_the_request_language(string locale, string expected)
    {
        var response = await host.Admin.PutAsJsonAsync($"/api/v1/manage/users/{Guid.NewGuid()}/disabled?locale={locale}", new { disabled = true });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(expected, (await People.ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "البريد الإلكتروني أو كلمة المرور غير صحيحة")]
    [InlineData("en", "The e-mail or password is not correct")]
    public async Task A_wrong_password_is_titled_in_the_request_language(string locale, string expected)
    {
        var response = await People.SignInAsync(host.App, ArtSoukApp.AdminEmail, "not-the-password", language: locale);
        Assert.Equal(expected, (await People.ProblemAsync(response))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_account_remembers_the_language_it_chose()
    {
        var (_, email) = await People.RegisterAsync(host.App, locale: "ar");
        using var client = await People.SignedInAsync(host.App, email);
        var updated = await client.PutAsJsonAsync("/api/v1/me", new { locale = "en", displayName = "Reem" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var me = (await client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!;
        Assert.Equal("en", me["locale"]!.GetValue<string>());
        Assert.Equal("Reem", me["displayName"]!.GetValue<string>());

        var refused = await client.PutAsJsonAsync("/api/v1/me?locale=en", new { locale = "fr" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("must be ar or en", (await People.ProblemAsync(refused))["errors"]!["locale"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Personal_endpoints_do_not_take_an_api_key_for_a_person()
    {
        var key = (await (await host.Admin.PostAsJsonAsync("/api/v1/manage/api-keys", new { name = "integration", scopes = new[] { "manage" } }))
            .Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        using var client = host.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (HttpMethod Method, string Path, object? Body)[] personal =
        [
            (HttpMethod.Get, "/api/v1/me", null), (HttpMethod.Put, "/api/v1/me", new { locale = "en" }),
            (HttpMethod.Post, "/api/v1/auth/sign-out-everywhere", null), (HttpMethod.Post, "/api/v1/me/password", new { currentPassword = "x", newPassword = "y" }),
            (HttpMethod.Post, "/api/v1/me/two-factor", null), (HttpMethod.Post, "/api/v1/me/two-factor/enable", new { code = "123456" }),
            (HttpMethod.Delete, "/api/v1/me/two-factor", new { code = "123456" }), (HttpMethod.Get, "/api/v1/me/two-factor", null),
            (HttpMethod.Post, "/api/v1/me/two-factor/recovery-codes", new { code = "123456" }),
        ];
        foreach (var (method, path, body) in personal)
        {
            using var request = new HttpRequestMessage(method, path + "?locale=en") { Content = body is null ? null : JsonContent.Create(body) };
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
            Assert.Contains("does not belong to an account", (await People.ProblemAsync(response))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }
}
