using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Reports;

/// <summary>
/// Reads everything a run's report shows from the database, bounded: the CLI's `report` and the HTTP API build the
/// same <see cref="ReportInput"/> with it and hand it to <see cref="ReportBuilder"/>.
/// </summary>
public static class ReportReader
{
    /// <summary>Enough per-request rows for the TTFT histogram of any run; more adds nothing a histogram shows.</summary>
    public const int MaxRequests = 200_000;

    /// <summary>The run's report data, or null when no run has that id.</summary>
    public static async Task<ReportInput?> ReadAsync(BenchClusterDatabase database, Guid runId, CancellationToken cancellationToken = default)
    {
        if (await database.Queries.GetProgressAsync(runId, cancellationToken) is not { } progress)
            return null;
        var views = await database.Queries.GetResultsAsync(runId, cancellationToken);
        var records = ResultRecordFactory.FromViews(views);
        var requests = new List<RequestRow>();
        await foreach (var row in database.Requests.ReadAsync(runId, limit: MaxRequests, cancellationToken: cancellationToken))
            requests.Add(row);
        var gaps = new List<InterTokenGapRow>();
        await foreach (var gap in new InterTokenGapQueries(database.DataSource).ReadAsync(runId, cancellationToken: cancellationToken))
            gaps.Add(gap);
        return new ReportInput
        {
            Run = progress,
            Records = records,
            Requests = requests,
            InterTokenGaps = gaps,
            RatePoints = RateLatencyPoints.FromViews(views, records),
        };
    }
}
