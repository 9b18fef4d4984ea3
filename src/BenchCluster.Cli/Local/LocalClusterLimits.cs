using BenchCluster.Remote;

namespace BenchCluster.Cli.Local;

/// <summary>What `run` and `up` pass on to their silos: the API-key variables the worker may send, the coordinator's job limit and HTTP API.</summary>
internal sealed record LocalClusterLimits(ApiKeyVariables KeyVariables, long MaxJobs)
{
    /// <summary>The coordinator's --http address (`up`); null: no HTTP API.</summary>
    public string? HttpUrl { get; init; }
    /// <summary>The coordinator's --api-tokens file, with <see cref="HttpUrl"/>.</summary>
    public string? ApiTokensFile { get; init; }

    public IEnumerable<string> CoordinatorHttpArguments() =>
        HttpUrl is null ? [] : ["--http", HttpUrl, "--api-tokens", ApiTokensFile ?? throw new InvalidOperationException("an HTTP API needs its tokens file")];
}
