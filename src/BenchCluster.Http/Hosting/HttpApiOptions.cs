using System.Security.Cryptography.X509Certificates;

namespace BenchCluster.Http.Hosting;

/// <summary>How the coordinator serves HTTP: where, with which certificate, and whose tokens it accepts.</summary>
public sealed record HttpApiOptions
{
    public required HttpListenAddress Listen { get; init; }
    /// <summary>The tokens file (<c>benchcluster api-token add</c> writes it).</summary>
    public required string TokensFile { get; init; }
    /// <summary>Served for https (the coordinator's cluster certificate); required for an https address.</summary>
    public X509Certificate2? Certificate { get; init; }
    public int MaxEventStreams { get; init; } = 64;
    public int MaxEventStreamsPerCaller { get; init; } = 8;
}
