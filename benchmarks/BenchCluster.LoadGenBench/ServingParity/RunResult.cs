namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>What one server did at one concurrency level in one round.</summary>
internal sealed record RunResult
{
    public required string Server { get; init; }
    public required int Concurrency { get; init; }
    /// <summary>Output tokens of the measured requests / the measured part's wall time.</summary>
    public required double OutputTokensPerSecond { get; init; }
    public required IReadOnlyList<double> TtftMs { get; init; }
    public required IReadOnlyList<double> TpotMs { get; init; }
}
