namespace BenchCluster.Measurement.Cost;

/// <summary>
/// A result's cost. Per-token prices (input, output, blended 3:1) come from micro runs or a price sheet;
/// workload figures (per 1M tokens of the measured mix, per request) come from request-level runs and compare
/// self-hosted nodes with hosted APIs on the same workload. Null where the result cannot give the figure.
/// </summary>
public sealed record CostBreakdown
{
    /// <summary>Hardware + energy per hour of the node; null for remote endpoints and when the price is unknown.</summary>
    public double? UsdPerHour { get; init; }
    public double? EnergyUsdPerHour { get; init; }
    /// <summary>The power that priced the energy: measured when there is one, else configured (EnergyBreakdown has both).</summary>
    public double? Watts { get; init; }
    /// <summary>"measured:&lt;source&gt;", "configured" or "none".</summary>
    public string WattsSource { get; init; } = PowerSources.None;
    public double? InputUsdPerMillion { get; init; }
    public double? OutputUsdPerMillion { get; init; }
    /// <summary>(3 · input + 1 · output) / 4, Artificial Analysis's blend.</summary>
    public double? BlendedUsdPerMillion { get; init; }
    /// <summary>Cost per 1M tokens (input + output) of the measured workload mix.</summary>
    public double? WorkloadUsdPerMillion { get; init; }
    /// <summary>Cost per 1M output tokens of the measured workload, their prompts included.</summary>
    public double? WorkloadOutputUsdPerMillion { get; init; }
    public double? UsdPerRequest { get; init; }
    /// <summary>Which throughput the figures rest on, e.g. "goodput within SLO at 3.2 req/s".</summary>
    public string Basis { get; init; } = "";
}
