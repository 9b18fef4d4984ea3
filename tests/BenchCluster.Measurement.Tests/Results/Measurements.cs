using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Samples;
using static BenchCluster.Measurement.Tests.Fakes.Timelines;

namespace BenchCluster.Measurement.Tests.Results;

/// <summary>Hand-built job measurements for aggregation tests.</summary>
internal static class Measurements
{
    public static JobMeasurement Of(JobSpec job, int repetition, IReadOnlyList<Sample> samples, IReadOnlyList<StageInfo>? stages = null, double? watts = null) => new()
    {
        PointId = job.Point.Id,
        Repetition = repetition,
        Samples = samples,
        Stages = stages ?? [],
        MeasuredStartNs = samples.Count == 0 ? 0 : samples.Min(s => s.StartNs),
        MeasuredEndNs = samples.Count == 0 ? 0 : samples.Max(s => s.EndNs),
        MeasuredWatts = watts,
        PowerSource = watts is null ? null : "rapl:test",
    };

    /// <summary>One tg run of <paramref name="tokens"/> tokens at <paramref name="tokensPerSecond"/>.</summary>
    public static Sample Tg(double tokensPerSecond, int tokens = 32, bool warmup = false, int seq = 1)
    {
        var gapNs = 1e9 / tokensPerSecond;
        var events = Enumerable.Range(1, tokens).Select(i => (long)Math.Round(i * gapNs)).ToArray();
        return new Sample
        {
            Seq = seq,
            Kind = SampleKind.Generation,
            IsWarmup = warmup,
            SentNs = 0,
            FirstTokenNs = events[0],
            EndNs = events[^1],
            EventNs = events,
            EventTokenCounts = [.. Enumerable.Repeat(1, tokens)],
            OutputTokens = tokens,
            RequestedOutputTokens = tokens,
        };
    }

    /// <summary>
    /// One open-loop repetition at 4 req/s over a 2 s window: requests scheduled at 250, 500, 750, 1000 ms; the third
    /// is sent 10 ms late, the fourth fails. TTFTs 100, 150, 100 ms; E2E 120, 190, 120 ms; TPOT 10, 20, 10 ms.
    /// </summary>
    public static (IReadOnlyList<Sample> Samples, StageInfo Stage) OpenLoopRepetition(int stage = 0, double targetRate = 4)
    {
        Sample[] samples =
        [
            Request(250, [350, 360, 370], scheduledMs: 250, seq: 0, stage: stage),
            Request(500, [650, 670, 690], scheduledMs: 500, seq: 1, stage: stage),
            Request(760, [850, 860, 870], scheduledMs: 750, seq: 2, stage: stage),
            Request(1000, [], endMs: 1050, scheduledMs: 1000, requested: 3, error: "ServerError 503: busy", seq: 3, stage: stage),
        ];
        var info = new StageInfo { Index = stage, Kind = stage == 0 ? StageKind.Steady : StageKind.Rate, TargetRate = targetRate, Burstiness = 1, StartNs = 0, EndNs = ToNs(2000) };
        return (samples, info);
    }
}
