using BenchCluster.Contracts.Jobs;

namespace BenchCluster.Contracts.Grains;

/// <summary>
/// Benchmarks a remote OpenAI-compatible endpoint from one worker node (key: node name). Placed on that node's
/// silo; no native code, so it runs inside the silo.
/// </summary>
public interface IEndpointGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the jobs one after another and reports one outcome per job, in order. The coordinator sends several at
    /// once only while jobs are short (it measures how long they take), so long jobs still report one by one.
    /// </summary>
    /// <remarks>A job runs for minutes: the worker enforces its own hang timeout, and a call to a silo declared dead fails at once.</remarks>
    [ResponseTimeout("12:00:00")]
    Task<IReadOnlyList<JobOutcome>> RunJobsAsync(IReadOnlyList<JobAssignment> assignments, CancellationToken cancellationToken = default);
}
