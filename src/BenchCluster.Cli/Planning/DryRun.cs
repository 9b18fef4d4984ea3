using System.CommandLine;
using BenchCluster.Cli.Commands;
using BenchCluster.Cli.Local;
using BenchCluster.Cli.Output;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Grains.Coordinator;
using BenchCluster.Hosting.Silos;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Planning;
using BenchCluster.Measurement.Suite;
using BenchCluster.Storage.Queries;

namespace BenchCluster.Cli.Planning;

/// <summary>
/// `run --dry-run` and `submit --dry-run`: the plan of a suite, printed without running it. Local mode plans against
/// the worker it would start (described from this machine: no silo, no Postgres); submit asks the coordinator to plan
/// against the joined nodes (<see cref="ISuiteGrain.PlanAsync"/>, no run created) and estimates from the durations
/// stored for the same points.
/// </summary>
internal static class DryRun
{
    public static Option<bool> Option() => new("--dry-run")
    {
        Description = "Print the plan (jobs per model × node × scenario, skipped combinations and why, total jobs, a time estimate) and start nothing. --format json prints it as JSON.",
    };

    public static int Local(SuiteDefinition suite, LocalClusterLimits limits, ResultFormat format)
    {
        RequireFormat(format);
        var (node, problems) = LocalNode.Describe(suite, limits);
        var outline = RunOutliner.Outline(suite, [node], limits.MaxJobs);
        return Print(suite, outline with { Problems = [.. problems, .. outline.Problems] }, [], limits.MaxJobs, format);
    }

    public static async Task<int> SubmitAsync(
        ISuiteGrain grain, SuiteSubmission submission, SuiteDefinition suite, ClusterConnection cluster, long maxJobs, ResultFormat format, CancellationToken cancellationToken)
    {
        RequireFormat(format);
        var outline = await grain.PlanAsync(submission);
        var history = outline.Points.Count == 0 ? [] : await HistoryAsync(cluster, outline, cancellationToken);
        return Print(suite, outline, history, maxJobs, format);
    }

    private static void RequireFormat(ResultFormat format)
    {
        if (format == ResultFormat.Csv)
            throw new UserFacingException("--dry-run prints --format table or json, not csv; pass one of those");
    }

    /// <summary>Measured durations of the same points on the same nodes; without them every estimate is guessed, which the plan says.</summary>
    private static async Task<IReadOnlyList<MeasuredJobTime>> HistoryAsync(ClusterConnection cluster, RunPlanOutline outline, CancellationToken cancellationToken)
    {
        try
        {
            await using var database = await CliDatabase.OpenAsync(cluster, cancellationToken);
            var rows = await new JobTimeQueries(database.DataSource).LatestAsync(outline.Points.Select(p => p.PointId).ToList(), cancellationToken);
            return rows.Select(r => new MeasuredJobTime(r.PointKey, r.NodeName, r.SecondsPerJob)).ToList();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or UserFacingException)
        {
            Console.Error.WriteLine($"warning: earlier job durations could not be read ({e.Message}); every estimate is guessed");
            return [];
        }
    }

    private static int Print(SuiteDefinition suite, RunPlanOutline outline, IReadOnlyList<MeasuredJobTime> history, long maxJobs, ResultFormat format)
    {
        var preview = RunPreviewBuilder.Build(suite, MatrixExpander.Expand(suite, maxJobs),
            outline.Points.Select(p => new PlacedPoint(p.PointId, p.NodeName, p.DeviceKind, p.Jobs)).ToList(),
            outline.Skipped.Select(s => new SkippedCombination(s.Model, null, s.Reason) { Node = s.NodeName }).ToList(),
            outline.Problems, history);
        PlanRenderer.Render(preview, format);
        return preview.Runnable ? 0 : CommandRunner.Failure;
    }
}
