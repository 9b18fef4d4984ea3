using BenchCluster.Measurement.Matrix;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BenchCluster.Measurement.Suite.Parsing;

/// <summary>
/// Parses and validates a suite file (docs/suite-format.md). Every problem is collected with its line, column and
/// field path, then all are thrown together in one <see cref="SuiteValidationException"/>.
/// </summary>
public sealed class SuiteParser(SuiteCatalog catalog)
{
    private static readonly string[] TopFields =
        ["name", "description", "seed", "repetitions", "warmup", "models", "nodes", "scenarios", "parameters", "workload", "slo", "validity", "cost"];

    public SuiteParser()
        : this(SuiteCatalog.Default)
    {
    }

    /// <summary>
    /// This machine runs the jobs (local mode): files a quality scenario names are read and checked now
    /// (<see cref="QualityLocalFiles"/>).
    /// </summary>
    public bool CheckLocalFiles { get; init; }

    /// <summary>With <see cref="CheckLocalFiles"/>: the folder dataset, trace, corpus and task paths are read under; null = BENCHCLUSTER_WORKLOAD_DATA.</summary>
    public string? WorkloadDataRoot { get; init; }

    public SuiteDefinition ParseFile(string path)
    {
        string text;
        try
        {
            if (new FileInfo(path).Length > SuiteLimits.MaxSuiteBytes)
                throw new SuiteValidationException(path, [TooLarge(new FileInfo(path).Length)]);
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SuiteValidationException(path, [new SuiteError(0, 0, "", $"cannot read the file: {ex.Message}")]);
        }
        return Parse(text, path);
    }

    /// <summary>Parses suite text; <paramref name="sourceName"/> names it in error messages.</summary>
    public SuiteDefinition Parse(string text, string sourceName = "benchmarks.yaml")
    {
        // Counted before parsing: the parser's time and memory grow with the text.
        if (text.Length > SuiteLimits.MaxSuiteBytes || System.Text.Encoding.UTF8.GetByteCount(text) > SuiteLimits.MaxSuiteBytes)
            throw new SuiteValidationException(sourceName, [TooLarge(System.Text.Encoding.UTF8.GetByteCount(text))]);
        var errors = new SuiteErrors();
        var suite = TryParse(text, errors);
        if (errors.Count > 0 || suite is null)
            throw new SuiteValidationException(sourceName, errors.All);
        return suite;
    }

    private SuiteDefinition? TryParse(string text, SuiteErrors errors)
    {
        var stream = new YamlStream();
        var parser = new BoundedYamlParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (SuiteLimitException ex)
        {
            errors.Add(Math.Max(1, (int)ex.At.Line), Math.Max(1, (int)ex.At.Column), "", ex.Message);
            return null;
        }
        catch (YamlException ex)
        {
            errors.Add((int)ex.Start.Line, (int)ex.Start.Column, "", $"not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            var at = parser.LastMark;
            errors.Add(Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), "",
                "not valid YAML after this point: check for an unclosed [ or { or an unterminated quote");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            errors.Add(1, 1, "", "the suite is empty; it needs at least models and scenarios");
            return null;
        }
        var values = new YamlValue(errors);
        var root = YamlMap.Open(stream.Documents[0].RootNode, "", values, TopFields);
        if (root is null)
            return null;

        var grid = root.Map("parameters", ParametersParser.Fields) is { } p ? ParametersParser.Parse(p) : ParameterGrid.Empty;
        var workload = root.Map("workload", WorkloadParser.Fields) is { } w ? WorkloadParser.Parse(w, WorkloadSpec.Default) : WorkloadSpec.Default;
        var models = ModelsParser.Parse(root, catalog);
        var scenarios = ScenariosParser.Parse(root, workload);
        var slo = SettingsParser.Slo(root);
        var suite = new SuiteDefinition
        {
            Name = root.String("name") ?? "benchmarks",
            Description = root.String("description"),
            Seed = root.Int("seed") ?? SuiteDefinition.DefaultSeed,
            Repetitions = root.Int("repetitions", 1, SuiteLimits.MaxRepetitions) ?? SuiteDefinition.DefaultRepetitions,
            Warmup = root.Int("warmup", 0, SuiteLimits.MaxWarmup) ?? SuiteDefinition.DefaultWarmup,
            Models = models,
            Nodes = NodesParser.Parse(root),
            Scenarios = scenarios.Select(s => s.Scenario).ToList(),
            Parameters = grid,
            Slo = slo,
            Validity = SettingsParser.Validity(root),
            Cost = SettingsParser.Cost(root),
        };
        CheckRequirements(scenarios, grid, slo, values);
        QualityParser.CheckSuite(scenarios, models, values);
        FleetParser.CheckSuite(scenarios, models, grid, values);
        if (CheckLocalFiles)
        {
            var dataRoot = WorkloadDataRoot ?? Workloads.Inputs.WorkloadDataFolder.Root;
            QualityLocalFiles.Check(scenarios, models.Select(m => m.Name).ToHashSet(StringComparer.Ordinal), values, dataRoot);
            WorkloadLocalFiles.Check(scenarios, values, dataRoot);
        }
        return suite;
    }

    private static SuiteError TooLarge(long bytes) => new(0, 0, "",
        $"the suite is {bytes:N0} bytes, above the limit of {SuiteLimits.MaxSuiteBytes:N0} bytes; split it into several suites");

    /// <summary>Settings a scenario cannot run without, which may come from the suite or the scenario itself.</summary>
    private static void CheckRequirements(IReadOnlyList<ScenariosParser.Parsed> scenarios, ParameterGrid suiteGrid, SloSpec? slo, YamlValue values)
    {
        foreach (var (scenario, node, path) in scenarios)
        {
            var grid = suiteGrid.Overlay(scenario.Parameters);
            var kind = ScenarioKinds.Name(scenario.Kind);
            if (ParameterApplicability.ConcurrencyApplies(scenario.Kind) && grid.Concurrency is null)
                values.Errors.Add(node, $"{path}.parameters.concurrency", $"a {kind} scenario needs concurrency values (in the scenario's or the suite's parameters), e.g. concurrency: [1, 4]");
            if (ParameterApplicability.RateApplies(scenario.Kind) && grid.Rate is null)
                values.Errors.Add(node, $"{path}.parameters.rate", $"a {kind} scenario needs rate values in requests per second (in the scenario's or the suite's parameters), e.g. rate: [1, 2, 4]");
            if (scenario.Kind == ScenarioKind.SloSearch && slo is not { HasBounds: true })
                values.Errors.Add(node, path, "an slo-search scenario needs the suite's slo with at least one bound (ttft_ms, tpot_ms or e2el_ms)");
        }
    }
}
