using System.Text.Json;
using BenchCluster.Measurement.Json;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Provenance;
using BenchCluster.Measurement.Quality;
using BenchCluster.Measurement.Results;
using BenchCluster.Storage.Results;

namespace BenchCluster.Grains.Coordinator;

/// <summary>A point's aggregate as a row of the results table: the headline throughput, cost, verdict, and all of it as JSON.</summary>
public static class ResultRowMapping
{
    public static ResultRow ToRow(
        Guid runId, PointResult result, string nodeName, string? modelSha256,
        IReadOnlyList<RunProvenance> provenance, IReadOnlyCollection<string> nodesThatRan)
    {
        var headline = result.Headline?.Metric(MetricNames.Headline(result.Kind))?.Statistics;
        return new ResultRow
        {
            RunId = runId,
            PointKey = result.Point.Id,
            NodeName = nodeName,
            ModelRef = result.Model,
            ModelSha256 = modelSha256,
            Scenario = result.Scenario,
            ParametersJson = MeasurementJson.Serialize(result.Parameters),
            MetricsJson = MeasurementJson.Serialize(result),
            TokensPerSecondMean = headline?.Mean,
            TokensPerSecondStddev = headline?.StdDev,
            CostUsdPerMTokInput = result.Cost?.InputUsdPerMillion,
            CostUsdPerMTokOutput = result.Cost?.OutputUsdPerMillion,
            CostUsdPerMTokBlended = result.Cost?.BlendedUsdPerMillion,
            WattsConfigured = result.Energy?.ConfiguredWatts,
            WattsMeasured = result.Energy?.MeasuredWatts,
            EnergySource = result.Energy?.Source,
            JoulesPerOutputToken = result.Energy?.JoulesPerOutputToken,
            OutputTokensPerJoule = result.Energy?.OutputTokensPerJoule,
            Quality = result.Quality is { } quality ? Columns(quality) : null,
            IsValid = result.Verdict.IsValid,
            VerdictReasons = result.Verdict.Reasons,
            ProvenanceJson = JsonSerializer.Serialize(new
            {
                point = result.Point.Label,
                nodesThatRan = nodesThatRan.Order(StringComparer.Ordinal).ToList(),
                repetitions = provenance,
            }, MeasurementJson.Options),
            Repetitions = result.RepetitionsMeasured,
        };
    }

    private static QualityColumns Columns(QualityMeasurement q) => new()
    {
        CorpusName = q.CorpusName,
        CorpusSha256 = q.CorpusSha256,
        ContextTokens = q.ContextTokens,
        Windows = q.Windows,
        ScoredTokens = q.ScoredTokens,
        IsSynthetic = q.IsSyntheticModel,
        Perplexity = q.Perplexity,
        PerplexityError = q.PerplexityError,
        ReferenceName = q.Reference?.ReferenceName,
        ReferenceSha256 = q.Reference?.ReferenceSha256,
        ReferencePerplexity = q.Reference?.ReferencePerplexity,
        ReferencePerplexityError = q.Reference?.ReferencePerplexityError,
        DeltaPerplexity = q.Reference?.DeltaPerplexity,
        DeltaPerplexityError = q.Reference?.DeltaPerplexityError,
        KlDivergenceMean = q.Reference?.KlDivergenceMean,
        KlDivergenceMeanError = q.Reference?.KlDivergenceMeanError,
        KlDivergenceMedian = q.Reference?.KlDivergenceMedian,
        KlDivergenceP99 = q.Reference?.KlDivergenceP99,
        KlDivergenceMax = q.Reference?.KlDivergenceMax,
        Top1Agreement = q.Reference?.Top1Agreement,
        Top1AgreementError = q.Reference?.Top1AgreementError,
        TaskSha256 = q.Tasks?.TaskSha256,
        TaskCount = q.Tasks?.TaskCount,
        TaskAccuracy = q.Tasks?.Accuracy,
        TaskAccuracyError = q.Tasks?.AccuracyError,
    };
}
