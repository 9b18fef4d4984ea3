using BenchCluster.Measurement.Quality.Corpora;
using BenchCluster.Measurement.Quality.Tasks;
using BenchCluster.Measurement.Workloads.Inputs;
using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Reads a quality scenario's own fields (docs/quality-inputs.md) and checks its reference against the suite's models.
/// </summary>
internal static class QualityParser
{
    public static readonly string[] Fields = ["corpus", "context", "max_windows", "reference", "tasks", "max_tasks"];

    /// <summary>Below 16 tokens a window scores 8: perplexity over so little text says nothing.</summary>
    public const int MinContextTokens = 16;
    /// <summary>Far above the context any model trains at today; the window is allocated per job.</summary>
    public const int MaxContextTokens = 1024 * 1024;
    public const int MaxWindows = 1_000_000;

    public static QualitySpec Parse(YamlMap map) => new()
    {
        Corpus = DataFile(map, "corpus", BuiltInCorpora.IsBuiltIn, $"{BuiltInCorpora.NamesText} (corpora shipped with BenchCluster) or a UTF-8 text file") ?? QualitySpec.BundledCorpus,
        ContextTokens = map.Int("context", MinContextTokens, MaxContextTokens, hint: "tokens per window, e.g. 512") ?? QualitySpec.DefaultContextTokens,
        MaxWindows = map.Int("max_windows", 1, MaxWindows),
        Reference = FileName(map, "reference", "a model name of this suite or a .gguf file"),
        Tasks = DataFile(map, "tasks", name => name == TaskFileReader.BundledTasks, $"{TaskFileReader.BundledTasks} or a HellaSwag-style JSONL file"),
        MaxTasks = map.Int("max_tasks", 1, TaskFileLimits.Default.MaxTasks),
    };

    /// <summary>
    /// A corpus or task file: the bundled one, or a path relative to the workload data folder, the rule dataset and
    /// trace paths follow — a suite comes from whoever submits it, so it may not name an absolute path or climb out
    /// with "..". Refused here, before any job exists; links are refused when the file is opened.
    /// </summary>
    private static string? DataFile(YamlMap map, string key, Func<string, bool> isBuiltIn, string what)
    {
        if (FileName(map, key, what) is not { } value)
            return null;
        if (isBuiltIn(value) || WorkloadDataFolder.Problem(value) is not { } problem)
            return value;
        map.Values.Errors.Add(map.Get(key)!, map.Child(key), $"must be {what}: {problem}");
        return null;
    }

    private static string? FileName(YamlMap map, string key, string what)
    {
        if (map.String(key) is not { } value)
            return null;
        if (value.Trim().Length > 0 && value.Trim() == value && !value.Contains('\0'))
            return value;
        map.Values.Errors.Add(map.Get(key)!, map.Child(key), $"must be {what}, without surrounding spaces");
        return null;
    }

    /// <summary>
    /// A reference names an in-process model of the suite or a .gguf file; max_tasks needs tasks. The model and the
    /// reference must be distinct only in effect: a model that is its own reference is scored for perplexity alone.
    /// </summary>
    public static void CheckSuite(IReadOnlyList<ScenariosParser.Parsed> scenarios, IReadOnlyList<ModelSpec> models, YamlValue values)
    {
        var byName = models.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var (scenario, node, path) in scenarios.Where(s => ScenarioKinds.IsQuality(s.Scenario.Kind)))
        {
            var quality = scenario.Quality;
            if (quality.Reference is { } reference)
            {
                var at = Child(node, "reference") ?? node;
                if (byName.TryGetValue(reference, out var model) && !model.IsInProcess)
                    values.Errors.Add(at, $"{path}.reference", $"model '{reference}' is a remote endpoint, which gives no logits to compare against; name an in-process model or a .gguf file");
                else if (model is null && !reference.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))
                    values.Errors.Add(at, $"{path}.reference", $"'{YamlValue.Shortened(reference)}' is neither a model of this suite ({string.Join(", ", byName.Keys)}) nor a .gguf file; name one of them" + DidYouMean.Hint(reference, byName.Keys.ToList()));
            }
            if (quality.MaxTasks is not null && quality.Tasks is null)
                values.Errors.Add(Child(node, "max_tasks") ?? node, $"{path}.max_tasks", "max_tasks limits a task file, but the scenario names none; add tasks: FILE (or tasks: bundled) or remove max_tasks");
        }
    }

    /// <summary>The value node of a field, for an error at its position.</summary>
    public static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode mapping ? mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value : null;
}
