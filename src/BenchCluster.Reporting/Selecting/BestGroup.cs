namespace BenchCluster.Reporting.Selecting;

/// <summary>The choice within one scenario (configurations are only comparable on the same workload).</summary>
public sealed record BestGroup
{
    public required string Scenario { get; init; }
    public required string ScenarioKind { get; init; }
    /// <summary>The best VALID configuration meeting the SLO; null when none does (see <see cref="Message"/>).</summary>
    public BestRow? Best { get; init; }
    /// <summary>Why there is no best, or what the choice rests on (e.g. prices unknown, so the cost axis is left out).</summary>
    public string? Message { get; init; }
    /// <summary>The axes the frontier was drawn over, e.g. ["cost", "throughput", "latency"].</summary>
    public required IReadOnlyList<string> FrontierAxes { get; init; }
    /// <summary>Every configuration of the scenario, best first, then the other candidates, then the excluded.</summary>
    public required IReadOnlyList<BestRow> Rows { get; init; }
}
