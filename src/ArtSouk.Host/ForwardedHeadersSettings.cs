using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ArtSouk.Host;

/// <summary>
/// The <c>ForwardedHeaders</c> section: which proxies may tell us the client's address (<c>X-Forwarded-For</c>) and
/// scheme. Loopback is always trusted (ASP.NET Core's default), so a proxy or the manager on this machine can forward
/// the browser's address; a proxy elsewhere must be listed, or every client behind it shares one rate limit.
/// </summary>
internal sealed class ForwardedHeadersSettings : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>172.16.0.0/12</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row to believe (entries taken from the end of <c>X-Forwarded-For</c>).</summary>
    [Range(1, 10, ErrorMessage = "ForwardedHeaders:ForwardLimit must be between 1 and 10")]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownProxies \"{proxy}\" is not an IP address", [nameof(KnownProxies)]);
        }
        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"ForwardedHeaders:KnownNetworks \"{network}\" is not a network in CIDR notation (10.0.0.0/8)", [nameof(KnownNetworks)]);
        }
    }
}
