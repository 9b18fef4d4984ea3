namespace BenchCluster.Measurement.Suite;

/// <summary>A parsed and validated benchmark suite (benchmarks.yaml); docs/suite-format.md documents every field.</summary>
public sealed record SuiteDefinition
{
    public const int DefaultRepetitions = 5;
    public const int DefaultWarmup = 1;
    public const long DefaultSeed = 42;

    public required string Name { get; init; }
    public string? Description { get; init; }
    public long Seed { get; init; } = DefaultSeed;
    public int Repetitions { get; init; } = DefaultRepetitions;
    /// <summary>Warm-up runs per job (request-level: rounds of one request per concurrent slot).</summary>
    public int Warmup { get; init; } = DefaultWarmup;
    public required IReadOnlyList<ModelSpec> Models { get; init; }
    public IReadOnlyList<NodeSelector> Nodes { get; init; } = [];
    public required IReadOnlyList<ScenarioSpec> Scenarios { get; init; }
    public ParameterGrid Parameters { get; init; } = ParameterGrid.Empty;
    public SloSpec? Slo { get; init; }
    public ValidityThresholds Validity { get; init; } = ValidityThresholds.Default;
    public CostSpec Cost { get; init; } = CostSpec.Default;
}
