namespace BenchCluster.Measurement.Fleet;

/// <summary>
/// How a closed-loop fleet point's load is shared among its drivers: the concurrency is split, the remainder going to
/// the first drivers, and each sends an equal share of the requests. (Open loop: every driver sends every N-th arrival
/// of one schedule drawn alike on all of them, <see cref="Timing.ArrivalSchedule.Share"/>.)
/// </summary>
public static class FleetSplit
{
    public static int Concurrency(int concurrency, FleetShare? share)
    {
        if (share is null)
            return concurrency;
        var part = concurrency / share.Drivers;
        return part + (share.Index < concurrency % share.Drivers ? 1 : 0);
    }

    /// <summary>Requests of one driver: an equal share rounded up, so every driver's schedule ends at the same instant.</summary>
    public static int Requests(int requests, FleetShare? share) =>
        share is null ? requests : (int)Math.Ceiling(requests / (double)share.Drivers);
}
