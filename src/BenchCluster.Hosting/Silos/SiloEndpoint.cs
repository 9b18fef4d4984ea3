using System.Net;
using System.Net.Sockets;

namespace BenchCluster.Hosting.Silos;

/// <summary>The address other silos and clients use to reach this silo, and its ports.</summary>
public sealed record SiloEndpoint(IPAddress AdvertisedAddress, int SiloPort, int? GatewayPort)
{
    /// <summary>The first non-loopback IPv4 address of this host, else loopback (a single-machine cluster).</summary>
    public static IPAddress DetectAddress()
    {
        try
        {
            var addresses = Dns.GetHostAddresses(Dns.GetHostName());
            var routable = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
            return routable ?? IPAddress.Loopback;
        }
        catch (SocketException)
        {
            return IPAddress.Loopback;
        }
    }

    /// <summary>A TCP port that was free a moment ago (for local mode and tests).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
