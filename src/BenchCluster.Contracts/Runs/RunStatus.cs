namespace BenchCluster.Contracts.Runs;

public enum RunStatus { Pending, Running, Completed, Failed, Cancelled }

public static class RunStatusExtensions
{
    public static bool IsTerminal(this RunStatus status) =>
        status is RunStatus.Completed or RunStatus.Failed or RunStatus.Cancelled;

    /// <summary>The name stored in Postgres (runs.status).</summary>
    public static string ToStorageName(this RunStatus status) => status.ToString().ToLowerInvariant();
}
