using System.Net;
using ArtSouk.Manager.Api;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace ArtSouk.Manager.Tests;

/// <summary>
/// The manager calls the sign-in API over loopback: it forwards the browser's address so the API's per-client
/// rate limit counts each browser instead of one shared partition for every manager user.
/// </summary>
public sealed class SignInAddressTests : BunitContext
{
    private readonly FakeApi _api = new();

    private ManagerApi Api()
    {
        _api.Answer(HttpMethod.Post, "/api/v1/auth/", HttpStatusCode.OK, """{"access_token":"t","expires_in":3600}""");
        _api.Install(this, "ar");
        return Services.GetRequiredService<ManagerApi>();
    }

    [Fact]
    public async Task The_token_request_carries_the_browsers_address()
    {
        var api = Api();

        await api.TokenAsync("curator@artsouk.sa", "secret", null, IPAddress.Parse("::ffff:203.0.113.7"));

        Assert.Equal("/api/v1/auth/token", _api.Requests.Single().PathAndQuery);
        Assert.Equal("203.0.113.7", _api.ForwardedFor.Single());
    }

    [Fact]
    public async Task Forgot_and_reset_password_carry_the_browsers_address_too()
    {
        var api = Api();

        await api.ForgotPasswordAsync("curator@artsouk.sa", IPAddress.Parse("2001:db8::1"));
        await api.ResetPasswordAsync("curator@artsouk.sa", "reset", "N3w-password!", IPAddress.Parse("198.51.100.4"));

        Assert.Equal(["2001:db8::1", "198.51.100.4"], _api.ForwardedFor);
    }

    [Fact]
    public async Task Other_calls_send_no_forwarded_address()
    {
        var api = Api();

        await api.TokenAsync("curator@artsouk.sa", "secret", null);

        Assert.Null(_api.ForwardedFor.Single());
    }
}
