namespace BenchCluster.Measurement.Fleet;

/// <summary>How a fleet point's load was offered: requested and achieved total rate, and every driver's share.</summary>
public sealed record FleetSummary
{
    public required IReadOnlyList<string> Nodes { get; init; }
    /// <summary>Open loop: the point's total rate (requests/s) as asked for; null in closed loop.</summary>
    public double? RequestedRate { get; init; }
    /// <summary>
    /// Open loop: requests all drivers sent over the time from the common start to the fleet's last send, pooled over
    /// the repetitions that ran; the schedules end at count / rate, so a fleet on schedule achieves the requested rate.
    /// </summary>
    public double? AchievedRate { get; init; }
    /// <summary>Closed loop: the point's total concurrency; null in open loop.</summary>
    public int? RequestedConcurrency { get; init; }
    public required IReadOnlyList<FleetDriverSummary> Drivers { get; init; }
}
