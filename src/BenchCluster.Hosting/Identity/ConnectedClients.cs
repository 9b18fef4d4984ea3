using System.Collections.Concurrent;

namespace BenchCluster.Hosting.Identity;

/// <summary>
/// On a gateway silo: the certificate name behind each connected client, keyed by the client id the client announced
/// in its connection preamble over that TLS connection. Filled and emptied by <see cref="GatewayIdentityMiddleware"/>.
/// </summary>
public sealed class ConnectedClients
{
    private readonly ConcurrentDictionary<GrainId, string> _names = new();

    public void Add(GrainId client, string name) => _names[client] = name;

    public void Remove(GrainId client) => _names.TryRemove(client, out _);

    /// <summary>The verified certificate name of <paramref name="client"/>, or null when it did not connect here.</summary>
    public string? NameOf(GrainId client) => _names.TryGetValue(client, out var name) ? name : null;
}
