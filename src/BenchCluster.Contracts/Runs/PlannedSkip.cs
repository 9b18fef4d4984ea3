namespace BenchCluster.Contracts.Runs;

/// <summary>A model × node the planner leaves out, and why; a null model stands for every model.</summary>
[GenerateSerializer, Immutable]
public sealed record PlannedSkip(
    [property: Id(0)] string? Model,
    [property: Id(1)] string NodeName,
    [property: Id(2)] string Reason);
