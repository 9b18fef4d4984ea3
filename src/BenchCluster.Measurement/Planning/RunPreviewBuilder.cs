using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Planning;

/// <summary>
/// Builds a <see cref="RunPreview"/> from the expanded matrix and the planner's placements: each placed point's
/// jobs are estimated from its measured duration on that node when one is known, else from <see cref="JobTimeGuess"/>.
/// </summary>
public static class RunPreviewBuilder
{
    public static RunPreview Build(
        SuiteDefinition suite, MatrixPlan matrix, IReadOnlyList<PlacedPoint> placements, IReadOnlyList<SkippedCombination> nodeSkips,
        IReadOnlyList<string> problems, IReadOnlyList<MeasuredJobTime> history)
    {
        var templates = new Dictionary<string, JobSpec>(StringComparer.Ordinal);
        foreach (var job in matrix.Jobs)
            templates.TryAdd(job.Point.Id, job);
        var measured = new Dictionary<(string, string), double>();
        foreach (var time in history.Where(t => t.SecondsPerJob >= 0 && double.IsFinite(t.SecondsPerJob)))
            measured[(time.PointId, time.NodeName)] = time.SecondsPerJob;

        var rows = placements
            .Where(p => templates.ContainsKey(p.PointId))
            .Select(p => (Placement: p, Template: templates[p.PointId]))
            .GroupBy(x => (Model: x.Template.Model.Name, Node: x.Placement.NodeName, Scenario: x.Template.Scenario.Name))
            .Select(group => Row(group.Key, group.ToList(), measured))
            .OrderBy(r => ModelOrder(suite, r.Model)).ThenBy(r => r.Node, StringComparer.Ordinal).ThenBy(r => ScenarioOrder(suite, r.Scenario))
            .ToList();
        return new RunPreview
        {
            Suite = suite.Name,
            Rows = rows,
            Skipped = [.. matrix.Skipped, .. nodeSkips],
            Problems = problems,
        };
    }

    private static PlanRow Row(
        (string Model, string Node, string Scenario) key, List<(PlacedPoint Placement, JobSpec Template)> points, Dictionary<(string, string), double> measured)
    {
        double seconds = 0;
        var measuredJobs = 0;
        foreach (var (placement, template) in points)
        {
            if (measured.TryGetValue((placement.PointId, placement.NodeName), out var perJob))
            {
                seconds += perJob * placement.Jobs;
                measuredJobs += placement.Jobs;
            }
            else
            {
                seconds += JobTimeGuess.Seconds(template, placement.DeviceKind) * placement.Jobs;
            }
        }
        return new PlanRow
        {
            Model = key.Model,
            Node = key.Node,
            Scenario = key.Scenario,
            Reference = points[0].Template.Reference?.Name,
            Points = points.Select(p => p.Placement.PointId).Distinct(StringComparer.Ordinal).Count(),
            Jobs = points.Sum(p => p.Placement.Jobs),
            EstimatedSeconds = seconds,
            MeasuredJobs = measuredJobs,
        };
    }

    private static int ModelOrder(SuiteDefinition suite, string model) => IndexOf(suite.Models.Select(m => m.Name), model);

    private static int ScenarioOrder(SuiteDefinition suite, string scenario) => IndexOf(suite.Scenarios.Select(s => s.Name), scenario);

    private static int IndexOf(IEnumerable<string> names, string name) =>
        names.TakeWhile(n => !string.Equals(n, name, StringComparison.Ordinal)).Count();
}
