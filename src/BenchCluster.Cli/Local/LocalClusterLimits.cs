using BenchCluster.Engine.Remote;

namespace BenchCluster.Cli.Local;

/// <summary>What `run` passes on to its silos: the API-key variables the worker may send, and the coordinator's job limit.</summary>
internal sealed record LocalClusterLimits(ApiKeyVariables KeyVariables, long MaxJobs);
