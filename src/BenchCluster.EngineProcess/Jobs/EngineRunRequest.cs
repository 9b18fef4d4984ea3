namespace BenchCluster.EngineProcess.Jobs;

/// <summary>Parent → child: a job (the measurement layer's JobSpec as JSON) and the node it runs on, for provenance.</summary>
public sealed record EngineRunRequest(string JobSpecJson, string NodeName);
