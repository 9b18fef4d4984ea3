using BenchCluster.Contracts.Jobs;

namespace BenchCluster.Contracts.Grains;

/// <summary>
/// Benchmarks a remote OpenAI-compatible endpoint from one worker node (key: node name). Placed on that node's
/// silo; no native code, so it runs inside the silo.
/// </summary>
public interface IEndpointGrain : IGrainWithStringKey
{
    /// <remarks>A job runs for minutes: the worker enforces its own hang timeout, and a call to a silo declared dead fails at once.</remarks>
    [ResponseTimeout("12:00:00")]
    Task<JobOutcome> RunJobAsync(JobAssignment assignment, CancellationToken cancellationToken = default);
}
