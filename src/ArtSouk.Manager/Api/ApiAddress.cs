using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ArtSouk.Manager.Api;

internal sealed class ApiAddressOptions
{
    /// <summary><c>Manager:ApiBaseUrl</c>: where the management API answers, when not this host's own address.</summary>
    public Uri? ApiBaseUrl { get; set; }
}

/// <summary>
/// The manager calls the API over HTTP like any client; by default this host's own listening address, with a
/// wildcard host (<c>http://+:8080</c>, <c>0.0.0.0</c>, <c>[::]</c>) turned into the loopback address.
/// </summary>
internal sealed class ApiAddress(IServer server, IOptions<ApiAddressOptions> options)
{
    private Uri? _base;

    public Uri Base => _base ??= options.Value.ApiBaseUrl ?? FromServer();

    private Uri FromServer()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; set Manager:ApiBaseUrl.");
        var uri = new UriBuilder(chosen.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }
        else if (uri.Host is "[::]" or "::")
        {
            uri.Host = "[::1]";
        }
        uri.Path = "/";
        return uri.Uri;
    }
}
