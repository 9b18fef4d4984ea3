namespace BenchCluster.Measurement.Suite;

/// <summary>
/// Load from the whole fleet: a request-level scenario against one endpoint driven by several workers at once. The
/// rate is split between them, all start at one scheduled instant, and fleet-wide percentiles come from the raw rows.
/// </summary>
public sealed record FleetLoadSpec
{
    /// <summary>Workers that drive the scenario together; 1 = the usual single driver.</summary>
    public int Drivers { get; init; } = 1;
}
