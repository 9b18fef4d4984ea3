namespace BenchCluster.Storage.Runs;

/// <summary>One row of runs: a submitted suite. JSON columns are passed as JSON text.</summary>
public sealed record RunRow
{
    public required Guid RunId { get; init; }
    public required string SuiteName { get; init; }
    /// <summary>The suite file exactly as submitted, so a run can be re-read and repeated.</summary>
    public required string SuiteText { get; init; }
    public required string SubmittedBy { get; init; }
    public RunState Status { get; init; } = RunState.Pending;
    /// <summary>Null on insert means the database's now().</summary>
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? Error { get; init; }
    public string SettingsJson { get; init; } = "{}";
    /// <summary>Names to find the run by (compare BASE NEW accepts a tag).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
