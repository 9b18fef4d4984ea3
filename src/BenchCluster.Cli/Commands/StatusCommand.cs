using System.CommandLine;
using System.Globalization;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;
using Spectre.Console;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster status [RUN]`: runs and their progress, read from Postgres (no running cluster needed).</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var run = new Argument<string?>("RUN") { Description = "A run id for its jobs in detail; without it, the latest runs.", Arity = ArgumentArity.ZeroOrOne };
        var postgres = CommonOptions.Postgres();
        var command = new Command("status", """
            Show the latest runs with their job counts, or one run's jobs (node, attempts, status, error).
            Reads Postgres directly, so it works while no silo runs.
            Examples:
              benchcluster status
              benchcluster status 3f2b9c1e-...
            """)
        {
            run, postgres,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            if (parse.GetValue(run) is { } text)
                return await ShowRunAsync(database, ClientSession.ParseRunId(text), cancellationToken);
            var runs = await database.Queries.ListRunsAsync(cancellationToken: cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).AddColumns("run", "suite", "status", "submitted", "jobs", "done", "failed");
            foreach (var r in runs)
                table.AddRow(r.RunId.ToString(), Markup.Escape(r.SuiteName), r.Status.ToString().ToLowerInvariant(),
                    r.SubmittedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    r.TotalJobs.ToString(CultureInfo.InvariantCulture), r.SucceededJobs.ToString(CultureInfo.InvariantCulture), r.FailedJobs.ToString(CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static async Task<int> ShowRunAsync(BenchClusterDatabase database, Guid runId, CancellationToken cancellationToken)
    {
        var progress = await database.Queries.GetProgressAsync(runId, cancellationToken)
            ?? throw new UserFacingException($"no run {runId} in this database");
        AnsiConsole.MarkupLine($"run [bold]{runId}[/] ({Markup.Escape(progress.SuiteName)}): {progress.Status.ToString().ToLowerInvariant()}, " +
                               $"{progress.SucceededJobs}/{progress.TotalJobs} jobs done, {progress.FailedJobs} failed");
        // What failed and which points have no result (and why), as the coordinator wrote it when the run ended.
        if (progress.Error is { } error)
            AnsiConsole.MarkupLine($"  [yellow]{Markup.Escape(error)}[/]");
        var jobs = await database.Jobs.ListAsync(runId, cancellationToken);
        var table = new Table().Border(TableBorder.Rounded).AddColumns("job", "scenario", "rep", "node", "ran on", "attempt", "status", "error");
        foreach (var job in jobs)
            table.AddRow(job.JobId.ToString()[..8], Markup.Escape(job.Scenario), job.Repetition.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(job.NodeName ?? ""), Markup.Escape(job.AssignedNode ?? ""), job.Attempt.ToString(CultureInfo.InvariantCulture),
                job.Status.ToString().ToLowerInvariant(), Markup.Escape(job.LastError ?? ""));
        AnsiConsole.Write(table);
        return 0;
    }
}
