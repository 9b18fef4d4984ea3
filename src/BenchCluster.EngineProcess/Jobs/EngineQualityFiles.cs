namespace BenchCluster.EngineProcess.Jobs;

/// <summary>
/// Worker → engine child for quality jobs: the reference file the worker resolved from its own catalog (never a
/// path a suite chose outside the worker's model folders), its SHA-256, and where reference caches are kept.
/// </summary>
public sealed record EngineQualityFiles(string? ReferencePath, string? ReferenceSha256, string CacheFolder);
