using System.Net;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// The unit a per-client limit counts: an IPv4 address, or an IPv6 address's /64 network (one host is given a whole /64,
/// so counting single IPv6 addresses would let it rotate past any limit). Behind a proxy the address is the client's only
/// when forwarded headers are configured (Hosting:ForwardedHeaders).
/// </summary>
public static class ClientAddress
{
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }
}
