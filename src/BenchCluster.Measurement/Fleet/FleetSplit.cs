namespace BenchCluster.Measurement.Fleet;

/// <summary>
/// How a fleet point's load is shared among its drivers. Open loop: each driver sends at rate / drivers on its own
/// seed's schedule, and all schedules have the same length, so together they are the requested process (the union of
/// independent Poisson processes is Poisson at the summed rate). Closed loop: the concurrency is split, the remainder
/// going to the first drivers.
/// </summary>
public static class FleetSplit
{
    public static double Rate(double rate, FleetShare? share) => share is null ? rate : rate / share.Drivers;

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
