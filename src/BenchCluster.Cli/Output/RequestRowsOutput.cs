using System.Text;
using BenchCluster.Cli.Commands;
using BenchCluster.Hosting.Silos;
using BenchCluster.Reporting.Exporting;

namespace BenchCluster.Cli.Output;

/// <summary>`results RUN --requests`: a run's per-request rows streamed to stdout through a buffer.</summary>
internal static class RequestRowsOutput
{
    public static async Task PrintAsync(ClusterConnection cluster, Guid runId, OutputFormat format, bool includeWarmup, CancellationToken cancellationToken)
    {
        if (!RequestExporter.Supports(format))
            throw new UserFacingException($"--requests writes jsonl or csv, not {format.ToString().ToLowerInvariant()}; pass --format jsonl or --format csv");
        await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
        if (await database.Queries.GetProgressAsync(runId, cancellationToken) is null)
            throw new UserFacingException($"no run {runId} in this database; 'benchcluster status' lists the runs");
        // Console.Out flushes every write; a million rows need a buffer in front of stdout.
        await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);
        var rows = database.Requests.ReadAsync(runId, includeWarmup, cancellationToken: cancellationToken);
        var count = await RequestExporter.WriteAsync(rows, format, stdout, cancellationToken);
        Messages.Progress($"{count} request rows of run {runId}");
        if (count >= Storage.Queries.RequestQueries.DefaultLimit)
            CommandRunner.Warn($"stopped at {Storage.Queries.RequestQueries.DefaultLimit} rows, the most one export writes");
    }
}
