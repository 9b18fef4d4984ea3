namespace BenchCluster.Measurement.Fleet;

/// <summary>One driver of a fleet point: what it sent and how well it kept the common schedule.</summary>
public sealed record FleetDriverSummary
{
    public required string Driver { get; init; }
    public required int Index { get; init; }
    /// <summary>Measured requests it sent over all repetitions.</summary>
    public required int Requests { get; init; }
    /// <summary>Send lag (sent − scheduled) of its open-loop requests; null in closed loop.</summary>
    public double? SendLagP50Ms { get; init; }
    public double? SendLagP99Ms { get; init; }
    public double? SendLagMaxMs { get; init; }
    /// <summary>The largest start error over its repetitions (this node's wall clock at its origin − the common start).</summary>
    public double? StartErrorMaxMs { get; init; }
}
