using System.Diagnostics;

namespace BenchCluster.HostSteadiness;

/// <summary>The fixed loop's chunks: a repetition counts the chunks (all threads) that ended inside its window.</summary>
internal sealed class LoopTimeline : WorkTimeline
{
    private readonly double[] _endSeconds;
    private readonly double _duration;

    public LoopTimeline(long[][] chunkEnds, long startTimestamp, TimeSpan duration)
    {
        _endSeconds = chunkEnds.SelectMany(e => e).Select(e => (e - startTimestamp) / (double)Stopwatch.Frequency).Order().ToArray();
        _duration = duration.TotalSeconds;
        var perSecond = new double[(int)_duration];
        foreach (var end in _endSeconds)
            if ((int)end < perSecond.Length)
                perSecond[(int)end]++;
        Rates = perSecond;
    }

    public override double DurationSeconds => _duration;
    public override IReadOnlyList<double> Rates { get; }
    public override string RateName => "chunks per second";

    public override double RepetitionRate(double fromSeconds, double windowSeconds)
    {
        var first = LowerBound(fromSeconds);
        var last = LowerBound(fromSeconds + windowSeconds);
        return (last - first) / windowSeconds;
    }

    private int LowerBound(double seconds)
    {
        var index = Array.BinarySearch(_endSeconds, seconds);
        return index >= 0 ? index : ~index;
    }
}
