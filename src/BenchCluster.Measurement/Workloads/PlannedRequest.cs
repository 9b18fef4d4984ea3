using BenchCluster.Engine.Completions;

namespace BenchCluster.Measurement.Workloads;

/// <summary>One request of a run, decided before the run starts so drawing it costs nothing on the send path.</summary>
public sealed record PlannedRequest(int Index, CompletionRequest Request, int PromptTokens, int RequestedOutputTokens);
