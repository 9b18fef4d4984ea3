namespace BenchCluster.HostSteadiness;

/// <summary>Equal units of work laid out in time: what the report reads, from the fixed loop or from llama-bench.</summary>
internal abstract class WorkTimeline
{
    /// <summary>Seconds from the first unit's start to the last one's end.</summary>
    public abstract double DurationSeconds { get; }

    /// <summary>The rates whose spread the report shows (per second of the loop, or per llama-bench sample).</summary>
    public abstract IReadOnlyList<double> Rates { get; }

    /// <summary>What one of <see cref="Rates"/> is, for the report's text.</summary>
    public abstract string RateName { get; }

    /// <summary>The rate one repetition starting at <paramref name="fromSeconds"/> and timing <paramref name="windowSeconds"/> would measure.</summary>
    public abstract double RepetitionRate(double fromSeconds, double windowSeconds);
}
