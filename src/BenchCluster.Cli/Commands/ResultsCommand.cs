using System.CommandLine;
using BenchCluster.Cli.Output;
using BenchCluster.Hosting.Silos;
using BenchCluster.Reporting.Exporting;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster results [RUN]`: results (or one run's per-request rows) in any export format, filtered.</summary>
internal static class ResultsCommand
{
    public static Command Create()
    {
        var run = new Argument<string?>("RUN") { Description = "Run id; without it, the newest result of every point on every node.", Arity = ArgumentArity.ZeroOrOne };
        var runOption = new Option<string?>("--run") { Description = "Run id (the same as the RUN argument).", HelpName = "RUN" };
        var postgres = CommonOptions.Postgres();
        var format = new Option<OutputFormat?>("--format")
        {
            Description = $"How to print on stdout: {FormatOption.Names} (default table; with --requests jsonl or csv, default jsonl).",
            HelpName = "FORMAT",
        };
        var model = new Option<string?>("--model") { Description = "Only this model (the suite's name or the file name).", HelpName = "NAME" };
        var node = new Option<string?>("--node") { Description = "Only this node.", HelpName = "NAME" };
        var scenario = new Option<string?>("--scenario") { Description = "Only this scenario (its name in the suite).", HelpName = "NAME" };
        var verdict = new Option<string?>("--verdict") { Description = "Only VALID or only INVALID results.", HelpName = "VALID|INVALID" };
        var since = new Option<string?>("--since") { Description = "Only results created since a timestamp (2026-12-01T08:00:00Z) or for a duration back (24h, 7d, 90m).", HelpName = "WHEN" };
        var requests = new Option<bool>("--requests") { Description = "Print the run's per-request rows (timestamps, token counts, errors) instead, streamed; needs RUN." };
        var includeWarmup = new Option<bool>("--include-warmup") { Description = "With --requests: include the warm-up requests." };
        var command = new Command("results", """
            Print results: per model × node × scenario × settings the throughput (tokens/s mean ± stddev), TTFT/TPOT/ITL/E2E
            percentiles, error rate, goodput, cost, energy, verdict with reasons and provenance (docs/outputs.md lists
            every field). Reads Postgres. Only the data goes to stdout.
            Examples:
              benchcluster results
              benchcluster results 3f2b9c1e-... --format csv > results.csv
              benchcluster results --model qwen2.5-0.5b --verdict VALID --since 7d --format json
              benchcluster results 3f2b9c1e-... --requests > requests.jsonl
            """)
        {
            run, runOption, postgres, format, model, node, scenario, verdict, since, requests, includeWarmup,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            var runId = RunId(parse.GetValue(run), parse.GetValue(runOption));
            if (parse.GetValue(requests))
            {
                var id = runId ?? throw new UserFacingException("--requests needs a run: benchcluster results RUN --requests");
                await RequestRowsOutput.PrintAsync(cluster, id, parse.GetValue(format) ?? OutputFormat.Jsonl, parse.GetValue(includeWarmup), cancellationToken);
                return 0;
            }
            var filter = new ResultFilter
            {
                RunId = runId,
                Model = parse.GetValue(model),
                Node = parse.GetValue(node),
                Scenario = parse.GetValue(scenario),
                Verdict = parse.GetValue(verdict) is { } v ? Parse(() => ResultFilter.ParseVerdict(v), "--verdict") : null,
                Since = parse.GetValue(since) is { } s ? Parse(() => ResultFilter.ParseSince(s, DateTimeOffset.UtcNow), "--since") : null,
            };
            await PrintAsync(cluster, filter, parse.GetValue(format) ?? OutputFormat.Table, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Prints the results that match on stdout in <paramref name="format"/>; a warning on stderr when the limit cut them.</summary>
    public static async Task PrintAsync(ClusterConnection cluster, ResultFilter filter, OutputFormat format, CancellationToken cancellationToken)
    {
        await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
        var records = await filter.ReadAsync(database.Queries, cancellationToken);
        if (records.Count >= filter.Limit)
            CommandRunner.Warn($"only the first {filter.Limit} results are shown; narrow them with --model, --node, --scenario, --verdict or --since");
        await ResultExporters.For(format).WriteAsync(records, Console.Out, cancellationToken);
    }

    public static Task PrintAsync(ClusterConnection cluster, Guid runId, OutputFormat format, CancellationToken cancellationToken) =>
        PrintAsync(cluster, new ResultFilter { RunId = runId }, format, cancellationToken);

    private static Guid? RunId(string? argument, string? option)
    {
        var argumentId = argument is null ? (Guid?)null : ClientSession.ParseRunId(argument);
        var optionId = option is null ? (Guid?)null : ClientSession.ParseRunId(option);
        if (argumentId is { } a && optionId is { } o && a != o)
            throw new UserFacingException($"two different runs given ({a} and --run {o}); give one");
        return argumentId ?? optionId;
    }

    private static T Parse<T>(Func<T> parse, string option)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new UserFacingException($"{option}: {e.Message}");
        }
    }
}
