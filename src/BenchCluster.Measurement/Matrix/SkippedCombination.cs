namespace BenchCluster.Measurement.Matrix;

/// <summary>
/// A model × scenario (× node) combination a run leaves out, and why: a micro scenario on a remote endpoint, a node
/// the suite's selectors exclude, a node that does not hold the model. Null scenario or node: all of them.
/// </summary>
public sealed record SkippedCombination(string? Model, string? Scenario, string Reason)
{
    public string? Node { get; init; }
}
