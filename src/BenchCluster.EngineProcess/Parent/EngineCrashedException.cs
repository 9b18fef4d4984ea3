namespace BenchCluster.EngineProcess.Parent;

/// <summary>The engine child died or hung: the job fails with this reason; the silo lives on.</summary>
public sealed class EngineCrashedException(string message) : Exception(message);
