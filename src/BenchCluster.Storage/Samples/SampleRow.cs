namespace BenchCluster.Storage.Samples;

/// <summary>
/// One row of samples as measured (mirrors BenchCluster.Measurement's Sample; the job, attempt and run come from the
/// write call). Times are monotonic-clock nanoseconds of the measuring node.
/// </summary>
public sealed record SampleRow
{
    public required int Seq { get; init; }
    /// <summary>The measurement layer's SampleKind name (Request, Prompt, Generation, BatchedSequence).</summary>
    public required string Kind { get; init; }
    public bool IsWarmup { get; init; }
    public int Stage { get; init; }
    public long? ScheduledNs { get; init; }
    public required long SentNs { get; init; }
    public long? FirstTokenNs { get; init; }
    public long? PromptEndNs { get; init; }
    public required long EndNs { get; init; }
    public long[] EventNs { get; init; } = [];
    /// <summary>Output tokens carried by each event of <see cref="EventNs"/> (same length).</summary>
    public int[] EventTokenCounts { get; init; } = [];
    public int PromptTokens { get; init; }
    public int OutputTokens { get; init; }
    public int? ServerPromptTokens { get; init; }
    public int? ServerOutputTokens { get; init; }
    public int RequestedOutputTokens { get; init; }
    public string? Error { get; init; }
    public string? ConversationId { get; init; }
    public int? TurnIndex { get; init; }
    public int? CachedPromptTokens { get; init; }
    public int? ReasoningTokens { get; init; }
    public long? FirstOutputNs { get; init; }
    /// <summary>The worker node that sent the request when several drove one scenario (fleet-wide load).</summary>
    public string? Driver { get; init; }
    public bool? TokenCountsExact { get; init; }
}
