using System.Net;
using BenchCluster.Remote;
using BenchCluster.Hosting.Silos;
using BenchCluster.Hosting.Tls;

namespace BenchCluster.Hosting.Worker;

/// <summary>Everything a worker silo is started with (CLI flags, environment, or a config file).</summary>
public sealed record WorkerOptions
{
    public required ClusterConnection Cluster { get; init; }
    /// <summary>This silo's node certificate and the cluster CA (mutual TLS on every connection).</summary>
    public required ClusterCredentials Credentials { get; init; }
    /// <summary>Unique name of this node in the cluster; default: the host name.</summary>
    public required string NodeName { get; init; }
    public required IReadOnlyList<string> ModelDirectories { get; init; }
    /// <summary>"cpu" or "gpu". A gpu worker needs the CUDA libraries (infra/install-native.sh --gpu) and a GPU.</summary>
    public string DeviceKind { get; init; } = "cpu";
    /// <summary>Cloud price or amortized purchase per hour, for $/1M tokens.</summary>
    public double PriceUsdPerHour { get; init; }
    /// <summary>Power draw under load, for energy cost; 0 = unknown.</summary>
    public double Watts { get; init; }
    public IPAddress? AdvertisedAddress { get; init; }
    /// <summary>Silo-to-silo port; 0 = pick a free one.</summary>
    public int SiloPort { get; init; }
    /// <summary>The longest a single job may run before its engine child is killed as hung.</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>"llama" (engine child processes) or "noop" (answers at once; measures the cluster's own overhead).</summary>
    public string Engine { get; init; } = "llama";
    /// <summary>Jobs run at once on this node; 1 keeps measurements from disturbing each other.</summary>
    public int JobsAtOnce { get; init; } = 1;
    /// <summary>Environment variables endpoint suites may name as api_key_env on this node (--api-key-env); none by default.</summary>
    public ApiKeyVariables ApiKeyVariables { get; init; } = ApiKeyVariables.None;
}
