namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>The benchcluster program the tests start as silo processes: the build copied next to the tests.</summary>
internal static class BenchClusterExecutable
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "benchcluster.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("benchcluster.dll is not beside the tests; build the solution", path);
        }
    }

    public static string Dotnet => Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
}
