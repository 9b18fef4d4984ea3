using System.CommandLine;
using System.Globalization;
using BenchCluster.Reporting.Comparing;
using BenchCluster.Reporting.Comparing.Writing;
using BenchCluster.Reporting.Records;
using BenchCluster.Storage.Access;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster compare BASE NEW`: point-by-point comparison of two runs, with a CI-friendly exit code.</summary>
internal static class CompareCommand
{
    /// <summary>Exit code when the comparison could not be made (unknown run, no Postgres): apart from 1, which means regressions.</summary>
    public const int CannotCompare = 2;

    public static Command Create()
    {
        var baseRun = new Argument<string>("BASE") { Description = "The run to compare against: a run id, a unique id prefix (4+ hex digits) or a tag (its newest completed run)." };
        var newRun = new Argument<string>("NEW") { Description = "The run under test, named the same ways." };
        var threshold = new Option<string>("--threshold")
        {
            Description = "A significant slowdown larger than this is a regression, in percent of BASE: 5% (default), 2.5, 10%.",
            DefaultValueFactory = _ => "5%",
            HelpName = "PERCENT",
        };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the test (default 0.05): a difference is real when p < alpha.", DefaultValueFactory = _ => 0.05 };
        var format = new Option<ComparisonFormat>("--format") { Description = "table (default), json or markdown (for a pull request).", DefaultValueFactory = _ => ComparisonFormat.Table };
        var postgres = CommonOptions.Postgres();
        var command = new Command("compare", """
            Compare two runs point by point. Points match on their identity (model file, scenario and every setting) and
            node; each side's headline throughput (tokens/s) per repetition is tested for a real difference (Welch's
            t-test, Mann-Whitney U from 5 repetitions a side; docs/compare.md). Verdicts: Faster, Slower, Same, Unknown
            (repetitions not stored or fewer than 2). A point is a REGRESSION when it is significantly slower by more
            than --threshold. Latency p50/p99 ratios are shown where both runs have them.
            Exit codes: 0 no regression; 1 at least one regression; 2 the comparison could not be made.
            Examples:
              benchcluster compare main pr-123
              benchcluster compare 3f2b9c1e 7a01d2c4 --threshold 3% --format markdown >> $GITHUB_STEP_SUMMARY
            """)
        {
            baseRun, newRun, threshold, alpha, format, postgres,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var options = new ComparisonOptions { Threshold = ParsePercent(parse.GetValue(threshold)!), Alpha = parse.GetValue(alpha) };
            try
            {
                options.Validated();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new UserFacingException($"--threshold/--alpha: {e.Message.Split(Environment.NewLine)[0]}");
            }
            var cluster = CommonOptions.Resolve(parse.GetValue(postgres), null, DatabaseRole.Reader);
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            var baseSide = await RunReferenceResolver.ResolveAsync(database, parse.GetValue(baseRun)!, cancellationToken);
            var newSide = await RunReferenceResolver.ResolveAsync(database, parse.GetValue(newRun)!, cancellationToken);
            var baseRecords = ResultRecordFactory.FromViews(await database.Queries.GetResultsAsync(baseSide.RunId, cancellationToken));
            var newRecords = ResultRecordFactory.FromViews(await database.Queries.GetResultsAsync(newSide.RunId, cancellationToken));
            if (baseRecords.Count == 0 || newRecords.Count == 0)
                throw new UserFacingException($"run {(baseRecords.Count == 0 ? baseSide.RunId : newSide.RunId)} has no results yet: compare completed runs.");
            var report = RunComparer.Compare(baseSide, baseRecords, newSide, newRecords, options);
            await ComparisonWriter.WriteAsync(report, parse.GetValue(format), Console.Out, cancellationToken);
            return report.HasRegressions ? 1 : 0;
        }, CannotCompare);
        return command;
    }

    /// <summary>"5%", "5" or "2.5 %" → 0.05, 0.05, 0.025.</summary>
    internal static double ParsePercent(string text)
    {
        var trimmed = text.Trim().TrimEnd('%').Trim();
        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) || !double.IsFinite(percent) || percent < 0 || percent >= 100)
            throw new UserFacingException($"--threshold '{text}' is not a percentage from 0 to under 100: write e.g. 5% or 2.5.");
        return percent / 100;
    }
}
