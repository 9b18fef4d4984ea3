namespace BenchCluster.Storage.Jobs;

/// <summary>The token counts a run's point was planned with (from its jobs' spec), e.g. for llama-bench's n_prompt / n_gen / n_depth.</summary>
public sealed record PointScenarioRow
{
    public required string PointKey { get; init; }
    /// <summary>The scenario kind as the spec spells it: Pp, Tg, Pg, Batched, Concurrency…</summary>
    public required string Kind { get; init; }
    public int? PromptTokens { get; init; }
    public int? OutputTokens { get; init; }
    public int Depth { get; init; }
}
