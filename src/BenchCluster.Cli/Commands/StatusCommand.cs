using System.CommandLine;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;
using BenchCluster.Cli.Output;
using BenchCluster.Cli.Output.Listings;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Reporting.Listings;
using Spectre.Console;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster status [RUN]`: runs and their progress, read from Postgres (no running cluster needed).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var run = new Argument<string?>("RUN") { Description = "A run id for its jobs in detail; without it, the latest runs.", Arity = ArgumentArity.ZeroOrOne };
        var postgres = CommonOptions.Postgres();
        var format = FormatOption.Create("the runs or jobs");
        var command = new Command("status", """
            Show the latest runs with their job counts, or one run's jobs (node, attempts, status, error).
            Reads Postgres directly, so it works while no silo runs. The rows go to stdout, a run's summary line to stderr.
            Examples:
              benchcluster status
              benchcluster status 3f2b9c1e-...
            """)
        {
            run, postgres, format,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            if (parse.GetValue(run) is { } text)
                return await ShowRunAsync(database, ClientSession.ParseRunId(text), parse.GetValue(format), cancellationToken);
            var runs = await database.Queries.ListRunsAsync(cancellationToken: cancellationToken);
            await RunListing.Exporter.WriteAsync(runs, parse.GetValue(format), Console.Out, "no runs yet", cancellationToken);
            return 0;
        });
        return command;
    }

    private static async Task<int> ShowRunAsync(BenchClusterDatabase database, Guid runId, OutputFormat format, CancellationToken cancellationToken)
    {
        var progress = await database.Queries.GetProgressAsync(runId, cancellationToken)
            ?? throw new UserFacingException($"no run {runId} in this database");
        Messages.Console.MarkupLine($"run [bold]{runId}[/] ({Markup.Escape(progress.SuiteName)}): {progress.Status.ToString().ToLowerInvariant()}, " +
                               $"{progress.SucceededJobs}/{progress.TotalJobs} jobs done, {progress.FailedJobs} failed");
        // What failed and which points have no result (and why), as the coordinator wrote it when the run ended.
        if (progress.Error is { } error)
            Messages.Console.MarkupLine($"  [yellow]{Markup.Escape(error)}[/]");
        var jobs = await database.Jobs.ListAsync(runId, cancellationToken);
        await JobListing.Exporter.WriteAsync([.. jobs.Select(JobListing.From)], format, Console.Out, "no jobs", cancellationToken);
        return 0;
    }
}
