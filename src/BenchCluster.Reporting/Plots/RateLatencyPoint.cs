namespace BenchCluster.Reporting.Plots;

/// <summary>
/// Latency percentiles of one open-loop stage at one request rate: a result's headline stage, or one stage of a sweep.
/// <paramref name="Series"/> names the model × quantization × settings × node whose stages form one line.
/// </summary>
public sealed record RateLatencyPoint(
    string Series, double RequestsPerSecond, double? TtftP50Ms, double? TtftP99Ms, double? TpotP50Ms, double? TpotP99Ms);
