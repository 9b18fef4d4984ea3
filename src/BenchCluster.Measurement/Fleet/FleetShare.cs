namespace BenchCluster.Measurement.Fleet;

/// <summary>
/// A driver job's part of a fleet-wide point: which of the point's drivers it is and on which nodes the others run.
/// Set by the coordinator's planner on each driver's copy of the job; null on every single-driver job.
/// </summary>
public sealed record FleetShare
{
    /// <summary>0-based index of this driver; driver 0 gets the first share of a remainder.</summary>
    public required int Index { get; init; }
    /// <summary>The point's driver nodes in driver order; the driver count is their number.</summary>
    public required IReadOnlyList<string> Nodes { get; init; }

    public int Drivers => Nodes.Count;

    /// <summary>
    /// Seed of the open-loop schedule every driver of the point draws alike before taking its part of it
    /// (<see cref="Timing.ArrivalSchedule.Share"/>): the point's own job seed, the same on all drivers.
    /// </summary>
    public int ScheduleSeed { get; init; }

    /// <summary>The node name a fleet point's result is stored under: no single node measured it.</summary>
    public string ResultNode => "fleet:" + string.Join('+', Nodes);
}
