using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Kernel.Localization;

/// <summary>The two content locales. Arabic is the default and comes first everywhere.</summary>
public static class Locales
{
    public const string Arabic = "ar";
    public const string English = "en";
    public const string Default = Arabic;

    public static IReadOnlyList<string> All { get; } = [Arabic, English];

    public static bool IsSupported(string? locale) => locale is Arabic or English;

    /// <summary>The locale a localized value falls back to when empty in <paramref name="locale"/>.</summary>
    public static string Other(string locale) => locale == Arabic ? English : Arabic;

    /// <summary>
    /// The locale of a request: an explicit <c>locale</c> query value beats <c>Accept-Language</c>;
    /// anything unsupported yields the default. Use <see cref="TryFromQuery"/> where a bad explicit value is an error.
    /// </summary>
    public static string FromRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var explicitLocale = request.Query["locale"].ToString();
        if (IsSupported(explicitLocale))
        {
            return explicitLocale;
        }
        return FromAcceptLanguage(request.Headers.AcceptLanguage.ToString());
    }

    /// <summary>A message in the request's language: Arabic first, as everywhere.</summary>
    public static string Say(HttpRequest request, string arabic, string english) => FromRequest(request) == English ? english : arabic;

    /// <summary>False when the request names a <c>locale</c> we do not serve.</summary>
    public static bool TryFromQuery(HttpRequest request, out string locale)
    {
        ArgumentNullException.ThrowIfNull(request);
        var explicitLocale = request.Query["locale"].ToString();
        if (explicitLocale.Length == 0)
        {
            locale = FromAcceptLanguage(request.Headers.AcceptLanguage.ToString());
            return true;
        }
        locale = explicitLocale.ToLowerInvariant();
        return IsSupported(locale);
    }

    public static string FromAcceptLanguage(string header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Default;
        }
        var best = Default;
        var bestQuality = -1.0;
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var tag = pieces[0].Split('-')[0].ToLowerInvariant();
            var quality = 1.0;
            foreach (var p in pieces.Skip(1))
            {
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
                    && double.TryParse(p.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }
            if (IsSupported(tag) && quality > bestQuality)
            {
                best = tag;
                bestQuality = quality;
            }
        }
        return best;
    }
}
