using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>Accounts made through the API for a journey, and signing them in through the manager's form.</summary>
internal static class Accounts
{
    public const string Password = "Journey-Pass-2026!";

    public static async Task<HttpClient> BearerAsync(ManagerHost host, string email, string password, string? code = null)
    {
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        var token = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { email, password, twoFactorCode = code });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>());
        return client;
    }

    public static Task<HttpClient> AdminAsync(ManagerHost host) => BearerAsync(host, ManagerHost.AdminEmail, ManagerHost.AdminPassword);

    /// <summary>A new account with <paramref name="role"/>, linked to <paramref name="profile"/> when given; returns its e-mail.</summary>
    public static async Task<string> CreateAsync(ManagerHost host, HttpClient admin, string role, string displayName, Guid? profile = null)
    {
        var email = $"{role}-{Guid.NewGuid():N}@artsouk.test";
        using var anonymous = new HttpClient { BaseAddress = host.Address };
        var registered = await anonymous.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName, locale = "ar" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var id = (await registered.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        (await admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/roles", new { roles = new[] { role } })).EnsureSuccessStatusCode();
        if (profile is { } entry)
        {
            (await admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/profile", new { entryId = entry })).EnsureSuccessStatusCode();
        }
        return email;
    }

    /// <summary>Fills the sign-in form and waits for the interactive shell.</summary>
    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/manager");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.Locator(".shell[data-interactive]").WaitForAsync();
    }
}
