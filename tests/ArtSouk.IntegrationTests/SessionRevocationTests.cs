using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Accounts.Persistence;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Ending sessions: sign-out everywhere, disabling an account, refresh tokens; on both databases.</summary>
public sealed class SessionRevocationTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Sign_out_everywhere_ends_every_token_of_the_account_on_its_next_request(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var (_, email) = await People.RegisterAsync(app);
        var phone = await People.TokensAsync(app, email);
        using var laptop = await People.SignedInAsync(app, email);
        using var onPhone = People.Bearer(app, phone["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await onPhone.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.PostAsync("/api/v1/auth/sign-out-everywhere", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await onPhone.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/v1/me")).StatusCode);
        using var anonymous = app.CreateClient();
        var refresh = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = phone["refresh_token"]!.GetValue<string>() });
        Assert.Equal("invalid-token", await People.CodeAsync(refresh));
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        var (_, email) = await People.RegisterAsync(app);
        var tokens = await People.TokensAsync(app, email);
        using var anonymous = app.CreateClient();
        var refreshed = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens["refresh_token"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var body = (await refreshed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
        using var client = People.Bearer(app, body["access_token"]!.GetValue<string>());
        Assert.Equal(email, (await client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["email"]!.GetValue<string>());
        var forged = await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = "not-a-token" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_disabled_account_loses_its_sessions_and_cannot_sign_in_until_enabled_again(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        using var admin = await app.AdminClientAsync();
        var (id, email) = await People.RegisterAsync(app);
        var tokens = await People.TokensAsync(app, email);
        using var person = People.Bearer(app, tokens["access_token"]!.GetValue<string>());

        var disabled = await admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/disabled", new { disabled = true });
        Assert.True((await disabled.Content.ReadFromJsonAsync<JsonObject>())!["disabled"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/v1/me")).StatusCode);
        var signIn = await People.SignInAsync(app, email, People.Password, language: "en");
        Assert.Contains("disabled", (await People.ProblemAsync(signIn))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens["refresh_token"]!.GetValue<string>() })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/manage/users/{id}/disabled", new { disabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password)).StatusCode);
        // Enabling lets the person sign in again; it does not bring back sessions that disabling ended.
        Assert.Equal(HttpStatusCode.Unauthorized, (await person.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Administrators_cannot_disable_themselves_or_the_last_administrator()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        using var admin = await app.AdminClientAsync();
        var adminId = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["id"]!.GetValue<string>();
        var self = await admin.PutAsJsonAsync($"/api/v1/manage/users/{adminId}/disabled?locale=en", new { disabled = true });
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Contains("your own account", (await People.ProblemAsync(self))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // With a second administrator, the first can be disabled; the second, then the last one enabled, cannot step down.
        var (otherId, otherEmail) = await People.RegisterAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/manage/users/{otherId}/roles", new { roles = new[] { "administrator" } })).StatusCode);
        using var other = await People.SignedInAsync(app, otherEmail);
        Assert.Equal(HttpStatusCode.OK, (await other.PutAsJsonAsync($"/api/v1/manage/users/{adminId}/disabled", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await other.PutAsJsonAsync($"/api/v1/manage/users/{otherId}/disabled", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await other.PutAsJsonAsync($"/api/v1/manage/users/{otherId}/roles", new { roles = new[] { "curator" } })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsJsonAsync($"/api/v1/manage/users/{Guid.NewGuid()}/disabled", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await other.PutAsJsonAsync($"/api/v1/manage/users/{adminId}/disabled", new { })).StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_ends_on_its_next_request_after_sign_out_everywhere()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite", services: s => s.AddSingleton<IStartupFilter, CookieSignIn>());
        var (_, email) = await People.RegisterAsync(app);
        using var browser = app.CreateClient();
        var signedIn = await browser.PostAsync($"/test/cookie-sign-in?email={Uri.EscapeDataString(email)}", null);
        Assert.Equal(HttpStatusCode.NoContent, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        using var token = await People.SignedInAsync(app, email);
        Assert.Equal(HttpStatusCode.NoContent, (await token.PostAsync("/api/v1/auth/sign-out-everywhere", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    /// <summary>Signs a browser in with Identity's application cookie, as a cookie sign-in page would.</summary>
    private sealed class CookieSignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: a mapped branch moves the path into PathBase and the cookie would be scoped to it.
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != "/test/cookie-sign-in")
                {
                    await nextMiddleware(context);
                    return;
                }
                var users = context.RequestServices.GetRequiredService<UserManager<User>>();
                var user = await users.FindByEmailAsync(context.Request.Query["email"].ToString());
                await context.RequestServices.GetRequiredService<SignInManager<User>>().SignInAsync(user!, isPersistent: false);
                context.Response.StatusCode = StatusCodes.Status204NoContent;
            });
            next(app);
        };
    }
}
