namespace BenchCluster.Storage.Jobs;

/// <summary>A coordinator's request to dispatch a job to a node, made under the run's coordinator epoch it holds.</summary>
public sealed record JobClaim(Guid RunId, Guid JobId, string NodeName, int CoordinatorEpoch);
