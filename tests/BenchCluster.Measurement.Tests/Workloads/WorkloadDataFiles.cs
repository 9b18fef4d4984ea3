namespace BenchCluster.Measurement.Tests.Workloads;

/// <summary>A workload data folder written by one test, removed with it; files are named relative to it, as suites name them.</summary>
internal sealed class WorkloadDataFiles : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("benchcluster-workload-data-").FullName;

    public string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return relative;
    }

    public string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return relative;
    }

    public string Sha256(string relative) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(Root, relative))));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
