namespace BenchCluster.Measurement.Fleet;

/// <summary>Bounds on fleet-wide load: what a suite may ask for, and how long drivers wait for each other.</summary>
public static class FleetLimits
{
    /// <summary>Most drivers of one point: every driver is a job, a barrier member and a series of rows.</summary>
    public const int MaxDrivers = 64;

    /// <summary>
    /// The open-loop rate one driver is trusted to send on schedule: one dispatch thread and one HTTP client per
    /// driver. Above it the send lag, not the server, would shape the load; more drivers are the fix.
    /// </summary>
    public const double MaxRatePerDriver = 250;

    /// <summary>How far ahead of the last driver's arrival the coordinator puts the common start.</summary>
    public static readonly TimeSpan StartLead = TimeSpan.FromSeconds(2);

    /// <summary>How long a driver waits for the others to be ready (they may still be finishing earlier jobs).</summary>
    public static readonly TimeSpan ArrivalTimeout = TimeSpan.FromMinutes(30);

    /// <summary>A driver that learns the start later than this after it passed did not start with the others.</summary>
    public static readonly TimeSpan MissedStartTolerance = TimeSpan.FromMilliseconds(500);
}
