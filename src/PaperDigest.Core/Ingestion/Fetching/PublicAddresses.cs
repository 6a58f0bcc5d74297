using System.Net;
using System.Net.Sockets;

namespace PaperDigest.Core.Ingestion.Fetching;

/// <summary>
/// Keeps the fetcher off private networks: a source URL (or a redirect, or a DNS answer that changes between checks)
/// naming a loopback, private, link-local or otherwise internal address is refused when the connection is made, so a
/// bad setting or a hostile source cannot make the app probe its own network. Tests, whose fake sources listen on
/// loopback, allow them explicitly (Ingestion:AllowPrivateAddresses).
/// </summary>
public static class PublicAddresses
{
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool allowPrivate) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var usable = allowPrivate ? addresses : addresses.Where(IsPublic).ToArray();
            if (usable.Length == 0)
                throw new HttpRequestException(
                    $"{host} is a private or loopback address, which sources may not use; fix the source URL, or set Ingestion:AllowPrivateAddresses=true if it is meant.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(usable, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
            return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast);
        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] >= 224                 // private, "this network", multicast and reserved
                 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)           // private
                 || (b[0] == 192 && b[1] == 168)                        // private
                 || (b[0] == 169 && b[1] == 254)                        // link-local, cloud metadata services
                 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));        // carrier-grade NAT
    }
}
