using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ArtSouk.Cms.Reading;
using ArtSouk.Kernel.Localization;
using Microsoft.AspNetCore.DataProtection;

namespace ArtSouk.Themes.Souk.Preview;

/// <summary>
/// Preview links are <c>/preview/{token}</c>, the token naming one entry's draft in one locale, protected (encrypted and
/// signed) by Data Protection with an expiry. A forged, altered or expired token shows nothing.
/// </summary>
internal sealed class SitePreviewLinks(IDataProtectionProvider protection, TimeProvider clock) : IPreviewLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("ArtSouk.Site.Preview.v1").ToTimeLimitedDataProtector();

    public PreviewLink Create(string type, Guid id, string locale)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var token = _protector.Protect(Encoding.UTF8.GetBytes($"{type}\n{id}\n{locale}"), expires);
        return new PreviewLink("/preview/" + Base64Url.EncodeToString(token), expires);
    }

    /// <summary>The draft a token names, or null for anything forged, altered, expired or malformed.</summary>
    public (string Type, Guid Id, string Locale)? Read(string token)
    {
        if (token.Length is 0 or > 2048)
        {
            return null;
        }
        try
        {
            var text = Encoding.UTF8.GetString(_protector.Unprotect(Base64Url.DecodeFromChars(token), out _)).Split('\n');
            return text.Length == 3 && Guid.TryParse(text[1], out var id) && Locales.IsSupported(text[2]) ? (text[0], id, text[2]) : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
