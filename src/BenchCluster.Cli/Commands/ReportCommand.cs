using System.CommandLine;
using BenchCluster.Cli.Reports;
using BenchCluster.Reporting.Plots;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Reports;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster report RUN [--out DIR]`: a run's self-contained HTML report, Markdown summary and plot files.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "Run id (as printed by 'benchcluster run', 'submit' or 'status')." };
        var output = new Option<string?>("--out") { Description = "Folder for report.html, report.md and plots/ (default: reports/FIRST-8-CHARACTERS-OF-RUN/).", HelpName = "DIR" };
        var postgres = CommonOptions.Postgres();
        var command = new Command("report", """
            Write a run's report: one self-contained HTML page (opens with no network), a Markdown summary, and the plots
            as SVG and PNG files: tokens/s by model × quantization × node, latency against request rate, cost against
            throughput with the Pareto frontier, TTFT and ITL distributions. Plots without data are left out.
            Prints the HTML path on stdout, every file written on stderr. See docs/reports.md.
            Examples:
              benchcluster report 3f2b9c1e-...
              benchcluster report 3f2b9c1e-... --out site/run-42
            """)
        {
            run, output, postgres,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var runId = ClientSession.ParseRunId(parse.GetValue(run)!);
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            var input = await ReadAsync(database, runId, cancellationToken);
            var directory = parse.GetValue(output) ?? Path.Combine("reports", runId.ToString("N")[..8]);
            var written = await ReportFiles.WriteAsync(ReportBuilder.Build(input, plotFolder: ReportFiles.PlotFolder), directory, cancellationToken);
            foreach (var path in written)
                Console.Error.WriteLine($"wrote {path}");
            Console.Out.WriteLine(Path.GetFullPath(written[0]));
            return 0;
        });
        return command;
    }

    /// <summary>Everything the report shows, read from the database.</summary>
    public static async Task<ReportInput> ReadAsync(BenchClusterDatabase database, Guid runId, CancellationToken cancellationToken) =>
        await ReportInputReader.ReadAsync(database, runId, cancellationToken)
        ?? throw new UserFacingException($"no run {runId} in this database: check the id with 'benchcluster status'");
}
