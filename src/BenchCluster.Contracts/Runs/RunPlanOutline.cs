namespace BenchCluster.Contracts.Runs;

/// <summary>
/// What the coordinator would run for a suite on the nodes joined now, without creating a run (submit --dry-run):
/// the placed points, the model × node combinations left out, and the errors a submission would be refused with.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RunPlanOutline(
    [property: Id(0)] IReadOnlyList<PlannedPoint> Points,
    [property: Id(1)] IReadOnlyList<PlannedSkip> Skipped,
    [property: Id(2)] IReadOnlyList<string> Problems);
