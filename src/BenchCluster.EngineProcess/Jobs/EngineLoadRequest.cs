namespace BenchCluster.EngineProcess.Jobs;

/// <summary>Parent → child: which model file to load, and how.</summary>
public sealed record EngineLoadRequest(string ModelPath, int GpuLayers);
