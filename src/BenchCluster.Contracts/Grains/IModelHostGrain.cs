using BenchCluster.Contracts.Jobs;

namespace BenchCluster.Contracts.Grains;

/// <summary>
/// One model on one worker node (key: <see cref="ModelHostKey"/>). Placed only on the worker silo of that
/// node holding that model; runs jobs in a supervised engine child process, one at a time.
/// </summary>
public interface IModelHostGrain : IGrainWithStringKey
{
    /// <remarks>A job runs for minutes: the worker enforces its own hang timeout, and a call to a silo declared dead fails at once.</remarks>
    [ResponseTimeout("12:00:00")]
    Task<JobOutcome> RunJobAsync(JobAssignment assignment, CancellationToken cancellationToken = default);
}
