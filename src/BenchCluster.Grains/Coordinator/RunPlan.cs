namespace BenchCluster.Grains.Coordinator;

/// <summary>The jobs of a run, or why the suite cannot run on this cluster.</summary>
public sealed record RunPlan(IReadOnlyList<PlannedJob> Jobs, IReadOnlyList<string> Errors)
{
    public bool IsRunnable => Errors.Count == 0 && Jobs.Count > 0;
}
