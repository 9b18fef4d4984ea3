namespace BenchCluster.Measurement.Suite;

/// <summary>
/// Trace replay: arrival times and lengths from a CSV trace (at least TIMESTAMP, ContextTokens, GeneratedTokens, as
/// the public Azure LLM inference traces), scaled in time and cut to a window; latency is measured from each
/// request's scheduled time.
/// </summary>
public sealed record TraceSpec
{
    public required string Path { get; init; }
    /// <summary>Multiplies the trace's inter-arrival times: 0.5 replays twice as fast.</summary>
    public double TimeScale { get; init; } = 1;
    /// <summary>Seconds into the trace where the window starts.</summary>
    public double StartSeconds { get; init; }
    /// <summary>Seconds of trace replayed from the start; null = to the end (bounded by MaxRequests).</summary>
    public double? WindowSeconds { get; init; }
    /// <summary>Requests replayed at most.</summary>
    public int? MaxRequests { get; init; }
}
