using System.Reflection;

namespace BenchCluster.Measurement.Workloads;

/// <summary>BenchCluster's bundled prompt set: varied English passages written for this project, one per line.</summary>
public static class PromptCorpus
{
    private const string ResourceName = "BenchCluster.Measurement.PromptCorpus.txt";

    private static readonly Lazy<IReadOnlyList<string>> PassagesLazy = new(Load);

    public static IReadOnlyList<string> Passages => PassagesLazy.Value;

    private static IReadOnlyList<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded prompt set {ResourceName} is missing from the assembly; rebuild BenchCluster.Measurement.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
