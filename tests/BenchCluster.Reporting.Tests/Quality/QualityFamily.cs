using BenchCluster.Measurement.Quality;
using BenchCluster.Reporting.Records;

namespace BenchCluster.Reporting.Tests.Quality;

/// <summary>
/// A quantization family on one node as best and the exports see it: a tg row per file (tokens/s, $/1M) and a quality
/// point per file (KLD against the F16 reference), joined by file SHA-256 and node.
/// </summary>
internal static class QualityFamily
{
    public static readonly Guid Run = Guid.Parse("dddddddd-0000-0000-0000-000000000012");
    public const string Node = "cpu-1";

    public static ResultRecord Speed(string file, double tokensPerSecond, double usd, string? node = null) => new()
    {
        RunId = Run,
        SuiteName = "family",
        PointKey = "tg-" + file,
        PointLabel = $"{file}/tg128[threads=2]",
        Model = file,
        ModelFile = file + ".gguf",
        ModelSha256 = Sha(file),
        Quantization = file,
        Node = node ?? Node,
        Scenario = "tg128",
        ScenarioKind = "tg",
        Settings = new ResultSettings { Threads = 2 },
        TokensPerSecond = tokensPerSecond,
        Repetitions = 3,
        Cost = new ResultCost { UsdPerMTokOutput = usd },
        Verdict = "VALID",
        Provenance = new ResultProvenance { CreatedAt = DateTimeOffset.UnixEpoch },
    };

    public static ResultRecord QualityPoint(string file, double kld, bool valid = true, bool synthetic = false, string? node = null, string corpus = "bundled") => new()
    {
        RunId = Run,
        SuiteName = "family",
        PointKey = $"quality-{file}-{corpus}",
        PointLabel = $"{file}/quality[ctx=512]",
        Model = file,
        ModelFile = file + ".gguf",
        ModelSha256 = Sha(file),
        Quantization = file,
        Node = node ?? Node,
        Scenario = "quality",
        ScenarioKind = "quality",
        Settings = new ResultSettings(),
        TokensPerSecond = 250,
        Repetitions = 1,
        Cost = new ResultCost(),
        Verdict = valid ? "VALID" : "INVALID",
        VerdictReasons = valid ? [] : ["repetition 0 failed: engine child exited with code 139"],
        Quality = ResultQuality.From(Scores(kld, synthetic, corpus), $"quality-{file}-{corpus}", $"{file}/quality[ctx=512]"),
        Provenance = new ResultProvenance { CreatedAt = DateTimeOffset.UnixEpoch },
    };

    public static QualityMeasurement Scores(double kld, bool synthetic = false, string corpus = "bundled") => new()
    {
        CorpusName = corpus,
        CorpusSha256 = new string('c', 64),
        ContextTokens = 512,
        Windows = 8,
        ScoredTokens = 2048,
        Perplexity = 20 + kld * 10,
        PerplexityError = 0.5,
        ScoredTokensPerSecond = 250,
        IsSyntheticModel = synthetic,
        Reference = new QualityReferenceComparison
        {
            ReferenceName = "tiny-f16",
            ReferenceSha256 = Sha("f16"),
            ReferencePerplexity = 20,
            ReferencePerplexityError = 0.5,
            DeltaPerplexity = kld * 10,
            DeltaPerplexityError = 0.05,
            KlDivergenceMean = kld,
            KlDivergenceMeanError = kld / 20,
            KlDivergenceMedian = kld / 2,
            KlDivergenceP99 = kld * 8,
            KlDivergenceMax = kld * 30,
            Top1Agreement = 1 - kld * 2,
            Top1AgreementError = 0.005,
            ReferenceSource = "computed",
        },
    };

    /// <summary>f16 $0.30, q8_0 $0.15, q4_k_m $0.10, q4_0 $0.08 (KLD over 0.05), q2_k $0.05 without quality measured.</summary>
    public static IReadOnlyList<ResultRecord> Family() => QualityJoin.Attach(
    [
        Speed("f16", 40, 0.30), Speed("q8_0", 80, 0.15), Speed("q4_k_m", 120, 0.10), Speed("q4_0", 150, 0.08), Speed("q2_k", 200, 0.05),
        QualityPoint("f16", 0), QualityPoint("q8_0", 0.002), QualityPoint("q4_k_m", 0.031), QualityPoint("q4_0", 0.082),
    ]);

    public static string Sha(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(file)));
}
