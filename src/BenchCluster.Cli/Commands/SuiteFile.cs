namespace BenchCluster.Cli.Commands;

/// <summary>Reads a suite file with a clear error when it is missing.</summary>
internal static class SuiteFile
{
    public static async Task<string> ReadAsync(FileInfo file, CancellationToken cancellationToken) =>
        file.Exists
            ? await File.ReadAllTextAsync(file.FullName, cancellationToken)
            : throw new UserFacingException($"suite file {file.FullName} does not exist; pass a YAML suite such as benchmarks.yaml");
}
