using System.Security.Claims;
using System.Text.Encodings.Web;
using ArtSouk.Accounts.Persistence;
using ArtSouk.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Accounts.ApiKeys;

/// <summary>Authenticates <c>Bearer ask_...</c> keys; the principal carries the key's scopes as <c>scope</c> claims.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = header["Bearer ".Length..].Trim();
        if (ApiKey.PrefixOf(presented) is not { } prefix)
        {
            return AuthenticateResult.NoResult();
        }
        var key = await cache.GetOrCreateAsync(CacheKey(prefix), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            // Only a miss needs the store: resolving the context up front cost every keyed request a DbContext.
            var db = Context.RequestServices.GetRequiredService<AccountsDbContext>();
            return db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        });
        if (key is null || key.RevokedAt is not null || !key.Matches(presented))
        {
            return AuthenticateResult.Fail("invalid or revoked API key");
        }
        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, $"api-key:{key.Id}"));
        identity.AddClaim(new Claim(ClaimTypes.Name, $"api-key:{key.Name}"));
        foreach (var scope in key.ScopeList)
        {
            identity.AddClaim(new Claim(Scopes.ClaimType, scope));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    public static string CacheKey(string prefix) => $"api-key:{prefix}";
}
