namespace BenchCluster.Measurement.Matrix;

/// <summary>A model × scenario pair the matrix leaves out, and why (e.g. a micro scenario on a remote endpoint).</summary>
public sealed record SkippedCombination(string Model, string Scenario, string Reason);
