namespace BenchCluster.Measurement.Tests.Quality;

/// <summary>A folder of files written by one test, removed with it.</summary>
internal sealed class QualityTempFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("benchcluster-quality-").FullName;

    public string Write(string name, string text)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
