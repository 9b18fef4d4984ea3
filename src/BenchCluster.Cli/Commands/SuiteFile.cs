using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Cli.Commands;

/// <summary>Reads and checks a suite file on the command's side, so a bad or oversized suite is refused before anything starts.</summary>
internal static class SuiteFile
{
    public static async Task<string> ReadAsync(FileInfo file, CancellationToken cancellationToken)
    {
        if (!file.Exists)
            throw new UserFacingException($"suite file {file.FullName} does not exist; pass a YAML suite such as benchmarks.yaml");
        if (file.Length > SuiteLimits.MaxSuiteBytes)
            throw new UserFacingException($"suite file {file.FullName} is {file.Length:N0} bytes, above the limit of {SuiteLimits.MaxSuiteBytes:N0}; split it into several suites");
        return await File.ReadAllTextAsync(file.FullName, cancellationToken);
    }

    /// <summary>
    /// Parses the suite and counts its jobs with one node per model: the cluster's count is at least this (each eligible
    /// node runs its own copy of an in-process model), so a suite above <paramref name="maxJobs"/> is refused here already.
    /// <paramref name="localFiles"/>: this machine runs the jobs, so the files quality scenarios name are checked too.
    /// </summary>
    public static SuiteDefinition Check(string text, string sourceName, long maxJobs, bool localFiles = false)
    {
        var suite = new SuiteParser { CheckLocalFiles = localFiles }.Parse(text, sourceName);
        if (JobCount.Of(suite).Problem(maxJobs, "--max-jobs; counted with one node per model, a cluster runs at least this many") is { } problem)
            throw new UserFacingException($"{sourceName}: {problem}");
        return suite;
    }
}
