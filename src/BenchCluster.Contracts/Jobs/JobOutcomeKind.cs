namespace BenchCluster.Contracts.Jobs;

/// <summary>How a job attempt ended, as the worker reports it; the coordinator decides by this, never by an error's wording.</summary>
[GenerateSerializer]
public enum JobOutcomeKind
{
    /// <summary>Measured; its samples and final state are stored.</summary>
    Succeeded = 0,
    /// <summary>Failed for a reason another try would not change (bad model, endpoint error, no samples, storage unreachable).</summary>
    Failed = 1,
    /// <summary>The engine child died (native crash, out-of-memory kill): may be a one-off, so the job gets another attempt.</summary>
    EngineCrashed = 2,
    /// <summary>The engine did not finish within the job timeout and was killed as hung: not retried, a hang tends to repeat.</summary>
    TimedOut = 3,
    /// <summary>The attempt was superseded (the job moved on); nothing of it was stored.</summary>
    Stale = 4,
    /// <summary>
    /// The coordinator's call to a node that stayed alive failed (it timed out while the cluster reconfigured, say):
    /// nothing was reported, so the job gets another attempt; anything the old attempt writes later is fenced out.
    /// </summary>
    Undelivered = 5,
}
