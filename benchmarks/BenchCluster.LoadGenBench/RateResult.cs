using BenchCluster.Engine.Timing;
namespace BenchCluster.LoadGenBench;

/// <summary>What one requested rate achieved: the open-loop schedule kept, and the delay token timestamps carry.</summary>
internal sealed record RateResult
{
    public required double RequestedRate { get; init; }
    public required int Requests { get; init; }
    public required int Failed { get; init; }
    /// <summary>Requests sent / (last send − schedule origin): the rate the server actually received.</summary>
    public required double AchievedRate { get; init; }
    /// <summary>Send time − scheduled time, per request.</summary>
    public required Distribution SendLagMs { get; init; }
    /// <summary>Client timestamp − server production stamp, per token.</summary>
    public required Distribution TokenDelayMs { get; init; }
    public required int Tokens { get; init; }

    public double RateErrorPercent => (AchievedRate - RequestedRate) / RequestedRate * 100;
}

/// <summary>Exact order statistics of a set of durations, in milliseconds.</summary>
internal sealed record Distribution(double P50, double P99, double Max)
{

    public static Distribution OfNanoseconds(IEnumerable<long> valuesNs)
    {
        var sorted = valuesNs.Order().ToArray();
        if (sorted.Length == 0)
            return new Distribution(double.NaN, double.NaN, double.NaN);
        return new Distribution(Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1] / TimeUnits.NanosecondsPerMillisecond);
    }

    /// <summary>Nearest-rank quantile: a value that occurred, no interpolation.</summary>
    private static double Rank(long[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)] / TimeUnits.NanosecondsPerMillisecond;
}
