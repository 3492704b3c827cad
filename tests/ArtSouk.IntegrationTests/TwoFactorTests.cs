using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>TOTP two-factor sign-in, enrolled through the API with a computed authenticator code; on both databases.</summary>
public sealed class TwoFactorTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task An_enrolled_account_signs_in_only_with_its_authenticator_code(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var (_, email) = await People.RegisterAsync(app);
        using var client = await People.SignedInAsync(app, email);
        var key = await EnrolAsync(client);

        Assert.Equal("two-factor-required", await People.CodeAsync(await People.SignInAsync(app, email, People.Password)));
        Assert.Equal("invalid-credentials", await People.CodeAsync(await People.SignInAsync(app, email, People.Password, WrongCode(key))));
        Assert.Equal("invalid-credentials", await People.CodeAsync(await People.SignInAsync(app, email, "wrong-password", Totp.Code(key))));
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password, Totp.Code(key))).StatusCode);
        // Enrolling keeps the session that enrolled.
        Assert.True((await client.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["twoFactorEnabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Enrolment_refuses_wrong_codes_and_steps_out_of_order()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        var (_, email) = await People.RegisterAsync(app);
        using var client = await People.SignedInAsync(app, email);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/v1/me/two-factor/enable", new { code = "123456" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DisableAsync(client, "123456")).StatusCode);
        var setup = (await (await client.PostAsync("/api/v1/me/two-factor", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var key = Totp.SecretOf(setup["authenticatorUri"]!.GetValue<string>());
        Assert.StartsWith("otpauth://totp/", setup["authenticatorUri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(key.ToLowerInvariant(), setup["sharedKey"]!.GetValue<string>().Replace(" ", "", StringComparison.Ordinal));

        var wrong = await client.PostAsJsonAsync("/api/v1/me/two-factor/enable?locale=en", new { code = WrongCode(key) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.NotNull((await People.ProblemAsync(wrong))["errors"]!["code"]);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/me/two-factor/enable", new { code = Totp.Code(key) })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/v1/me/two-factor", null)).StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, (await DisableAsync(client, WrongCode(key))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DisableAsync(client, Totp.Code(key))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password)).StatusCode);
    }

    [Fact]
    public async Task Me_tells_an_administrator_who_has_not_enrolled_that_they_should()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        using var admin = await app.AdminClientAsync();
        var me = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/me"))!;
        Assert.True(me["twoFactorRequired"]!.GetValue<bool>());
        Assert.False(me["twoFactorEnabled"]!.GetValue<bool>());
        var (_, email) = await People.RegisterAsync(app);
        using var collector = await People.SignedInAsync(app, email);
        Assert.False((await collector.GetFromJsonAsync<JsonObject>("/api/v1/me"))!["twoFactorRequired"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_recovery_code_signs_in_once_and_only_its_hash_is_stored(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var (id, email) = await People.RegisterAsync(app);
        using var client = await People.SignedInAsync(app, email);
        var setup = (await (await client.PostAsync("/api/v1/me/two-factor", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var key = Totp.SecretOf(setup["authenticatorUri"]!.GetValue<string>());
        // New codes need two-factor on.
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/v1/me/two-factor/recovery-codes", new { code = Totp.Code(key) })).StatusCode);
        var enabled = (await (await client.PostAsJsonAsync("/api/v1/me/two-factor/enable", new { code = Totp.Code(key) })).Content.ReadFromJsonAsync<JsonObject>())!;
        var codes = enabled["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-9]{5}-[a-z2-9]{5}$", c));

        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password, codes[0])).StatusCode);
        Assert.Equal("invalid-credentials", await People.CodeAsync(await People.SignInAsync(app, email, People.Password, codes[0])));
        // Typed in capitals and without the dash, the next one still works.
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password, codes[1].Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())).StatusCode);
        Assert.Equal(8, (await client.GetFromJsonAsync<JsonObject>("/api/v1/me/two-factor"))!["recoveryCodesLeft"]!.GetValue<int>());

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ArtSouk.Accounts.Persistence.AccountsDbContext>();
            var stored = string.Join("|", await db.UserTokens.Where(t => t.UserId == Guid.Parse(id)).Select(t => t.Value).ToListAsync());
            Assert.All(codes, c => Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), stored, StringComparison.OrdinalIgnoreCase));
            Assert.Equal(8, stored.Split(';').Length);
        }

        // New codes need a current authenticator code, and replace the old ones.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/me/two-factor/recovery-codes", new { code = WrongCode(key) })).StatusCode);
        var renewed = await client.PostAsJsonAsync("/api/v1/me/two-factor/recovery-codes", new { code = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var fresh = (await renewed.Content.ReadFromJsonAsync<JsonObject>())!["recoveryCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal("invalid-credentials", await People.CodeAsync(await People.SignInAsync(app, email, People.Password, codes[2])));
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password, fresh[0])).StatusCode);

        // A recovery code also turns two-factor off, for whoever lost the phone.
        Assert.Equal(HttpStatusCode.OK, (await DisableAsync(client, fresh[1])).StatusCode);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonObject>("/api/v1/me/two-factor"))!["recoveryCodesLeft"]!.GetValue<int>());
    }

    /// <summary>Starts and confirms enrolment; returns the shared key.</summary>
    private static async Task<string> EnrolAsync(HttpClient client)
    {
        var setup = (await (await client.PostAsync("/api/v1/me/two-factor", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var key = Totp.SecretOf(setup["authenticatorUri"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/me/two-factor/enable", new { code = Totp.Code(key) })).StatusCode);
        return key;
    }

    /// <summary>A code that is not valid in any step Identity accepts around now.</summary>
    private static string WrongCode(string key)
    {
        var valid = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, stepOffset: step)).ToHashSet();
        return Enumerable.Range(0, 100).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }

    private static Task<HttpResponseMessage> DisableAsync(HttpClient client, string code) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me/two-factor") { Content = JsonContent.Create(new { code }) });
}
