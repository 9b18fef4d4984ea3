namespace BenchCluster.Storage.Queries;

/// <summary>
/// One measured request (or micro-benchmark repetition, or batched sequence) of a run's current attempts, for users'
/// own analysis. Timestamps are the worker's monotonic clock in nanoseconds: comparable within one job only.
/// </summary>
public sealed record RequestRow
{
    public required Guid RunId { get; init; }
    public required Guid JobId { get; init; }
    public required string PointKey { get; init; }
    public required string Model { get; init; }
    public required string Scenario { get; init; }
    public string? NodeName { get; init; }
    public required int Repetition { get; init; }
    public required int Attempt { get; init; }
    public required int Seq { get; init; }
    /// <summary>Request, Prompt, Generation or BatchedSequence.</summary>
    public required string Kind { get; init; }
    public required bool IsWarmup { get; init; }
    public required int Stage { get; init; }
    public long? ScheduledNs { get; init; }
    public required long SentNs { get; init; }
    public long? FirstTokenNs { get; init; }
    public required long EndNs { get; init; }
    /// <summary>From the scheduled time when there was a schedule, else from sending.</summary>
    public double? TtftMs { get; init; }
    public required double E2eMs { get; init; }
    /// <summary>The server's count when it gave one, else ours.</summary>
    public required int PromptTokens { get; init; }
    public required int OutputTokens { get; init; }
    public required int RequestedOutputTokens { get; init; }
    /// <summary>Output-carrying events; their gaps are the inter-token latencies.</summary>
    public required int Events { get; init; }
    public string? Error { get; init; }
}
