namespace BenchCluster.Reporting.Records;

/// <summary>
/// A result's cost in US dollars. Every figure is null where it does not apply to the scenario or where a price is
/// unknown (a suite without a cost section): unknown never reads as free.
/// </summary>
public sealed record ResultCost
{
    public double? UsdPerMTokInput { get; init; }
    public double? UsdPerMTokOutput { get; init; }
    /// <summary>(3 · input + 1 · output) / 4.</summary>
    public double? UsdPerMTokBlended { get; init; }
    /// <summary>Per 1M tokens (input + output) of the measured request mix (request-level scenarios).</summary>
    public double? UsdPerMTokWorkload { get; init; }
    public double? UsdPerRequest { get; init; }
    /// <summary>The node's hardware plus energy per hour; null for endpoints and unpriced nodes.</summary>
    public double? UsdPerHour { get; init; }
    /// <summary>What the figures rest on, e.g. "tg tokens/s (machine time on generation only)".</summary>
    public string? Basis { get; init; }
}
