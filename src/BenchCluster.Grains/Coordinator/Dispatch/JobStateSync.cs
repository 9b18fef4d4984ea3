using BenchCluster.Storage.Jobs;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>
/// Keeps the dispatcher's copy of the jobs in step with storage: every storage call goes through the bounded retry,
/// and when storage changed behind the dispatcher's back (a fenced update matched no row, a claim found the job
/// final, an attempt went stale) the job is read again and the stored state wins.
/// </summary>
internal sealed class JobStateSync(Guid runId, RunJobs jobs, IRunJobStore store, IDispatchObserver observer, DispatchSettings settings)
{
    public RunJobs Jobs => jobs;

    public IRunJobStore Store => store;

    public IDispatchObserver Observer => observer;

    /// <summary>True once a claim was refused because another coordinator holds the run.</summary>
    public bool OwnershipLost { get; private set; }

    /// <summary>Storage calls ride out a transient outage (bounded retries); what outlasts them reaches the host.</summary>
    public Task<T> StoreAsync<T>(Func<IRunJobStore, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        settings.StorageRetry.ExecuteAsync(token => call(store, token), cancellationToken);

    /// <summary>Takes the job's state from storage; a job storage lists as unfinished is left pending for the next sweep.</summary>
    public async Task RereadAsync(PlannedJob job, CancellationToken cancellationToken)
    {
        var stored = await StoreAsync((s, token) => s.GetAsync(job.JobId, token), cancellationToken);
        if (stored is null)
        {
            jobs.Set(job.JobId, JobState.Failed);
            observer.Record($"{job.Spec.Point.Label} rep {job.Spec.Repetition}: its job row is gone from storage", LogLevel.Warning);
        }
        else if (RunJobs.IsFinal(stored.State))
            jobs.Set(job.JobId, stored.State, stored.Attempt);
        else
        {
            jobs.Set(job.JobId, JobState.Pending, stored.Attempt);
            return;
        }
        await PointMayBeFinishedAsync(job, cancellationToken);
    }

    public async Task PointMayBeFinishedAsync(PlannedJob job, CancellationToken cancellationToken)
    {
        if (jobs.IsFinished(job.ResultKey))
            await observer.PointFinishedAsync(job.ResultKey, cancellationToken);
    }

    public void LoseOwnership()
    {
        if (OwnershipLost)
            return;
        OwnershipLost = true;
        observer.Record($"run {runId} was taken over by another coordinator; this one stops dispatching", LogLevel.Warning);
    }
}
