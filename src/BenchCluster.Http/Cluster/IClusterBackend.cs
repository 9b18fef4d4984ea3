using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Reports;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Http.Cluster;

/// <summary>What the API needs from the cluster: submitting through the coordinator's grains, reading Postgres.</summary>
public interface IClusterBackend
{
    /// <summary>Submits a suite as <paramref name="submittedBy"/> (the authenticated caller, never the request's claim).</summary>
    Task<SubmitResult> SubmitAsync(string suiteText, string sourceName, string submittedBy, IReadOnlyList<string> tags, CancellationToken cancellationToken);

    /// <summary>The run a reference names (id, unique id prefix, or tag); throws <see cref="RunReferenceException"/> otherwise.</summary>
    Task<ComparedRun> ResolveRunAsync(string reference, CancellationToken cancellationToken);

    Task<IReadOnlyList<WorkerNode>> GetWorkersAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RunProgressRow>> ListRunsAsync(int limit, CancellationToken cancellationToken);

    Task<RunProgressRow?> GetRunAsync(Guid runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ResultView>> GetResultsAsync(Guid runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ResultView>> GetLatestResultsAsync(CancellationToken cancellationToken);

    /// <summary>Everything the run's report shows; null when there is no such run.</summary>
    Task<ReportInput?> ReadReportInputAsync(Guid runId, CancellationToken cancellationToken);

    IAsyncEnumerable<RequestRow> ReadRequestsAsync(Guid runId, bool includeWarmup, int limit, CancellationToken cancellationToken);
}
