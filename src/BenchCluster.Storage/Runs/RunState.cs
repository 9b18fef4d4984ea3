namespace BenchCluster.Storage.Runs;

/// <summary>Lifecycle of a run (runs.status, stored in lower case).</summary>
public enum RunState
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}
