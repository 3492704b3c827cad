using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ArtSouk.Accounts.Persistence;
using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.IntegrationTests;

/// <summary>Rate limits, throttling of failed sign-ins, lockout and the cost of unknown e-mails.</summary>
public sealed class SignInProtectionTests
{
    [Fact]
    public async Task The_default_limits_refuse_a_client_guessing_sign_ins_with_a_429_problem_and_Retry_After()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite", defaultRateLimits: true);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 60 && refused is null; i++)
        {
            var response = await People.SignInAsync(app, $"nobody{i}@artsouk.test", "x");
            statuses.Add(response.StatusCode);
            refused = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }
        Assert.NotNull(refused);
        // Ten failures a minute per client by default; the eleventh attempt is not even checked.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 10), statuses.Take(10));
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var problem = await People.ProblemAsync(refused);
        Assert.Equal("too-many-requests", problem["code"]!.GetValue<string>());
        Assert.Equal("محاولات كثيرة؛ أعد المحاولة بعد قليل", problem["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_refusal_is_in_english_when_the_request_asks_for_english()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite", settings: new Dictionary<string, string> { ["Accounts:RateLimits:FailedSignIn:PermitLimit"] = "1" });
        await People.SignInAsync(app, "nobody@artsouk.test", "x");
        var refused = await People.SignInAsync(app, "nobody@artsouk.test", "x", language: "en");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await People.ProblemAsync(refused);
        Assert.Equal("Too many attempts; try again shortly", problem["title"]!.GetValue<string>());
        Assert.StartsWith("Try again in ", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limits_count_per_client_so_another_address_behind_a_proxy_still_signs_in()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite", settings: new Dictionary<string, string> { ["Accounts:RateLimits:FailedSignIn:PermitLimit"] = "2" });
        for (var i = 0; i < 2; i++)
        {
            await People.SignInAsync(app, ArtSoukApp.AdminEmail, "wrong-password", from: "203.0.113.7");
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await People.SignInAsync(app, ArtSoukApp.AdminEmail, ArtSoukApp.AdminPassword, from: "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, ArtSoukApp.AdminEmail, ArtSoukApp.AdminPassword, from: "198.51.100.4")).StatusCode);
    }

    [Fact]
    public async Task Every_rate_limited_operation_answers_429_over_its_limit()
    {
        var settings = new[] { "SignIn", "FailedSignIn", "Register", "PasswordReset", "TwoFactor" }
            .ToDictionary(n => $"Accounts:RateLimits:{n}:PermitLimit", _ => "1");
        await using var app = await ArtSoukApp.OnAsync("sqlite", settings: settings);
        using var client = app.CreateClient();
        (HttpMethod Method, string Path)[] operations =
        [
            (HttpMethod.Post, "/api/v1/auth/token"), (HttpMethod.Post, "/api/v1/auth/register"), (HttpMethod.Post, "/api/v1/auth/forgot-password"),
            (HttpMethod.Post, "/api/v1/auth/reset-password"), (HttpMethod.Post, "/api/v1/me/password"), (HttpMethod.Post, "/api/v1/me/two-factor"),
            (HttpMethod.Post, "/api/v1/me/two-factor/enable"), (HttpMethod.Delete, "/api/v1/me/two-factor"),
            (HttpMethod.Post, "/api/v1/me/two-factor/recovery-codes"),
        ];
        foreach (var (method, path) in operations)
        {
            HttpResponseMessage last = null!;
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { email = "nobody@artsouk.test", password = "x" }) };
                last = await client.SendAsync(request);
            }
            Assert.True(last.StatusCode == HttpStatusCode.TooManyRequests, $"{method} {path}: {last.StatusCode}");
            Assert.True(last.Headers.Contains("Retry-After"), $"{method} {path} without Retry-After");
            Assert.Equal("too-many-requests", await People.CodeAsync(last));
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task After_repeated_failures_an_ordinary_account_refuses_even_the_right_password(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var (_, email) = await People.RegisterAsync(app);
        for (var i = 0; i < 10; i++)
        {
            await People.SignInAsync(app, email, "bad-pass-" + i);
        }
        var refused = await People.SignInAsync(app, email, People.Password, language: "en");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await People.ProblemAsync(refused);
        Assert.Equal("invalid-credentials", problem["code"]!.GetValue<string>());
        Assert.Contains("locked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lockout_ends_by_itself()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite", settings: new Dictionary<string, string>
        {
            ["Accounts:Lockout:MaxFailedAttempts"] = "2",
            ["Accounts:Lockout:Duration"] = "00:00:01",
        });
        var (_, email) = await People.RegisterAsync(app);
        await People.SignInAsync(app, email, "bad-pass-1");
        await People.SignInAsync(app, email, "bad-pass-2");
        Assert.Equal(HttpStatusCode.BadRequest, (await People.SignInAsync(app, email, People.Password)).StatusCode);
        // Identity reads the system clock for lockouts, so this test waits out a one-second lockout.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, People.Password)).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Nobody_can_lock_an_administrator_out_by_failing_on_purpose(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        for (var i = 0; i < 12; i++)
        {
            await People.SignInAsync(app, ArtSoukApp.AdminEmail, "guess-" + i, from: "203.0.113." + i);
        }
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, ArtSoukApp.AdminEmail, ArtSoukApp.AdminPassword, from: "198.51.100.4")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_costs_a_password_hash_and_reads_like_a_wrong_password()
    {
        var hasher = new CountingHasher();
        await using var app = await ArtSoukApp.OnAsync("sqlite", services: s => s.AddSingleton<IPasswordHasher<User>>(hasher));
        var (_, email) = await People.RegisterAsync(app);

        var before = hasher.Verifications;
        var unknown = await People.SignInAsync(app, $"nobody-{Guid.NewGuid():N}@artsouk.test", "some-password");
        Assert.Equal(before + 1, hasher.Verifications);
        var wrong = await People.SignInAsync(app, email, "some-password");
        Assert.Equal(before + 2, hasher.Verifications);

        Assert.Equal(wrong.StatusCode, unknown.StatusCode);
        Assert.Equal(WithoutTrace(await People.ProblemAsync(wrong)), WithoutTrace(await People.ProblemAsync(unknown)));
    }

    private static string WithoutTrace(JsonObject problem)
    {
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    /// <summary>Identity's hasher, counting the passwords it checks.</summary>
    private sealed class CountingHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
