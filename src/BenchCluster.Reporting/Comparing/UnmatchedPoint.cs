namespace BenchCluster.Reporting.Comparing;

/// <summary>A point present on one side only (its settings, model file or node differ from everything on the other side).</summary>
public sealed record UnmatchedPoint
{
    public required string PointKey { get; init; }
    public required string PointLabel { get; init; }
    public required string Node { get; init; }
    public double? TokensPerSecond { get; init; }
}
