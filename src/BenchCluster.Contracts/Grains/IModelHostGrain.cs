using BenchCluster.Contracts.Jobs;

namespace BenchCluster.Contracts.Grains;

/// <summary>
/// One model on one worker node (key: <see cref="ModelHostKey"/>). Placed only on the worker silo of that
/// node holding that model; runs jobs in a supervised engine child process, one at a time.
/// </summary>
public interface IModelHostGrain : IGrainWithStringKey
{
    Task<JobOutcome> RunJobAsync(JobAssignment assignment, CancellationToken cancellationToken = default);
}
