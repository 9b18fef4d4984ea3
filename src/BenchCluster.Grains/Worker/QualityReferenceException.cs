namespace BenchCluster.Grains.Worker;

/// <summary>A quality job's reference is not a model file of this worker; the message says which and what to do.</summary>
public sealed class QualityReferenceException(string message) : Exception(message);
