using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Provenance;

/// <summary>
/// What else the node did while a job was measured: the CPU other processes used (silos, Postgres, anything), in
/// percent of one core, the measuring process's own CPU, and how often the kernel preempted its threads (the engine's
/// decode and ggml worker threads among them). A busy node or many preemptions explain a slow or noisy result.
/// </summary>
public sealed record MeasuredWindowActivity
{
    /// <summary>Other processes' warning level: above this share of one core the result is flagged.</summary>
    public const double BusyOtherCpuPercent = 10;

    /// <summary>
    /// CPU time comes in 10 ms ticks, so over a shorter window the percentages are mostly rounding (a 20 ms window
    /// reads 0 % or 50 % per tick): such windows are stored but neither shown as the result's figure nor warned about.
    /// </summary>
    public const double MinimumWindowSeconds = 1;

    public required double WindowSeconds { get; init; }
    /// <summary>CPU time all other processes used in the window ÷ its length, in percent of one core.</summary>
    public required double OtherCpuPercent { get; init; }
    /// <summary>The measuring process's CPU time ÷ the window, in percent of one core (200 = two cores busy).</summary>
    public required double OwnCpuPercent { get; init; }
    /// <summary>Nonvoluntary context switches of the measuring process's threads in the window.</summary>
    public required long InvoluntarySwitches { get; init; }

    /// <summary>True when the window is long enough for the CPU percentages to mean something.</summary>
    public bool IsLongEnough => WindowSeconds >= MinimumWindowSeconds;

    /// <summary>The activity between two readings; null when either is missing or the window is empty.</summary>
    public static MeasuredWindowActivity? Between(ActivityCounters? start, ActivityCounters? end)
    {
        if (start is null || end is null || end.Ns <= start.Ns)
            return null;
        var seconds = TimeUnits.ToSeconds(end.Ns - start.Ns);
        double Percent(long ticks) => Math.Max(0, ticks) / ActivityCounters.TicksPerSecond / seconds * 100;
        var own = end.OwnTicks - start.OwnTicks;
        return new MeasuredWindowActivity
        {
            WindowSeconds = seconds,
            OtherCpuPercent = Percent(end.BusyTicks - start.BusyTicks - own),
            OwnCpuPercent = Percent(own),
            InvoluntarySwitches = Math.Max(0, end.InvoluntarySwitches - start.InvoluntarySwitches),
        };
    }
}
