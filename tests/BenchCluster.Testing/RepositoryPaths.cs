namespace BenchCluster.Testing;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder holding BenchCluster.sln.</summary>
    public static string Root => RootLazy.Value;

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>A per-run scratch folder under the repository's git-ignored .data/ (not /tmp: CI caches nothing outside the clone).</summary>
    public static string Scratch(string name)
    {
        var path = Path.Combine(Root, ".data", "test-scratch", name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BenchCluster.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"BenchCluster.sln not found above {AppContext.BaseDirectory}");
    }
}
