namespace BenchCluster.Storage.Queries;

/// <summary>One row of v_results: a result with the names a person reads.</summary>
public sealed record ResultView
{
    public required Guid RunId { get; init; }
    public required string SuiteName { get; init; }
    public required string PointKey { get; init; }
    /// <summary>The model's file name, or the suite's model name for hosted models.</summary>
    public required string Model { get; init; }
    /// <summary>The model as the suite names it.</summary>
    public required string ModelName { get; init; }
    /// <summary>SHA-256 of the GGUF file; null for endpoint models.</summary>
    public string? ModelSha256 { get; init; }
    public string? Quantization { get; init; }
    public string? Architecture { get; init; }
    public bool? IsSynthetic { get; init; }
    public required string NodeName { get; init; }
    public string? DeviceKind { get; init; }
    public string? DeviceName { get; init; }
    public required string Scenario { get; init; }
    public int? Threads { get; init; }
    public int? BatchSize { get; init; }
    public int? MicroBatchSize { get; init; }
    public int? GpuLayers { get; init; }
    public int? Depth { get; init; }
    public int? Concurrency { get; init; }
    public double? Rate { get; init; }
    public double? TokensPerSecondMean { get; init; }
    public double? TokensPerSecondStddev { get; init; }
    public double? UsdPerMTokInput { get; init; }
    public double? UsdPerMTokOutput { get; init; }
    public double? UsdPerMTokBlended { get; init; }
    public double? WattsConfigured { get; init; }
    public double? WattsMeasured { get; init; }
    /// <summary>"measured:&lt;meter&gt;", "configured" or "none"; null for endpoints and results stored before V010.</summary>
    public string? EnergySource { get; init; }
    public double? JoulesPerOutputToken { get; init; }
    public double? OutputTokensPerJoule { get; init; }
    /// <summary>A quality point's scores (V011); null on every other scenario and on results stored before V011.</summary>
    public Results.QualityColumns? Quality { get; init; }
    /// <summary>VALID or INVALID.</summary>
    public required string Verdict { get; init; }
    /// <summary>The reasons of an INVALID verdict joined with "; ".</summary>
    public required string VerdictReasons { get; init; }
    public int Repetitions { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string ParametersJson { get; init; }
    public required string MetricsJson { get; init; }
    /// <summary>Where the numbers came from: the point label, the nodes that ran it, each repetition's provenance.</summary>
    public string ProvenanceJson { get; init; } = "{}";
}
