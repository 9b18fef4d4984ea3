using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Reporting.Reports;

/// <summary>Reads everything a run's report shows from the database; the CLI's `report` and the HTTP API share it.</summary>
public static class ReportInputReader
{
    /// <summary>Enough per-request rows for the TTFT histogram of any run; more adds nothing a histogram shows.</summary>
    public const int MaxRequests = 200_000;

    /// <summary>The report's input, or null when the database holds no run <paramref name="runId"/>.</summary>
    public static async Task<ReportInput?> ReadAsync(BenchClusterDatabase database, Guid runId, CancellationToken cancellationToken)
    {
        var progress = await database.Queries.GetProgressAsync(runId, cancellationToken);
        if (progress is null)
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
