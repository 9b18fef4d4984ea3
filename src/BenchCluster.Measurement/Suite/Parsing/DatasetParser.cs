using BenchCluster.Measurement.Workloads.Datasets;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Reads <c>workload.dataset</c>: format (bundled, sharegpt, jsonl), path (relative to the node's workload data
/// folder) and max_entries. Bundled gives null, so a suite that spells out the default keeps its point keys.
/// </summary>
internal static class DatasetParser
{
    public static readonly string[] Fields = ["format", "path", "max_entries"];

    private static readonly IReadOnlyDictionary<string, DatasetFormat> Formats = new Dictionary<string, DatasetFormat>
    {
        ["bundled"] = DatasetFormat.Bundled,
        ["sharegpt"] = DatasetFormat.ShareGpt,
        ["jsonl"] = DatasetFormat.Jsonl,
    };

    public static DatasetSpec? Parse(YamlMap map)
    {
        var format = map.Choice("format", Formats, required: true);
        var path = map.String("path");
        var maxEntries = map.Int("max_entries", 1, DatasetLimits.MaxEntriesLimit);
        if (format == DatasetFormat.Bundled)
        {
            foreach (var key in new[] { "path", "max_entries" }.Where(map.Has))
                map.Values.Errors.Add(map.Get(key)!, map.Child(key), $"{key} does not apply to the bundled prompt set; remove it or use format: sharegpt or jsonl");
            return null;
        }
        if (format is null)
            return null;
        if (path is null)
        {
            map.Missing("path", "the dataset file, relative to the workload data folder, e.g. benchmarks/workloads/data/sample.jsonl");
            return null;
        }
        if (WorkloadDataFolder.Problem(path) is { } problem)
        {
            map.Values.Errors.Add(map.Get("path")!, map.Child("path"), problem);
            return null;
        }
        return new DatasetSpec { Format = format.Value, Path = path, MaxEntries = maxEntries };
    }
}
