using BenchCluster.Contracts.Runs;

namespace BenchCluster.Grains.Coordinator;

/// <summary>The jobs of a run, or why the suite cannot run on this cluster.</summary>
public sealed record RunPlan(IReadOnlyList<PlannedJob> Jobs, IReadOnlyList<string> Errors)
{
    /// <summary>Jobs left off a node that holds the model but not what the job also needs there (a quality reference).</summary>
    public IReadOnlyList<PlannedSkip> Skipped { get; init; } = [];

    public bool IsRunnable => Errors.Count == 0 && Jobs.Count > 0;
}
