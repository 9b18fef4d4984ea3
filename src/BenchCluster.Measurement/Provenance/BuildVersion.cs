using System.Reflection;

namespace BenchCluster.Measurement.Provenance;

/// <summary>
/// BenchCluster's version and commit, from the assembly's informational version ("0.1.0+&lt;sha&gt;", which the SDK
/// writes from git); the BENCHCLUSTER_COMMIT environment variable wins where images are built without git.
/// </summary>
public static class BuildVersion
{
    public const string CommitVariable = "BENCHCLUSTER_COMMIT";

    private static readonly Lazy<(string Version, string? Commit)> Parsed = new(Parse);

    public static string Version => Parsed.Value.Version;

    public static string? Commit => Environment.GetEnvironmentVariable(CommitVariable) is { Length: > 0 } commit ? commit : Parsed.Value.Commit;

    private static (string, string?) Parse()
    {
        var informational = typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(BuildVersion).Assembly.GetName().Version?.ToString()
            ?? "unknown";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, null) : (informational[..plus], informational[(plus + 1)..]);
    }
}
