using BenchCluster.Contracts.Nodes;
using BenchCluster.Measurement.Fleet;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Grains.Coordinator;

/// <summary>
/// Places a fleet point: its drivers go to that many distinct workers that may reach the endpoint (the suite's node
/// selectors accept them and their operator allows the key variable), the first ones by node name so planning twice
/// gives the same drivers. Each driver is its own job, with its share and its own seed.
/// </summary>
public static class FleetPlacement
{
    public static bool IsFleet(JobSpec spec) => spec.Scenario.Fleet is { Drivers: > 1 } && !spec.Model.IsInProcess;

    /// <summary>The driver nodes, or why there are not enough.</summary>
    public static (IReadOnlyList<string> Nodes, string? Error) Drivers(ModelSpec model, ScenarioSpec scenario, IReadOnlyList<WorkerNode> reachers)
    {
        var drivers = scenario.Fleet!.Drivers;
        var names = reachers.Select(n => n.NodeName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (names.Count >= drivers)
            return (names.Take(drivers).ToList(), null);
        var have = names.Count == 0 ? "none can" : $"only {names.Count} can ({string.Join(", ", names)})";
        return ([], $"scenario {scenario.Name}: fleet.drivers {drivers} needs {drivers} distinct workers that may reach endpoint model {model.Name}, but {have}; "
            + "start more workers (benchcluster worker, with --api-key-env if the endpoint needs a key), relax 'nodes:', or lower fleet.drivers");
    }

    public static IEnumerable<PlannedJob> Jobs(Guid runId, JobSpec spec, IReadOnlyList<string> nodes) =>
        nodes.Select((node, index) =>
        {
            var driver = spec with
            {
                Fleet = new FleetShare { Index = index, Nodes = nodes, ScheduleSeed = spec.Seed },
                Seed = SeedDerivation.ForDriver(spec.Seed, index),
            };
            return new PlannedJob(RunPlanner.JobIdFor(runId, driver, node), driver, node, null);
        });
}
