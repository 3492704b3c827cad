using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace ArtSouk.Kernel.RateLimiting;

/// <summary>Who a request comes from, as rate limits count it.</summary>
public static class ClientAddress
{
    /// <summary>
    /// The client's address after the forwarded-headers middleware (so behind a trusted proxy, the forwarded one). IPv6
    /// clients are counted per /64, since one subscriber usually holds a whole /64 and could otherwise rotate through it.
    /// </summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            // In-memory test servers and Unix sockets carry no address: they share one partition.
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
