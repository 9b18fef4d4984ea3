using System.Net;

namespace BenchCluster.Http.Hosting;

/// <summary>
/// The --http address: plain http only on loopback (nothing leaves the machine), https anywhere else. Tokens and
/// session cookies must never cross a network in clear text.
/// </summary>
public sealed record HttpListenAddress(IPAddress Address, int Port, bool Https)
{
    public string Url => $"{(Https ? "https" : "http")}://{(Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{Port}";

    /// <summary>Parses <paramref name="text"/> (e.g. http://127.0.0.1:8080 or https://0.0.0.0:8443); throws ArgumentException naming the fix.</summary>
    public static HttpListenAddress Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.AbsolutePath != "/" || uri.Query.Length > 0)
            throw new ArgumentException($"--http '{text}' is not an address to listen on; expected http://127.0.0.1:8080 (this machine only) or https://0.0.0.0:8443");
        var host = uri.Host.Trim('[', ']');
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new ArgumentException($"--http '{text}': '{uri.Host}' is not an IP address; listen on an address of this machine such as 127.0.0.1 or 0.0.0.0");
        if (uri.IsDefaultPort && !text.Contains($":{uri.Port}", StringComparison.Ordinal))
            throw new ArgumentException($"--http '{text}' names no port; add one, e.g. {uri.Scheme}://{uri.Host}:8080");
        var https = uri.Scheme == "https";
        if (!https && !IPAddress.IsLoopback(address))
            throw new ArgumentException(
                $"--http '{text}' would serve tokens in clear text beyond this machine; use https://{uri.Host}:{uri.Port} " +
                "(the coordinator then serves its cluster TLS certificate, --tls-cert) or a loopback address such as http://127.0.0.1:" + uri.Port);
        return new HttpListenAddress(address, uri.Port, https);
    }
}
