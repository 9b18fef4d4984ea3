using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Tests.Scenarios;

namespace BenchCluster.Measurement.Tests.Results.Quality;

/// <summary>Hand-built quality jobs: a Q4 model against its F16 reference on a 4-window corpus.</summary>
internal static class QualityScores
{
    public static JobSpec Job(int repetitions = 3) =>
        Jobs.From("{kind: tg, output_tokens: 32}").With(s => s with { Name = "quality", Kind = ScenarioKind.Quality }) with { RepetitionCount = repetitions };

    public static QualityMeasurement Scores(double kld = 0.0312, double scoredPerSecond = 250, bool synthetic = false) => new()
    {
        CorpusName = "bundled",
        CorpusSha256 = new string('c', 64),
        ContextTokens = 512,
        Windows = 4,
        ScoredTokens = 1024,
        Perplexity = 12.5,
        PerplexityError = 0.4,
        ScoredTokensPerSecond = scoredPerSecond,
        IsSyntheticModel = synthetic,
        Reference = new QualityReferenceComparison
        {
            ReferenceName = "tiny-f16",
            ReferenceSha256 = new string('f', 64),
            ReferencePerplexity = 12.1,
            ReferencePerplexityError = 0.39,
            DeltaPerplexity = 0.4,
            DeltaPerplexityError = 0.05,
            KlDivergenceMean = kld,
            KlDivergenceMeanError = 0.002,
            KlDivergenceMedian = kld / 2,
            KlDivergenceP99 = kld * 8,
            KlDivergenceMax = kld * 30,
            Top1Agreement = 0.93,
            Top1AgreementError = 0.008,
            ReferenceSource = "computed",
        },
        Tasks = new QualityTaskScore { TaskFile = "tasks.jsonl", TaskSha256 = new string('7', 64), TaskCount = 40, Accuracy = 0.55, AccuracyError = 0.079 },
    };

    public static JobMeasurement Repetition(JobSpec job, int repetition, QualityMeasurement? quality, string? error = null) => new()
    {
        PointId = job.Point.Id,
        Repetition = repetition,
        Samples = [],
        MeasuredStartNs = 0,
        MeasuredEndNs = 4_000_000_000,
        Quality = quality,
        Error = error,
    };
}
