namespace BenchCluster.Measurement.Suite;

/// <summary>
/// Multi-turn workloads: each conversation has a number of turns; every turn sends the conversation so far plus a new
/// user message, after a think time following the previous answer. Metrics are kept per turn index.
/// </summary>
public sealed record ConversationSpec
{
    public const int DefaultTurns = 4;

    /// <summary>Turns per conversation.</summary>
    public LengthDistribution Turns { get; init; } = LengthDistribution.Fixed(DefaultTurns);
    /// <summary>Milliseconds between an answer and the next turn's request; null = none.</summary>
    public LengthDistribution? ThinkTimeMs { get; init; }
}
