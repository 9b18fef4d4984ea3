namespace BenchCluster.Reporting.Selecting;

/// <summary>One axis of a Pareto frontier: how to read it from an item, and whether more is better.</summary>
public sealed record ParetoObjective<T>(string Name, Func<T, double?> Value, bool HigherIsBetter);
