namespace BenchCluster.Measurement.Fleet;

/// <summary>
/// When one driver started its measured part: the common wall-clock start the coordinator chose, the instant of this
/// node's monotonic clock it was mapped to, and how far from the common start (by this node's wall clock) the driver
/// really began. Stored in the driver's measurement envelope.
/// </summary>
public sealed record FleetDriverStart
{
    public required string Driver { get; init; }
    public required int Index { get; init; }
    /// <summary>The common start, UTC, as chosen by the coordinator.</summary>
    public required DateTimeOffset StartUtc { get; init; }
    /// <summary>This node's monotonic nanoseconds at the common start: every sample time of this driver is on that clock.</summary>
    public required long OriginNs { get; init; }
    /// <summary>This node's wall clock at its origin minus the common start: the mapping and wake-up error (positive = late).</summary>
    public required long StartErrorNs { get; init; }
}
