using BenchCluster.Measurement.Matrix;
using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>Reads <c>scenarios:</c>; which fields a scenario may have depends on its kind.</summary>
internal static class ScenariosParser
{
    private static readonly string[] Common = ["name", "kind", "parameters"];
    private static readonly string[] RequestLevel = ["requests", "workload", "max_concurrency"];

    private static readonly Dictionary<ScenarioKind, string[]> FieldsByKind = new()
    {
        [ScenarioKind.Pp] = [.. Common, "prompt_tokens", "runs"],
        [ScenarioKind.Tg] = [.. Common, "output_tokens", "runs"],
        [ScenarioKind.Pg] = [.. Common, "prompt_tokens", "output_tokens", "runs"],
        [ScenarioKind.Batched] = [.. Common, "prompt_tokens", "output_tokens"],
        [ScenarioKind.Concurrency] = [.. Common, "requests", "workload"],
        [ScenarioKind.Poisson] = [.. Common, .. RequestLevel],
        [ScenarioKind.Gamma] = [.. Common, .. RequestLevel, "burstiness"],
        [ScenarioKind.Sweep] = [.. Common, .. RequestLevel, "arrivals", "burstiness", "sweep_points"],
        [ScenarioKind.SloSearch] = [.. Common, .. RequestLevel, "arrivals", "burstiness", "search_steps"],
        [ScenarioKind.Quality] = [.. Common, .. QualityParser.Fields],
        [ScenarioKind.Trace] = [.. Common, "workload", "max_concurrency", "trace"],
    };

    private static readonly string[] AllFields = FieldsByKind.Values.SelectMany(f => f).Distinct().ToArray();

    private static readonly IReadOnlyDictionary<string, ArrivalKind> Arrivals = new Dictionary<string, ArrivalKind>
    {
        ["constant"] = ArrivalKind.Constant,
        ["poisson"] = ArrivalKind.Poisson,
        ["gamma"] = ArrivalKind.Gamma,
    };

    /// <summary>A parsed scenario and where it was, for checks that need the whole suite.</summary>
    public sealed record Parsed(ScenarioSpec Scenario, YamlNode Node, string Path);

    public static List<Parsed> Parse(YamlMap root, WorkloadSpec defaultWorkload)
    {
        var parsed = new List<Parsed>();
        var items = root.Items("scenarios", required: true, hint: "list what to measure, e.g. '- kind: pp' and '- kind: tg'");
        if (items is null)
            return parsed;
        if (items.Count == 0)
            root.Values.Errors.Add(root.Get("scenarios")!, "scenarios", "the list is empty; add at least one scenario");
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (node, path) in items)
        {
            if (Parse(node, path, root.Values, defaultWorkload) is not { } scenario)
                continue;
            if (names.TryGetValue(scenario.Name, out var first))
                root.Values.Errors.Add(node, $"{path}.name", $"scenario name '{scenario.Name}' is already used by {first}; give each scenario a distinct name");
            else
                names[scenario.Name] = path;
            parsed.Add(new Parsed(scenario, node, path));
        }
        return parsed;
    }

    private static ScenarioSpec? Parse(YamlNode node, string path, YamlValue values, WorkloadSpec defaultWorkload)
    {
        var kind = PeekKind(node, path, values);
        var allowed = kind is { } k ? FieldsByKind[k] : AllFields;
        var map = YamlMap.Open(node, path, values, allowed, key => NotForKind(key, kind));
        if (map is null || kind is not { } scenarioKind)
            return null;
        var workload = map.Map("workload", WorkloadParser.Fields) is { } w ? WorkloadParser.Parse(w, defaultWorkload) : defaultWorkload;
        // Micro and quality scenarios send no requests: keeping the suite's workload out of them keeps their point keys stable.
        if (ScenarioKinds.IsMicro(scenarioKind) || ScenarioKinds.IsQuality(scenarioKind))
            workload = WorkloadSpec.Default;
        var parameters = map.Map("parameters", ParametersParser.Fields) is { } p ? Parameters(p, scenarioKind) : null;
        return new ScenarioSpec
        {
            Name = map.String("name") ?? ScenarioKinds.Name(scenarioKind),
            Kind = scenarioKind,
            PromptTokens = map.Int("prompt_tokens", 1, SuiteLimits.MaxTokens) ?? (scenarioKind == ScenarioKind.Batched ? BatchedDefaultTokens : ScenarioSpec.DefaultMicroPromptTokens),
            OutputTokens = map.Int("output_tokens", 1, SuiteLimits.MaxTokens) ?? (scenarioKind == ScenarioKind.Batched ? BatchedDefaultTokens : ScenarioSpec.DefaultMicroOutputTokens),
            Runs = map.Int("runs", 1, 1000, hint: "measured runs per repetition, e.g. 5"),
            Requests = map.Int("requests", 1, SuiteLimits.MaxRequestsPerScenario) ?? ScenarioSpec.DefaultRequests,
            Workload = workload,
            Burstiness = map.Double("burstiness", 0, exclusiveMin: true) ?? 1,
            Arrivals = map.Choice("arrivals", Arrivals),
            SweepPoints = map.Int("sweep_points", 3, SuiteLimits.MaxSweepPoints) ?? ScenarioSpec.DefaultSweepPoints,
            SearchSteps = map.Int("search_steps", 1, SuiteLimits.MaxSearchSteps) ?? ScenarioSpec.DefaultSearchSteps,
            MaxConcurrency = map.Int("max_concurrency", 1, SuiteLimits.MaxConcurrency),
            Quality = scenarioKind == ScenarioKind.Quality ? QualityParser.Parse(map) : QualitySpec.Default,
            Trace = scenarioKind == ScenarioKind.Trace ? TraceParser.Parse(map) : null,
            Parameters = parameters,
        };
    }

    /// <summary>llama-batched-bench's usual lengths are short: 128 prompt and 128 generated tokens per sequence.</summary>
    private const int BatchedDefaultTokens = 128;

    private static ScenarioKind? PeekKind(YamlNode node, string path, YamlValue values)
    {
        if (node is not YamlMappingNode mapping)
            return null;
        var entry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "kind" });
        if (entry.Value is null || YamlValue.IsNull(entry.Value))
        {
            values.Errors.Add(node, $"{path}.kind", $"required field is missing; one of: {string.Join(", ", ScenarioKinds.Names.Keys)}");
            return null;
        }
        return values.Choice(entry.Value, $"{path}.kind", ScenarioKinds.Names);
    }

    private static string? NotForKind(string key, ScenarioKind? kind)
    {
        if (kind is not { } k || !AllFields.Contains(key))
            return null;
        var kinds = FieldsByKind.Where(pair => pair.Value.Contains(key)).Select(pair => ScenarioKinds.Name(pair.Key));
        var note = key is "prompt_tokens" or "output_tokens" && !ScenarioKinds.IsMicro(k) ? " (request-level scenarios take lengths from workload)" : "";
        return $"{key} does not apply to {ScenarioKinds.Name(k)} scenarios; it applies to {string.Join(", ", kinds)}{note}";
    }

    private static ParameterGrid Parameters(YamlMap map, ScenarioKind kind)
    {
        var grid = ParametersParser.Parse(map);
        void Reject(string key, bool applies)
        {
            if (!applies && map.Get(key) is { } node)
                map.Values.Errors.Add(node, map.Child(key), $"{key} does not apply to {ScenarioKinds.Name(kind)} scenarios; it applies to {ParameterApplicability.KindsFor(key)}");
        }
        Reject("depth", ParameterApplicability.DepthApplies(kind));
        Reject("concurrency", ParameterApplicability.ConcurrencyApplies(kind));
        Reject("rate", ParameterApplicability.RateApplies(kind));
        return grid;
    }
}
