namespace BenchCluster.Measurement.Samples;

/// <summary>One stage of a job's measured part: what load it applied and when it ran.</summary>
public sealed record StageInfo
{
    public required int Index { get; init; }
    public required StageKind Kind { get; init; }
    /// <summary>Requests per second asked for (open-loop stages); null for closed-loop stages.</summary>
    public double? TargetRate { get; init; }
    /// <summary>Requests in flight (closed-loop stages, or the batch size of a batched run).</summary>
    public int? Concurrency { get; init; }
    /// <summary>Gamma shape of the arrivals; 1 = Poisson; null = constant spacing or closed loop.</summary>
    public double? Burstiness { get; init; }
    /// <summary>Start of the stage's schedule (open loop) or first send.</summary>
    public required long StartNs { get; init; }
    public required long EndNs { get; init; }
}
