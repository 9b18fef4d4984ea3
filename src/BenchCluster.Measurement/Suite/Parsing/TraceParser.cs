using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads a trace scenario's <c>trace:</c> mapping: path, time_scale, start_s, window_s and max_requests.</summary>
internal static class TraceParser
{
    public static readonly string[] Fields = ["path", "time_scale", "start_s", "window_s", "max_requests"];

    /// <summary>A day in seconds is far beyond what one job replays; the bound keeps tick arithmetic exact.</summary>
    private const double MaxSeconds = 366 * 24 * 3600.0;

    public static TraceSpec? Parse(YamlMap scenario)
    {
        if (scenario.Map("trace", Fields) is not { } map)
        {
            if (!scenario.Has("trace"))
                scenario.Missing("trace", "the CSV trace to replay, e.g. trace: {path: benchmarks/workloads/data/sample-trace.csv}");
            return null;
        }
        var path = map.String("path", required: true, hint: "the CSV trace, relative to the workload data folder");
        var timeScale = map.Double("time_scale", 0, 1000, exclusiveMin: true) ?? 1;
        var start = map.Double("start_s", 0, MaxSeconds) ?? 0;
        var window = map.Double("window_s", 0, MaxSeconds, exclusiveMin: true);
        var maxRequests = map.Int("max_requests", 1, SuiteLimits.MaxRequestsPerScenario);
        if (path is null)
            return null;
        if (WorkloadDataFolder.Problem(path) is { } problem)
        {
            map.Values.Errors.Add(map.Get("path")!, map.Child("path"), problem);
            return null;
        }
        return new TraceSpec { Path = path, TimeScale = timeScale, StartSeconds = start, WindowSeconds = window, MaxRequests = maxRequests };
    }
}
