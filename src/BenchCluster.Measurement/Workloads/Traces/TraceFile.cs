using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Traces;

/// <summary>The window of a trace to replay, in send order, and the file's identity for the provenance.</summary>
public sealed record TraceFile(IReadOnlyList<TraceRequest> Requests, WorkloadInputFile Input);
