namespace BenchCluster.Measurement.Workloads.Traces;

/// <summary>One replayed row: its send time from the window's first row (already scaled), its lengths and its line.</summary>
public sealed record TraceRequest(long OffsetNs, int ContextTokens, int GeneratedTokens, int Line);
