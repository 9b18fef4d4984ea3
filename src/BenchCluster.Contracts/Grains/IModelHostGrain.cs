using BenchCluster.Contracts.Jobs;

namespace BenchCluster.Contracts.Grains;

/// <summary>
/// One model on one worker node (key: <see cref="ModelHostKey"/>). Placed only on the worker silo of that
/// node holding that model; runs jobs in a supervised engine child process, one at a time.
/// </summary>
public interface IModelHostGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the jobs one after another and reports one outcome per job, in order. The coordinator sends several at
    /// once only while jobs are short (it measures how long they take), so long jobs still report one by one.
    /// </summary>
    /// <remarks>A job runs for minutes: the worker enforces its own hang timeout, and a call to a silo declared dead fails at once.</remarks>
    [ResponseTimeout("12:00:00")]
    Task<IReadOnlyList<JobOutcome>> RunJobsAsync(IReadOnlyList<JobAssignment> assignments, CancellationToken cancellationToken = default);
}
