namespace BenchCluster.Storage.Results;

/// <summary>
/// One row of results: the aggregate of a matrix point on a node over its repetitions, with its verdict and
/// provenance. JSON columns are passed as JSON text; <see cref="ParametersJson"/> is the measurement layer's
/// JobParameters JSON (the views read its camelCase keys).
/// </summary>
public sealed record ResultRow
{
    public required Guid RunId { get; init; }
    public required string PointKey { get; init; }
    public required string NodeName { get; init; }
    /// <summary>The model as the suite names it (for hosted models the only name there is).</summary>
    public required string ModelRef { get; init; }
    /// <summary>SHA-256 (lower-case hex) of the GGUF file; null for hosted models reached through an endpoint.</summary>
    public string? ModelSha256 { get; init; }
    public required string Scenario { get; init; }
    public string ParametersJson { get; init; } = "{}";
    public string MetricsJson { get; init; } = "{}";
    /// <summary>The headline: output tokens per second, mean and standard deviation over repetitions.</summary>
    public double? TokensPerSecondMean { get; init; }
    public double? TokensPerSecondStddev { get; init; }
    public double? CostUsdPerMTokInput { get; init; }
    public double? CostUsdPerMTokOutput { get; init; }
    public double? CostUsdPerMTokBlended { get; init; }
    /// <summary>The suite's or the worker's watts for the node; null when neither gives one.</summary>
    public double? WattsConfigured { get; init; }
    /// <summary>Average power the node's counters measured over the measured part; null when not measured.</summary>
    public double? WattsMeasured { get; init; }
    /// <summary>Which power priced the energy: "measured:&lt;meter&gt;", "configured" or "none"; null for endpoints.</summary>
    public string? EnergySource { get; init; }
    public double? JoulesPerOutputToken { get; init; }
    public double? OutputTokensPerJoule { get; init; }
    /// <summary>A quality point's scores as columns (V011); null on every other scenario.</summary>
    public QualityColumns? Quality { get; init; }
    /// <summary>VALID when true, INVALID otherwise (with <see cref="VerdictReasons"/>).</summary>
    public required bool IsValid { get; init; }
    public IReadOnlyList<string> VerdictReasons { get; init; } = [];
    public string ProvenanceJson { get; init; } = "{}";
    public required int Repetitions { get; init; }
    /// <summary>Set by the database on every upsert; ignored on write.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}
