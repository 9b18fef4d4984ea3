namespace BenchCluster.Hosting.Restart;

/// <summary>
/// How long to wait before starting a new silo: 1 s after a silo that ran a while (a one-off stall), doubling for each
/// restart that follows quickly on the last, never more than <see cref="Longest"/>, so a node that keeps failing
/// neither spins nor gives up.
/// </summary>
public sealed class RestartBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);
    /// <summary>A silo that stayed up this long resets the delay to <see cref="First"/>.</summary>
    public static readonly TimeSpan Healthy = TimeSpan.FromMinutes(2);

    private TimeSpan _next = First;

    /// <summary>The delay before the next start, given how long the last silo ran (zero when it did not start).</summary>
    public TimeSpan Next(TimeSpan lastRan)
    {
        if (lastRan >= Healthy)
            _next = First;
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, Longest.Ticks));
        return delay;
    }
}
