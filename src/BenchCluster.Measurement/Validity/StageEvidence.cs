namespace BenchCluster.Measurement.Validity;

/// <summary>The facts about a measured stage that the verdict rules look at; built by the aggregator from raw samples.</summary>
public sealed record StageEvidence
{
    public required int ExpectedRepetitions { get; init; }
    public required int MeasuredRepetitions { get; init; }
    public IReadOnlyList<double> RepetitionSeconds { get; init; } = [];
    public required int Succeeded { get; init; }
    public required int Failed { get; init; }
    /// <summary>Name of the throughput whose spread over repetitions the CV rule checks.</summary>
    public string HeadlineMetric { get; init; } = "";
    public IReadOnlyList<double> HeadlineValues { get; init; } = [];
    public int OutputCountMismatches { get; init; }
    public int OutputCountChecked { get; init; }
    public int ServerCountDisagreements { get; init; }
    /// <summary>Successful requests whose stream gave no exact per-event token counts: their per-token ITL is withheld.</summary>
    public int InexactCountRequests { get; init; }
    /// <summary>Successful requests of a reasoning model that ended before their answer began (no TTFO).</summary>
    public int EndedWhileReasoning { get; init; }
    /// <summary>Open loop: requests per second asked for, and the lowest achieved send rate over repetitions.</summary>
    public double? RequestedRate { get; init; }
    public double? LowestAchievedRate { get; init; }
    public double? SendLagP99Ms { get; init; }
    public IReadOnlyList<PercentileCheck> PercentileChecks { get; init; } = [];
    public int OutlierCount { get; init; }
    /// <summary>Pooled latency metrics (ms, per request or per token) and how many samples their p99 is estimated from.</summary>
    public IReadOnlyDictionary<string, int> LatencySampleCounts { get; init; } = new Dictionary<string, int>();
}
