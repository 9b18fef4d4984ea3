using BenchCluster.Cli.Commands;

namespace BenchCluster.Cli.Local;

/// <summary>
/// The checkout this binary belongs to (the folder holding infra/postgres.sh), found from $BENCHCLUSTER_HOME or by
/// walking up from the binary; local mode keeps its Postgres, models and logs under its git-ignored .data/.
/// </summary>
internal static class BenchClusterHome
{
    public const string Variable = "BENCHCLUSTER_HOME";
    private const string Marker = "infra/postgres.sh";

    public static string? TryFind()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return File.Exists(Path.Combine(fromEnvironment, Marker)) ? fromEnvironment : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
                return dir.FullName;
        }
        return null;
    }

    public static string Find() => TryFind() ?? throw new UserFacingException(
        $"local mode needs the BenchCluster checkout (its {Marker}); run benchcluster from the checkout or set {Variable} to it");

    public static string DataFolder(string name)
    {
        var path = Path.Combine(Find(), ".data", name);
        Directory.CreateDirectory(path);
        return path;
    }
}
