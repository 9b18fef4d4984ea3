using BenchCluster.Engine.Inference;

namespace BenchCluster.EngineProcess.Jobs;

/// <summary>Child → parent: what was loaded, by which engine build.</summary>
public sealed record EngineLoadReply(ModelInfo Model, EngineBuildInfo Build);
