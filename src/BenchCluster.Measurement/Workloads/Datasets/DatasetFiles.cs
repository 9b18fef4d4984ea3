using BenchCluster.Measurement.Workloads.Inputs;

namespace BenchCluster.Measurement.Workloads.Datasets;

/// <summary>What both dataset readers do once the entries are read: report problems, refuse an empty result, hash the rest.</summary>
internal static class DatasetFiles
{
    public static DatasetFile Finish(
        HashingReadStream stream, string name, string format, List<DatasetEntry> entries, int skipped, InputProblems problems, DatasetLimits limits)
    {
        problems.ThrowIfAny();
        var skipReason = skipped > 0 ? $"prompt longer than {limits.MaxPromptChars:N0} characters or no human turn" : null;
        if (entries.Count == 0)
        {
            throw new WorkloadInputException(name, skipped > 0
                ? $"{name}: no usable entries ({skipped:N0} skipped: {skipReason}); name a dataset with prompts"
                : $"{name}: no entries; name a {format} dataset with at least one prompt");
        }
        var sha256 = stream.FinishSha256();
        return new DatasetFile(entries, new WorkloadInputFile
        {
            Format = format, Path = name, Sha256 = sha256, Bytes = stream.BytesRead, Records = entries.Count, Skipped = skipped, SkipReason = skipReason,
        });
    }
}
