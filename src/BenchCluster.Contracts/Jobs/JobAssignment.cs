namespace BenchCluster.Contracts.Jobs;

/// <summary>
/// One job sent to a worker: the measurement layer's JobSpec as JSON (it has no Orleans dependency), and the
/// attempt number that fences every write the worker makes for it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record JobAssignment(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] Guid JobId,
    [property: Id(2)] int Attempt,
    [property: Id(3)] string JobSpecJson,
    [property: Id(4)] string NodeName);
