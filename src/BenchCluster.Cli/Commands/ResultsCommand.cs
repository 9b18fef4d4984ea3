using System.CommandLine;
using BenchCluster.Cli.Output;
using BenchCluster.Hosting.Silos;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster results [RUN]`: a run's results (or the latest of everything) as a table, CSV or JSON.</summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var run = new Argument<string?>("RUN") { Description = "Run id; without it, the newest result of every model × node × scenario × settings.", Arity = ArgumentArity.ZeroOrOne };
        var postgres = CommonOptions.Postgres();
        var format = new Option<ResultFormat>("--format") { Description = "table (default), csv or json.", DefaultValueFactory = _ => ResultFormat.Table };
        var command = new Command("results", """
            Print results: tokens/s mean ± stddev over repetitions per model × node × scenario × settings, cost per 1M
            tokens, and the VALID/INVALID verdict with its reasons. Reads Postgres (the v_results view).
            Examples:
              benchcluster results
              benchcluster results 3f2b9c1e-... --format csv > results.csv
            """)
        {
            run, postgres, format,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            var runId = parse.GetValue(run) is { } text ? ClientSession.ParseRunId(text) : (Guid?)null;
            await PrintAsync(cluster, runId, parse.GetValue(format), cancellationToken);
            return 0;
        });
        return command;
    }

    public static async Task PrintAsync(ClusterConnection cluster, Guid? runId, ResultFormat format, CancellationToken cancellationToken)
    {
        await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
        var results = runId is { } id
            ? await database.Queries.GetResultsAsync(id, cancellationToken)
            : await database.Queries.GetLatestResultsAsync(cancellationToken);
        ResultsRenderer.Render(results, format, Console.Out);
    }
}
