using System.Globalization;
using BenchCluster.Measurement.Fleet;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Reads a scenario's <c>fleet:</c> and checks it against the suite: only endpoint models, and loads the drivers can
/// offer (a per-driver rate within <see cref="FleetLimits.MaxRatePerDriver"/>, at least one request in flight each).
/// Whether enough workers may reach the endpoint is the planner's check: it needs the cluster.
/// </summary>
internal static class FleetParser
{
    public const string Field = "fleet";
    private static readonly string[] Fields = ["drivers"];

    /// <summary>The scenario's fleet; drivers: 1 is the same as no fleet (null), so the point key stays the plain scenario's.</summary>
    public static FleetLoadSpec? Parse(YamlMap scenario)
    {
        if (scenario.Map(Field, Fields) is not { } map)
            return null;
        var drivers = map.Int("drivers", required: true, hint: $"workers that drive the endpoint together, 1 to {FleetLimits.MaxDrivers}, e.g. drivers: 2");
        if (drivers is not { } count)
            return null;
        if (count < 1 || count > FleetLimits.MaxDrivers)
        {
            map.Values.Errors.Add(map.Get("drivers")!, map.Child("drivers"),
                $"{count} drivers is outside 1 to {FleetLimits.MaxDrivers}; set fleet.drivers to the number of workers that should send the load together");
            return null;
        }
        return count == 1 ? null : new FleetLoadSpec { Drivers = count };
    }

    public static void CheckSuite(IReadOnlyList<ScenariosParser.Parsed> scenarios, IReadOnlyList<ModelSpec> models, ParameterGrid suiteGrid, YamlValue values)
    {
        foreach (var (scenario, node, path) in scenarios)
        {
            if (scenario.Fleet is not { } fleet)
                continue;
            var inProcess = models.Where(m => m.IsInProcess).Select(m => m.Name).ToList();
            if (inProcess.Count > 0)
                values.Errors.Add(node, $"{path}.{Field}",
                    $"fleet load drives one endpoint from several workers, but model(s) {string.Join(", ", inProcess)} run in-process on each worker; " +
                    "use fleet only in a suite whose models are all endpoints (models: - endpoint: {base_url: ...}), or remove fleet");
            if (scenario.Workload is not { Conversation: null, SharedPrefix: null })
                values.Errors.Add(node, $"{path}.{Field}",
                    "fleet load does not drive multi-turn or shared-prefix workloads yet (their conversations would not share the drivers' common start); " +
                    "remove fleet, or remove workload.conversation and workload.shared_prefix");
            var grid = suiteGrid.Overlay(scenario.Parameters);
            foreach (var rate in grid.Rate ?? [])
            {
                var perDriver = rate / fleet.Drivers;
                if (perDriver > FleetLimits.MaxRatePerDriver)
                    values.Errors.Add(node, $"{path}.parameters.rate", string.Create(CultureInfo.InvariantCulture,
                        $"rate {rate} req/s over {fleet.Drivers} drivers is {perDriver:0.##} req/s per driver, above the {FleetLimits.MaxRatePerDriver} req/s one driver sends on schedule; " +
                        $"set fleet.drivers to at least {Math.Ceiling(rate / FleetLimits.MaxRatePerDriver)} or lower the rate"));
            }
            foreach (var concurrency in grid.Concurrency ?? [])
            {
                if (concurrency < fleet.Drivers)
                    values.Errors.Add(node, $"{path}.parameters.concurrency",
                        $"concurrency {concurrency} is split over {fleet.Drivers} drivers, so some would send nothing; use a concurrency of at least {fleet.Drivers} or fewer drivers");
            }
        }
    }
}
