using System.CommandLine;
using BenchCluster.Cli.Reports;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Reports;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>
/// `benchcluster report RUN [--compare BASE] [--out DIR]`: a run's self-contained HTML report, Markdown summary and
/// plot files, with a comparison against a base run when asked.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "The run: its id, a unique id prefix (4+ hex digits) or a tag (the newest completed run carrying it)." };
        var compare = new Option<string?>("--compare") { Description = "Add a comparison of RUN against this base run (id, prefix or tag), as 'benchcluster compare BASE RUN' makes it.", HelpName = "BASE" };
        var output = new Option<string?>("--out") { Description = "Folder for report.html, report.md and plots/ (default: reports/FIRST-8-CHARACTERS-OF-RUN/).", HelpName = "DIR" };
        var postgres = CommonOptions.Postgres();
        var command = new Command("report", """
            Write a run's report: one self-contained HTML page (opens with no network), a Markdown summary, and the plots
            as SVG and PNG files: tokens/s by model × quantization × node, latency against request rate, cost against
            throughput with the Pareto frontier, TTFT and ITL distributions. Plots without data are left out.
            With --compare BASE, a section compares RUN with BASE point by point (ratios, significance, regressions;
            docs/compare.md); the exit code stays 0 (gate CI with 'benchcluster compare').
            Prints the HTML path on stdout, every file written on stderr. See docs/reports.md.
            Examples:
              benchcluster report 3f2b9c1e-...
              benchcluster report 3f2b9c1e-... --out site/run-42
              benchcluster report pr-123 --compare main
            """)
        {
            run, compare, output, postgres,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            var newSide = await RunReferenceResolver.ResolveAsync(database, parse.GetValue(run)!, cancellationToken);
            var runId = newSide.RunId;
            var input = await ReportReader.ReadAsync(database, runId, cancellationToken)
                ?? throw new UserFacingException($"no run {runId} in this database: check the id with 'benchcluster status'");
            if (parse.GetValue(compare) is { } baseReference)
                input = input with { Comparison = await CompareAsync(database, baseReference, newSide, input.Records, cancellationToken) };
            var directory = parse.GetValue(output) ?? Path.Combine("reports", runId.ToString("N")[..8]);
            var written = await ReportFiles.WriteAsync(ReportBuilder.Build(input, ReportFiles.PlotFolder), directory, cancellationToken);
            foreach (var path in written)
                Console.Error.WriteLine($"wrote {path}");
            Console.Out.WriteLine(Path.GetFullPath(written[0]));
            return 0;
        });
        return command;
    }

    private static async Task<ComparisonReport> CompareAsync(
        BenchClusterDatabase database, string baseReference, ComparedRun newSide, IReadOnlyList<ResultRecord> newRecords, CancellationToken cancellationToken)
    {
        var baseSide = await RunReferenceResolver.ResolveAsync(database, baseReference, cancellationToken);
        var baseRecords = ResultRecordFactory.FromViews(await database.Queries.GetResultsAsync(baseSide.RunId, cancellationToken));
        if (baseRecords.Count == 0)
            throw new UserFacingException($"--compare {baseReference}: run {baseSide.RunId} has no results yet; compare with a completed run.");
        return RunComparer.Compare(baseSide, baseRecords, newSide, newRecords);
    }
}
