namespace BenchCluster.Reporting.Selecting;

/// <summary>The answer of `best RUN`: per scenario, the Pareto frontier and the best configuration under the SLO.</summary>
public sealed record BestReport
{
    public required Guid RunId { get; init; }
    public required BestObjective Objective { get; init; }
    public required SloBounds Slo { get; init; }
    public QualityBounds Quality { get; init; } = QualityBounds.None;
    public required IReadOnlyList<BestGroup> Groups { get; init; }
    public bool FoundAll => Groups.Count > 0 && Groups.All(g => g.Best is not null);
}
