using System.CommandLine;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.LlamaBench;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster llama-bench RUN`: a run's pp/tg/pg results as llama-bench writes them (JSON or its Markdown table).</summary>
internal static class LlamaBenchCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "A run id, a unique id prefix (4+ hex digits) or a tag (its newest completed run)." };
        var format = new Option<LlamaBenchFormat>("--format") { Description = "markdown (default: llama-bench's table) or json (llama-bench -o json).", DefaultValueFactory = _ => LlamaBenchFormat.Markdown };
        var postgres = CommonOptions.Postgres();
        var command = new Command("llama-bench", """
            Print a run's pp, tg and pg results in llama-bench's own formats, so they line up with what the llama.cpp
            community publishes: the JSON array of `llama-bench -o json` (model_type, model_size, n_threads, n_prompt,
            n_gen, n_depth, avg_ts, stddev_ts, samples_ts, ...) or its Markdown table (| model | size | params |
            backend | threads | test | t/s |, tests named pp512, tg128, pp512 @ d512). Other scenario kinds are left out.
            Examples:
              benchcluster llama-bench main
              benchcluster llama-bench 3f2b9c1e --format json > llama-bench.json
            """)
        {
            run, format, postgres,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            var resolved = await RunReferenceResolver.ResolveAsync(database, parse.GetValue(run)!, cancellationToken);
            var views = await database.Queries.GetResultsAsync(resolved.RunId, cancellationToken);
            var scenarios = await database.Jobs.ListPointScenariosAsync(resolved.RunId, cancellationToken);
            var results = LlamaBenchResults.From(views, scenarios);
            if (results.Count < views.Count)
                CommandRunner.Warn($"{views.Count - results.Count} of {views.Count} result(s) are not pp/tg/pg and have no llama-bench form; left out");
            if (parse.GetValue(format) == LlamaBenchFormat.Json)
                await LlamaBenchWriter.WriteJsonAsync(results, Console.Out, cancellationToken);
            else
                await LlamaBenchWriter.WriteMarkdownAsync(results, Console.Out, cancellationToken);
            return 0;
        });
        return command;
    }

    internal enum LlamaBenchFormat
    {
        Markdown,
        Json,
    }
}
