namespace BenchCluster.Contracts.Runs;

/// <summary>Accepted (with the number of jobs) or rejected (with every problem found).</summary>
[GenerateSerializer, Immutable]
public sealed record SubmitResult(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] bool Accepted,
    [property: Id(2)] int JobCount,
    [property: Id(3)] IReadOnlyList<string> Errors)
{
    public static SubmitResult Rejected(Guid runId, IReadOnlyList<string> errors) => new(runId, false, 0, errors);
}
