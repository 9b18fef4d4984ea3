namespace BenchCluster.Measurement.Suite;

/// <summary>Shared-prefix workloads: every request of a user starts with one system prompt common to all users.</summary>
public sealed record SharedPrefixSpec
{
    /// <summary>Tokens of the common system prompt.</summary>
    public required int Tokens { get; init; }
    /// <summary>Distinct users (conversation ids) sharing it.</summary>
    public int Users { get; init; } = 1;
}
