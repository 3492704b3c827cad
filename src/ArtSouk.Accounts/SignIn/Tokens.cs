using System.Text.Json.Serialization;
using ArtSouk.Accounts.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ArtSouk.Accounts.SignIn;

/// <summary>OAuth-style token response, snake_case as clients expect.</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

/// <summary>
/// Issues Identity bearer tokens: an access token (<c>Accounts:AccessTokenLifetime</c>) and a refresh token for a new
/// one. Both carry the security stamp, so a new stamp (sign-out everywhere, password change, disabling) ends both.
/// </summary>
internal sealed class Tokens(SignInManager<User> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock)
{
    public async Task<TokenResponse> IssueAsync(User user)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var options = bearer.Get(IdentityConstants.BearerScheme);
        var now = clock.GetUtcNow();
        var access = new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.BearerTokenExpiration }, IdentityConstants.BearerScheme);
        var refresh = new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + options.RefreshTokenExpiration }, IdentityConstants.BearerScheme);
        return new TokenResponse(options.BearerTokenProtector.Protect(access), "Bearer", (long)options.BearerTokenExpiration.TotalSeconds,
            options.RefreshTokenProtector.Protect(refresh));
    }

    /// <summary>The account a refresh token still speaks for: unexpired, same security stamp, not disabled.</summary>
    public async Task<User?> RedeemAsync(string refreshToken)
    {
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= clock.GetUtcNow())
        {
            return null;
        }
        var user = await signIn.ValidateSecurityStampAsync(ticket.Principal);
        return user is { DisabledAt: null } ? user : null;
    }
}
