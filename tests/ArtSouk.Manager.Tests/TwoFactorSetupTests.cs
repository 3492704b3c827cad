using System.Net;
using ArtSouk.Manager.Sessions;
using Bunit;

namespace ArtSouk.Manager.Tests;

/// <summary>The two-factor screen over <c>/api/v1/me/two-factor</c>: enrol with a QR code and the key as text, see the recovery codes once.</summary>
public sealed class TwoFactorSetupTests : BunitContext
{
    private const string Off = """{"twoFactorEnabled":false,"recoveryCodesLeft":0,"recoveryCodes":null}""";
    private const string On = """{"twoFactorEnabled":true,"recoveryCodesLeft":10,"recoveryCodes":["abcde-fghjk","mnpqr-stuvw","xyz23-45678","a2b3c-d4e5f","g6h7j-k8m9n","pqrst-uvwxy","z2345-6789a","bcdef-ghjkm","npqrs-tuvwx","yz234-56789"]}""";
    private const string Setup = """{"sharedKey":"jbsw y3dp ehpk 3pxp","authenticatorUri":"otpauth://totp/Art%20Souk:layla%40artsouk.test?secret=JBSWY3DPEHPK3PXP&issuer=Art%20Souk&digits=6&period=30"}""";

    private readonly FakeApi _api = new();

    private IRenderedComponent<TwoFactorSetup> Render(string locale, string state = Off)
    {
        _api.Answer(HttpMethod.Get, "/api/v1/me/two-factor", HttpStatusCode.OK, state)
            .Answer(HttpMethod.Post, "/api/v1/me/two-factor", HttpStatusCode.OK, Setup)
            .Answer(HttpMethod.Post, "/api/v1/me/two-factor/enable", HttpStatusCode.OK, On)
            .Answer(HttpMethod.Delete, "/api/v1/me/two-factor", HttpStatusCode.OK, Off);
        _api.Install(this, locale);
        return Render<TwoFactorSetup>();
    }

    [Fact]
    public void Enrolment_shows_a_qr_code_of_the_otpauth_uri_and_the_key_as_text()
    {
        var page = Render("en");
        page.WaitForElement("[data-action=start-two-factor]").Click();

        var qr = page.WaitForElement("img[data-qr]");
        Assert.StartsWith("data:image/png;base64,", qr.GetAttribute("src"), StringComparison.Ordinal);
        var png = Convert.FromBase64String(qr.GetAttribute("src")!["data:image/png;base64,".Length..]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.False(string.IsNullOrWhiteSpace(qr.GetAttribute("alt")));
        Assert.Equal("jbsw y3dp ehpk 3pxp", page.Find("[data-shared-key]").TextContent);
    }

    [Fact]
    public void Confirming_sends_the_code_and_shows_the_recovery_codes_once()
    {
        var page = Render("ar");
        page.WaitForElement("[data-action=start-two-factor]").Click();
        page.WaitForElement("#enable-code").Change("123456");
        page.Find("[data-form=confirm-two-factor]").Submit();

        var enable = _api.Requests.Single(r => r.PathAndQuery == "/api/v1/me/two-factor/enable");
        Assert.Equal("""{"code":"123456"}""", enable.Body);
        var codes = page.WaitForElement("[data-recovery-codes]");
        Assert.Equal(10, codes.QuerySelectorAll("li").Length);
        Assert.Contains("abcde-fghjk", codes.TextContent, StringComparison.Ordinal);
        Assert.Contains("لن تظهر مرة أخرى", codes.TextContent, StringComparison.Ordinal);

        page.Find("[data-action=codes-saved]").Click();
        Assert.Empty(page.FindAll("[data-recovery-codes]"));
        Assert.Equal("on", page.Find("[data-two-factor]").GetAttribute("data-two-factor"));
        Assert.Contains("10", page.Find("[data-codes-left]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_it_off_sends_the_code_typed()
    {
        var page = Render("en", """{"twoFactorEnabled":true,"recoveryCodesLeft":3,"recoveryCodes":null}""");
        page.WaitForElement("#manage-code").Change("abcde-fghjk");
        page.Find("[data-action=disable-two-factor]").Click();

        var disable = _api.Requests.Single(r => r.Method == HttpMethod.Delete);
        Assert.Equal("""{"code":"abcde-fghjk"}""", disable.Body);
        page.WaitForAssertion(() => Assert.Equal("off", page.Find("[data-two-factor]").GetAttribute("data-two-factor")));
    }
}
