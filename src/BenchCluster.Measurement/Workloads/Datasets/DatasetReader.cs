using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>Reads the dataset a workload names, from under the node's workload data folder (<see cref="WorkloadDataFolder"/>).</summary>
public static class DatasetReader
{
    public static DatasetFile Read(DatasetSpec spec, string? root = null, DatasetLimits? limits = null)
    {
        limits ??= DatasetLimits.Default;
        var name = spec.Path ?? throw new ArgumentException("The bundled prompt set is not a dataset file.", nameof(spec));
        var full = WorkloadDataFolder.Resolve(name, root ?? WorkloadDataFolder.Root);
        var maxEntries = Math.Clamp(spec.MaxEntries ?? limits.DefaultMaxEntries, 1, DatasetLimits.MaxEntriesLimit);
        using var stream = HashingReadStream.Open(full, name, limits.MaxFileBytes);
        return spec.Format switch
        {
            DatasetFormat.ShareGpt => ShareGptDatasetReader.Read(stream, name, maxEntries, limits),
            DatasetFormat.Jsonl => JsonlDatasetReader.Read(stream, name, maxEntries, limits),
            _ => throw new ArgumentException($"Dataset format {spec.Format} has no file reader.", nameof(spec)),
        };
    }
}
