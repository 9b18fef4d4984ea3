using BenchCluster.Contracts.Jobs;

namespace BenchCluster.Contracts.Grains;

/// <summary>
/// Benchmarks a remote OpenAI-compatible endpoint from one worker node (key: node name). Placed on that node's
/// silo; no native code, so it runs inside the silo.
/// </summary>
public interface IEndpointGrain : IGrainWithStringKey
{
    Task<JobOutcome> RunJobAsync(JobAssignment assignment, CancellationToken cancellationToken = default);
}
