using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Web;
using ArtSouk.IntegrationTests.Infrastructure;
using MimeKit;

namespace ArtSouk.IntegrationTests;

/// <summary>Forgotten and changed passwords: the reset e-mail (pickup folder and SMTP), the reset itself, the change.</summary>
public sealed class PasswordResetTests
{
    private static readonly TimeSpan MailWait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Forgot_password_writes_an_arabic_email_with_the_reset_link_to_the_pickup_folder()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        var (_, email) = await People.RegisterAsync(app, locale: "ar");
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email })).StatusCode);

        var mail = await PickedUpAsync(app);
        Assert.Equal(email, mail.To.Mailboxes.Single().Address);
        Assert.Equal("إعادة تعيين كلمة المرور في سوق الفن", mail.Subject);
        Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
        var (linkEmail, token) = ResetLink(mail);
        Assert.Equal(email, linkEmail);
        Assert.False(string.IsNullOrEmpty(token));
    }

    [Fact]
    public async Task Forgot_password_answers_an_unknown_address_exactly_like_a_known_one()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        var (_, email) = await People.RegisterAsync(app);
        using var client = app.CreateClient();
        var known = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = $"nobody-{Guid.NewGuid():N}@artsouk.test" });
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_emailed_token_sets_a_new_password_and_ends_the_old_sessions(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var (_, email) = await People.RegisterAsync(app, locale: "en");
        using var before = await People.SignedInAsync(app, email);
        using var client = app.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });
        var mail = await PickedUpAsync(app);
        Assert.Equal("Reset your Art Souk password", mail.Subject);
        var (_, token) = ResetLink(mail);

        var reset = await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { email, token, newPassword = "A-brand-new-pass-2026" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, "A-brand-new-pass-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await People.SignInAsync(app, email, People.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/api/v1/me")).StatusCode);
        // A token works once: the new password changed what it was made for.
        var again = await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { email, token, newPassword = "Another-new-pass-2026" });
        Assert.Equal("invalid-token", await People.CodeAsync(again));
    }

    [Fact]
    public async Task A_bad_reset_token_is_a_400_problem_in_the_request_language()
    {
        await using var app = await ArtSoukApp.OnAsync("sqlite");
        var (_, email) = await People.RegisterAsync(app);
        using var client = app.CreateClient();
        var arabic = await client.PostAsJsonAsync("/api/v1/auth/reset-password", new { email, token = "forged", newPassword = "A-brand-new-pass-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, arabic.StatusCode);
        var problem = await People.ProblemAsync(arabic);
        Assert.Equal("invalid-token", problem["code"]!.GetValue<string>());
        Assert.Contains("رابط إعادة التعيين", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var english = await client.PostAsJsonAsync("/api/v1/auth/reset-password?locale=en", new { email = "nobody@artsouk.test", token = "forged", newPassword = "A-brand-new-pass-2026" });
        Assert.Contains("reset link", (await People.ProblemAsync(english))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_smtp_server_configured_the_reset_email_is_sent_through_it()
    {
        await using var smtp = new SmtpSink();
        await using var app = await ArtSoukApp.OnAsync("sqlite", settings: new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = "127.0.0.1",
            ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["ArtSouk:PublicUrl"] = "https://artsouk.example",
        });
        var (_, email) = await People.RegisterAsync(app, locale: "ar");
        using var client = app.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email });

        var mail = await smtp.NextAsync(MailWait);
        Assert.Equal(email, mail.To.Mailboxes.Single().Address);
        Assert.Contains("https://artsouk.example/manager/reset-password?email=", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("dir=\"rtl\"", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Changing_the_password_ends_other_sessions_and_keeps_this_one_with_new_tokens(string provider)
    {
        await using var app = await ArtSoukApp.OnAsync(provider);
        var (_, email) = await People.RegisterAsync(app);
        using var elsewhere = await People.SignedInAsync(app, email);
        using var here = await People.SignedInAsync(app, email);

        var wrong = await here.PostAsJsonAsync("/api/v1/me/password?locale=ar", new { currentPassword = "not-it-at-all", newPassword = "A-brand-new-pass-2026" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("كلمة المرور الحالية غير صحيحة", (await People.ProblemAsync(wrong))["errors"]!["currentPassword"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var changed = await here.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = People.Password, newPassword = "A-brand-new-pass-2026" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/me")).StatusCode);
        using var renewed = People.Bearer(app, (await changed.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await People.SignInAsync(app, email, "A-brand-new-pass-2026")).StatusCode);
    }

    /// <summary>The first message in the host's pickup folder, once it is there.</summary>
    private static async Task<MimeMessage> PickedUpAsync(ArtSoukApp app)
    {
        var folder = Path.Combine(app.DataPath, "mail", "pickup");
        var until = DateTime.UtcNow + MailWait;
        while (DateTime.UtcNow < until)
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder, "*.eml").FirstOrDefault() is { } file)
            {
                return await MimeMessage.LoadAsync(file);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"No e-mail in {folder}");
    }

    /// <summary>The e-mail and token of the manager's reset link in the message's HTML.</summary>
    private static (string Email, string Token) ResetLink(MimeMessage mail)
    {
        var html = mail.HtmlBody ?? "";
        var start = html.IndexOf("href=\"", StringComparison.Ordinal) + "href=\"".Length;
        var link = new Uri(WebUtility.HtmlDecode(html[start..html.IndexOf('"', start)]));
        Assert.Equal("/manager/reset-password", link.AbsolutePath);
        var query = HttpUtility.ParseQueryString(link.Query);
        return (query["email"]!, query["token"]!);
    }
}
