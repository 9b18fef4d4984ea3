namespace BenchCluster.Storage.Jobs;

/// <summary>Lifecycle of a job (jobs.status, stored in lower case).</summary>
public enum JobState
{
    /// <summary>Waiting for a dispatch (new, or handed back for a retry).</summary>
    Pending,
    /// <summary>Its current attempt was dispatched to <see cref="JobRow.AssignedNode"/>.</summary>
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
