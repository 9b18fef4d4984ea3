using BenchCluster.Contracts.Jobs;
using BenchCluster.Storage.Jobs;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Grains.Coordinator.Dispatch;

/// <summary>
/// What a job's outcome does, by its kind: a stored success or failure is final; an engine crash or an undelivered
/// call gets another attempt until <see cref="DispatchSettings.MaxAttempts"/>; a hang, an unstored failure or the retry limit fails the job with its
/// reason; a success without a sample is turned into a failure; a stale attempt defers to storage.
/// </summary>
internal sealed class OutcomeApplier(JobStateSync sync, DispatchSettings settings)
{
    public async Task ApplyAsync(string node, PlannedJob job, int attempt, JobOutcome outcome, CancellationToken cancellationToken)
    {
        var label = $"{job.Spec.Point.Label} rep {job.Spec.Repetition} on {node}";
        switch (outcome.Kind)
        {
            case JobOutcomeKind.Stale:
                sync.Observer.Record($"{label}: attempt {attempt} was superseded; its samples were discarded");
                await sync.RereadAsync(job, cancellationToken);
                return;
            case JobOutcomeKind.Succeeded when outcome.Stored && outcome.SamplesWritten == 0:
                var empty = $"reported success on {node} without a single sample; nothing was measured";
                if (await sync.StoreAsync((store, token) => store.FailEmptySuccessAsync(job.JobId, attempt, empty, token), cancellationToken))
                    sync.Observer.Record($"{label}: FAILED: {empty}");
                await sync.RereadAsync(job, cancellationToken);
                return;
            case JobOutcomeKind.Succeeded or JobOutcomeKind.Failed when outcome.Stored:
                sync.Jobs.Set(job.JobId, outcome.Succeeded ? JobState.Succeeded : JobState.Failed);
                sync.Observer.Record(outcome.Succeeded ? $"{label}: done ({outcome.SamplesWritten} samples)" : $"{label}: FAILED: {outcome.Error}",
                    outcome.Succeeded ? LogLevel.Debug : LogLevel.Information);
                break;
            case JobOutcomeKind.EngineCrashed or JobOutcomeKind.Undelivered when attempt < settings.MaxAttempts:
                if (await sync.StoreAsync((store, token) => store.RequeueAsync(job.JobId, attempt, outcome.Error ?? outcome.Kind.ToString(), token), cancellationToken))
                {
                    sync.Jobs.Set(job.JobId, JobState.Pending);
                    sync.Jobs.Requeue(node, job.JobId);
                    var retry = outcome.Kind == JobOutcomeKind.EngineCrashed ? "retrying with a fresh engine" : "retrying";
                    sync.Observer.Record($"{label}: {outcome.Error}; {retry} (attempt {attempt} of {settings.MaxAttempts})");
                    return;
                }
                await sync.RereadAsync(job, cancellationToken);
                return;
            default:
                var reason = FailureReason(outcome, attempt);
                if (await sync.StoreAsync((store, token) => store.MarkFailedAsync(job.JobId, attempt, reason, outcome.MeasurementEnvelopeJson, token), cancellationToken))
                {
                    sync.Jobs.Set(job.JobId, JobState.Failed);
                    sync.Observer.Record($"{label}: FAILED: {reason}");
                }
                else
                {
                    await sync.RereadAsync(job, cancellationToken);
                    return;
                }
                break;
        }
        await sync.PointMayBeFinishedAsync(job, cancellationToken);
    }

    private string FailureReason(JobOutcome outcome, int attempt) => outcome.Kind switch
    {
        JobOutcomeKind.EngineCrashed or JobOutcomeKind.Undelivered => $"{outcome.Error} (attempt {attempt} of {settings.MaxAttempts}: the retry limit is reached)",
        _ => outcome.Error ?? $"failed ({outcome.Kind}) without a reason",
    };
}
