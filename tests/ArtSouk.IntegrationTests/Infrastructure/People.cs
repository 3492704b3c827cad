using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ArtSouk.IntegrationTests.Infrastructure;

/// <summary>Accounts made and signed in through the API, as a person would.</summary>
public static class People
{
    public const string Password = "Account-Pass-2026!";

    /// <summary>Registers a new collector; returns its id and e-mail.</summary>
    public static async Task<(string Id, string Email)> RegisterAsync(ArtSoukApp app, string locale = "ar")
    {
        using var client = app.CreateClient();
        var email = $"person-{Guid.NewGuid():N}@artsouk.test";
        var registered = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "ريم", locale });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return ((await registered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>(), email);
    }

    /// <summary>A token request, optionally as a client behind a proxy (<c>X-Forwarded-For</c>).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(ArtSoukApp app, string email, string password, string? twoFactorCode = null,
        string? from = null, string? language = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = JsonContent.Create(new { email, password, twoFactorCode }) };
        if (from is not null)
        {
            request.Headers.Add("X-Forwarded-For", from);
        }
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }
        return await client.SendAsync(request);
    }

    /// <summary>The token response of a sign-in that must succeed.</summary>
    public static async Task<JsonObject> TokensAsync(ArtSoukApp app, string email, string password = Password, string? twoFactorCode = null)
    {
        var response = await SignInAsync(app, email, password, twoFactorCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A client that sends <paramref name="accessToken"/>.</summary>
    public static HttpClient Bearer(ArtSoukApp app, string accessToken)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<HttpClient> SignedInAsync(ArtSoukApp app, string email, string password = Password) =>
        Bearer(app, (await TokensAsync(app, email, password))["access_token"]!.GetValue<string>());

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<string> CodeAsync(HttpResponseMessage response) => (await ProblemAsync(response))["code"]!.GetValue<string>();
}
