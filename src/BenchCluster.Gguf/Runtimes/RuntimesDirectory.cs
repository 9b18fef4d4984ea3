namespace BenchCluster.Gguf.Runtimes;

/// <summary>
/// Finds the <c>runtimes/</c> folder that <c>infra/install-native.sh</c> fills (native libraries, vocabularies):
/// the environment variable <see cref="EnvironmentVariable"/> first, then next to the application, then in
/// each ancestor folder of the application (a build output inside the repository).
/// </summary>
public static class RuntimesDirectory
{
    public const string EnvironmentVariable = "BENCHCLUSTER_RUNTIMES";
    public const string FolderName = "runtimes";
    public const string InstallCommand = "infra/install-native.sh";

    /// <summary>The runtimes folder, or null when none exists.</summary>
    public static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return fromEnvironment;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(Path.Combine(candidate, "llama")) || Directory.Exists(Path.Combine(candidate, "vocab")))
                return candidate;
        }
        return null;
    }

    /// <summary>A sub-folder of the runtimes folder (e.g. "vocab", "llama/cpu"); the path it would have when none exists yet.</summary>
    public static string Resolve(string relative) =>
        Path.Combine(Find() ?? Path.Combine(AppContext.BaseDirectory, FolderName), relative);
}
