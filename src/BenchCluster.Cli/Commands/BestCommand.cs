using System.CommandLine;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Comparing.Writing;
using BenchCluster.Reporting.Records;
using BenchCluster.Reporting.Selecting;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster best RUN`: the Pareto frontier and the best VALID configuration under an SLO, per scenario.</summary>
internal static class BestCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("RUN") { Description = "A run id, a unique id prefix (4+ hex digits) or a tag (its newest completed run)." };
        var objective = new Option<BestObjective>("--objective") { Description = "cost (default: cheapest per 1M tokens), throughput (most tokens/s), latency (lowest) or quality (lowest mean KL-divergence).", DefaultValueFactory = _ => BestObjective.Cost };
        var maxKld = new Option<double?>("--max-kld") { Description = "Only configurations whose model file's mean KL-divergence against its reference (nats) is at most this, e.g. 0.05; a file without quality measured never passes.", HelpName = "X" };
        var maxPplDelta = new Option<double?>("--max-ppl-delta") { Description = "Only configurations whose perplexity exceeds the reference's by at most this, e.g. 0.5.", HelpName = "X" };
        var minTop1 = new Option<double?>("--min-top1") { Description = "Only configurations whose top token matches the reference's on at least this share of tokens (0..1), e.g. 0.9.", HelpName = "X" };
        var slo = new Option<string?>("--slo") { Description = "Latency limits in ms at a percentile, e.g. ttft_ms=500,tpot_ms=50,e2el_ms=8000[,percentile=p90] (default p99).", HelpName = "BOUNDS" };
        var format = new Option<ComparisonFormat>("--format") { Description = "table (default), json or markdown.", DefaultValueFactory = _ => ComparisonFormat.Table };
        var postgres = CommonOptions.Postgres();
        var command = new Command("best", """
            The best configuration of a run, per scenario: among the VALID results that meet the SLO, the cheapest (or
            fastest, or lowest-latency) one, with the Pareto frontier over cost × throughput × latency and every row
            that proves the choice (rows left out say why: INVALID, an SLO bound missed or not measured, over a quality
            bound or no quality measured; the other candidates say why they lost: dearer, slower, higher KLD). Quality
            comes from the run's quality points of the same model file on the same node. Cost is the blended $/1M
            tokens; unknown prices stay unknown and are never ranked as free.
            Exit codes: 0 a best configuration in every scenario; 1 none in some scenario (the message says why) or an error.
            Examples:
              benchcluster best main --objective cost --slo ttft_ms=500,tpot_ms=50
              benchcluster best 3f2b9c1e --objective throughput --format markdown
              benchcluster best family --objective cost --max-kld 0.05
            """)
        {
            run, objective, slo, maxKld, maxPplDelta, minTop1, format, postgres,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            SloBounds bounds;
            try
            {
                bounds = SloBounds.Parse(parse.GetValue(slo));
            }
            catch (FormatException e)
            {
                throw new UserFacingException($"--slo: {e.Message}");
            }
            QualityBounds quality;
            try
            {
                quality = QualityBounds.Create(parse.GetValue(maxKld), parse.GetValue(maxPplDelta), parse.GetValue(minTop1));
            }
            catch (FormatException e)
            {
                throw new UserFacingException($"--{e.Message}");
            }
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            var resolved = await RunReferenceResolver.ResolveAsync(database, parse.GetValue(run)!, cancellationToken);
            var records = ResultRecordFactory.FromViews(await database.Queries.GetResultsAsync(resolved.RunId, cancellationToken));
            if (records.Count == 0)
                throw new UserFacingException($"run {resolved.RunId} has no results yet: wait for it to finish (benchcluster watch {resolved.RunId}).");
            var report = BestConfigurationSelector.Select(resolved.RunId, records, parse.GetValue(objective), bounds, quality);
            await BestWriter.WriteAsync(report, parse.GetValue(format), Console.Out, cancellationToken);
            return report.FoundAll ? 0 : CommandRunner.Failure;
        });
        return command;
    }
}
