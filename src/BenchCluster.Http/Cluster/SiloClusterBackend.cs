using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Contracts.Runs;
using BenchCluster.Hosting.Identity;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Reports;
using BenchCluster.Storage;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Http.Cluster;

/// <summary>
/// The backend inside the coordinator's process: its own grain factory and database. A submission carries a
/// one-time ticket for the caller's name, which the coordinator's identity filter turns into submitted_by.
/// </summary>
public sealed class SiloClusterBackend(IGrainFactory grains, BenchClusterDatabase database, LocalCallers callers) : IClusterBackend
{
    public Task<SubmitResult> SubmitAsync(string suiteText, string sourceName, string submittedBy, IReadOnlyList<string> tags, CancellationToken cancellationToken) =>
        grains.GetGrain<ISuiteGrain>(Guid.NewGuid()).SubmitAsync(new SuiteSubmission(suiteText, sourceName, callers.Issue(submittedBy), [.. tags]));

    public Task<ComparedRun> ResolveRunAsync(string reference, CancellationToken cancellationToken) =>
        RunReferenceResolver.ResolveAsync(database, reference, cancellationToken);

    public Task<IReadOnlyList<WorkerNode>> GetWorkersAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();

    public Task<IReadOnlyList<RunProgressRow>> ListRunsAsync(int limit, CancellationToken cancellationToken) =>
        database.Queries.ListRunsAsync(limit, cancellationToken);

    public Task<RunProgressRow?> GetRunAsync(Guid runId, CancellationToken cancellationToken) =>
        database.Queries.GetProgressAsync(runId, cancellationToken);

    public Task<IReadOnlyList<ResultView>> GetResultsAsync(Guid runId, CancellationToken cancellationToken) =>
        database.Queries.GetResultsAsync(runId, cancellationToken);

    public Task<IReadOnlyList<ResultView>> GetLatestResultsAsync(CancellationToken cancellationToken) =>
        database.Queries.GetLatestResultsAsync(cancellationToken);

    public Task<ReportInput?> ReadReportInputAsync(Guid runId, CancellationToken cancellationToken) =>
        ReportReader.ReadAsync(database, runId, cancellationToken);

    public IAsyncEnumerable<RequestRow> ReadRequestsAsync(Guid runId, bool includeWarmup, int limit, CancellationToken cancellationToken) =>
        database.Requests.ReadAsync(runId, includeWarmup, limit, cancellationToken);
}
