namespace BenchCluster.Reporting.Comparing;

/// <summary>One side of a comparison: the run, and how the user named it (an id, an id prefix or a tag).</summary>
public sealed record ComparedRun
{
    public required Guid RunId { get; init; }
    /// <summary>What was asked for, e.g. "main-2026-12-01", "3f2a" or the full id.</summary>
    public required string Reference { get; init; }
    public string? SuiteName { get; init; }
    public string? Status { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
}
