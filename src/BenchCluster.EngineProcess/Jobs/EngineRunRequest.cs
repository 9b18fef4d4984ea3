namespace BenchCluster.EngineProcess.Jobs;

/// <summary>Parent → child: run one job (its JobSpec as JSON) on the loaded model; quality jobs carry their files.</summary>
public sealed record EngineRunRequest(string JobSpecJson, string NodeName, EngineQualityFiles? Quality = null);
