namespace BenchCluster.Reporting.Records;

/// <summary>
/// The complete result of one matrix point on one node, as every output shows it (table, CSV, JSON, JSON Lines,
/// Markdown, the HTTP API, reports): identity, every setting, throughput, latency percentiles, errors, goodput, cost,
/// energy, quality, verdict and provenance. Fields that do not apply to the scenario, or are unknown, are null.
/// </summary>
public sealed record ResultRecord
{
    // Identity.
    public required Guid RunId { get; init; }
    public required string SuiteName { get; init; }
    /// <summary>Hash of model × scenario × settings: the same point across runs (compare matches on it with the node).</summary>
    public required string PointKey { get; init; }
    /// <summary>e.g. "qwen2.5-0.5b/tg128[threads=2]".</summary>
    public required string PointLabel { get; init; }
    /// <summary>The model as the suite names it.</summary>
    public required string Model { get; init; }
    /// <summary>The GGUF file name; for endpoint models the suite's name.</summary>
    public required string ModelFile { get; init; }
    public string? ModelSha256 { get; init; }
    public string? Quantization { get; init; }
    public string? Architecture { get; init; }
    public bool? IsSynthetic { get; init; }
    public required string Node { get; init; }
    public string? DeviceKind { get; init; }
    public string? DeviceName { get; init; }
    public required string Scenario { get; init; }
    /// <summary>pp, tg, pg, batched, concurrency, poisson, gamma, sweep or slo-search.</summary>
    public required string ScenarioKind { get; init; }
    public required ResultSettings Settings { get; init; }

    // Throughput: the headline metric the result is ranked by.
    /// <summary>Name of the headline metric, e.g. tokens_per_s (pp/tg), output_token_throughput (request-level).</summary>
    public string? HeadlineMetric { get; init; }
    public double? TokensPerSecond { get; init; }
    public double? TokensPerSecondStdDev { get; init; }
    public double? TokensPerSecondCiLower { get; init; }
    public double? TokensPerSecondCiUpper { get; init; }
    /// <summary>Coefficient of variation of the headline over repetitions.</summary>
    public double? TokensPerSecondCv { get; init; }
    public required int Repetitions { get; init; }
    /// <summary>The headline of each measured repetition (compare tests them); null for results stored before they were kept.</summary>
    public IReadOnlyList<double>? RepetitionValues { get; init; }
    public int? RepetitionsExpected { get; init; }

    // Request-level.
    public LatencySummary? TtftMs { get; init; }
    public LatencySummary? TpotMs { get; init; }
    public LatencySummary? ItlMs { get; init; }
    public LatencySummary? E2elMs { get; init; }
    /// <summary>Reasoning models: time to the first answer token after the reasoning; null when no request reasoned.</summary>
    public LatencySummary? TtfoMs { get; init; }
    /// <summary>Reasoning models: mean reasoning and answer tokens per request.</summary>
    public double? ReasoningTokensMean { get; init; }
    public double? AnswerTokensMean { get; init; }
    public double? RequestsPerSecond { get; init; }
    public double? OutputTokensPerSecond { get; init; }
    /// <summary>Failed requests ÷ all requests of the headline stage.</summary>
    public double? ErrorRate { get; init; }
    /// <summary>Requests per second that met every SLO; null without SLOs.</summary>
    public double? Goodput { get; init; }
    public double? SloAttainment { get; init; }
    /// <summary>Open-loop rate of the headline stage (sweeps: the selected stage).</summary>
    public double? TargetRate { get; init; }

    public required ResultCost Cost { get; init; }
    public ResultEnergy? Energy { get; init; }

    /// <summary>
    /// Perplexity, KL-divergence, top-1 agreement and task accuracy of the model file on this node: the point's own on a
    /// quality point, the file's quality point's beside a speed point (<see cref="QualityJoin"/>); null when none was measured.
    /// </summary>
    public ResultQuality? Quality { get; init; }
    /// <summary>Why <see cref="Quality"/> is null on a speed point, or which of several quality points was joined.</summary>
    public string? QualityNote { get; init; }

    /// <summary>VALID or INVALID.</summary>
    public required string Verdict { get; init; }
    public IReadOnlyList<string> VerdictReasons { get; init; } = [];
    public IReadOnlyList<string> VerdictWarnings { get; init; } = [];
    public required ResultProvenance Provenance { get; init; }

    /// <summary>Every metric of the headline stage and the point (e.g. slo-search's max_rate_within_slo).</summary>
    public IReadOnlyList<MetricValue> Metrics { get; init; } = [];

    public bool IsValid => Verdict == "VALID";

    /// <summary>The metric of that name, or null.</summary>
    public MetricValue? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);
}
