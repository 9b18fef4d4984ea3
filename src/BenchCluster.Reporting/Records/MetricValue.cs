namespace BenchCluster.Reporting.Records;

/// <summary>One metric of a result's headline stage, with the statistics a person or a tool needs.</summary>
public sealed record MetricValue
{
    public required string Name { get; init; }
    public required string Unit { get; init; }
    /// <summary>PerRequest, PerToken or PerRepetition: what one value stands for.</summary>
    public required string Pooling { get; init; }
    public required int N { get; init; }
    public double? Mean { get; init; }
    public double? StdDev { get; init; }
    public double? P50 { get; init; }
    public double? P90 { get; init; }
    public double? P99 { get; init; }
    public double? CiLower { get; init; }
    public double? CiUpper { get; init; }
}
