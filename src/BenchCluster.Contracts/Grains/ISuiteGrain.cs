using BenchCluster.Contracts.Runs;

namespace BenchCluster.Contracts.Grains;

/// <summary>The coordinator of one benchmark run (key: run id). Lives on the coordinator silo only.</summary>
public interface ISuiteGrain : IGrainWithGuidKey
{
    /// <summary>Validates the suite against the cluster's nodes, persists the run and its jobs, and starts dispatching.</summary>
    Task<SubmitResult> SubmitAsync(SuiteSubmission submission);

    /// <summary>Plans the suite against the nodes joined now, as <see cref="SubmitAsync"/> would, but creates no run and stores nothing.</summary>
    Task<RunPlanOutline> PlanAsync(SuiteSubmission submission);

    /// <summary>Continues a run from Postgres after a coordinator restart; finished jobs are not redone.</summary>
    Task ResumeAsync();

    Task<RunProgress> GetProgressAsync();

    /// <summary>Progress snapshots until the run ends (the last one has a terminal status).</summary>
    IAsyncEnumerable<RunProgress> WatchAsync(CancellationToken cancellationToken = default);

    Task CancelAsync();
}
