using ArtSouk.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace ArtSouk.EndToEndTests;

/// <summary>Two-factor enrolment and sign-in, and sessions that end when the account says so, in the real browser.</summary>
[Collection("manager")]
public sealed class AccountSecurityTests(ManagerHost host)
{
    [Fact]
    public async Task A_curator_enrols_an_authenticator_and_then_signs_in_with_a_code_or_a_recovery_code_once()
    {
        using var admin = await Accounts.AdminAsync(host);
        var email = await Accounts.CreateAsync(host, admin, "curator", "سلمى");
        var page = await host.PageAsync("ar");
        await Accounts.SignInAsync(page, email);

        // A curator's role calls for two-factor: every screen says so until it is set up.
        await page.Locator("[data-two-factor-missing] a[href='/manager/account/two-factor']").ClickAsync();
        await page.Locator("[data-action=start-two-factor]").ClickAsync();
        await page.Locator("img[data-qr]").WaitForAsync();
        Assert.True(await page.Locator("img[data-qr]").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "the QR code does not load");
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("two-factor-ar-1280") });
        var key = (await page.Locator("[data-shared-key]").TextContentAsync())!;
        await page.Locator("#enable-code").FillAsync(Totp.Code(key));
        await page.Locator("#enable-code").DispatchEventAsync("change");
        await page.Locator("[data-form=confirm-two-factor] button[type=submit]").ClickAsync();
        await page.Locator("[data-recovery-codes] li").First.WaitForAsync();
        var codes = await page.Locator("[data-recovery-codes] li code").AllTextContentsAsync();
        Assert.Equal(10, codes.Count);
        await page.ScreenshotAsync(new() { Path = ManagerHost.ScreenshotPath("recovery-codes-ar-1280") });
        await page.Context.CloseAsync();

        // The password alone leads to a second step that asks only for the code.
        var english = await host.PageAsync("en");
        await SignInWithCodeAsync(english, email, codes[0]);
        await english.Locator(".shell[data-interactive]").WaitForAsync();
        Assert.Equal(0, await english.Locator("[data-two-factor-missing]").CountAsync());
        await english.Context.CloseAsync();

        var again = await host.PageAsync("en");
        await SignInWithCodeAsync(again, email, codes[0]);
        await again.Locator(".alert.error").WaitForAsync();
        Assert.Contains("/manager/sign-in", again.Url, StringComparison.Ordinal);
        await again.Locator("#code").FillAsync(Totp.Code(key.Replace(" ", "", StringComparison.Ordinal)));
        await again.Locator("button[type=submit].primary").ClickAsync();
        await again.Locator(".shell[data-interactive]").WaitForAsync();
        await again.Context.CloseAsync();
    }

    [Fact]
    public async Task After_sign_out_everywhere_the_manager_cookie_sends_the_browser_to_sign_in()
    {
        using var admin = await Accounts.AdminAsync(host);
        var email = await Accounts.CreateAsync(host, admin, "curator", "نورة");
        var page = await host.PageAsync("en");
        await Accounts.SignInAsync(page, email);
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == "artsouk.manager");

        using var phone = await Accounts.BearerAsync(host, email, Accounts.Password);
        Assert.True((await phone.PostAsync("/api/v1/auth/sign-out-everywhere", null)).IsSuccessStatusCode);

        await page.GotoAsync("/manager/content/artist");
        Assert.Contains("/manager/sign-in", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "artsouk.manager");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_a_password_change_elsewhere_the_manager_cookie_stops_working()
    {
        using var admin = await Accounts.AdminAsync(host);
        var email = await Accounts.CreateAsync(host, admin, "marketing", "هند");
        var page = await host.PageAsync("ar");
        await Accounts.SignInAsync(page, email);

        using var phone = await Accounts.BearerAsync(host, email, Accounts.Password);
        var changed = await phone.PostAsync("/api/v1/me/password", System.Net.Http.Json.JsonContent.Create(new { currentPassword = Accounts.Password, newPassword = "Changed-Pass-2026!" }));
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());

        await page.GotoAsync("/manager");
        Assert.Contains("/manager/sign-in", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "artsouk.manager");
        await page.Context.CloseAsync();
    }

    private static async Task SignInWithCodeAsync(IPage page, string email, string code)
    {
        await page.GotoAsync("/manager");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Accounts.Password);
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.Locator("#code").WaitForAsync();
        Assert.Equal(0, await page.Locator("#password").CountAsync());
        await page.Locator("#code").FillAsync(code);
        await page.Locator("button[type=submit].primary").ClickAsync();
    }
}
