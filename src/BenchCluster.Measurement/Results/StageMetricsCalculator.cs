using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Statistics;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Results;

/// <summary>Derives a stage's metrics from its raw samples (formulas in docs/metrics.md).</summary>
internal static class StageMetricsCalculator
{
    internal const string Ms = "ms";
    private const string TokensPerSecond = "tokens/s";
    private const string RequestsPerSecond = "requests/s";
    private const string Tokens = "tokens";
    private const string Ratio = "ratio";

    public static IReadOnlyList<MetricSummary> Compute(StageSamples stage, ScenarioKind kind, SloSpec? slo, double confidence)
    {
        var metrics = new List<MetricSummary>();
        // Every metric keeps its values grouped by repetition: the CI of the mean comes from the repetitions' means.
        void PerRepetition(string name, string unit, Func<RepetitionSlice, double?> value) =>
            Add(metrics, name, unit, MetricPooling.PerRepetition, stage.Slices.Select(s => new[] { value(s) }), confidence);
        void PerRequest(string name, string unit, Func<Sample, double?> value) =>
            Add(metrics, name, unit, MetricPooling.PerRequest, stage.Slices.Select(s => s.Samples.Select(value)), confidence);
        void PerToken(string name, Func<Sample, IEnumerable<double>> values) =>
            Add(metrics, name, Ms, MetricPooling.PerToken, stage.Slices.Select(s => s.Samples.SelectMany(values).Select(v => (double?)v)), confidence);

        PerRepetition(MetricNames.DurationSeconds, "s", slice => slice.Seconds);
        switch (kind)
        {
            case ScenarioKind.Pp or ScenarioKind.Tg or ScenarioKind.Pg:
                // llama-bench: t/s of each repetition, then mean and stddev over repetitions (avg_ts ± stddev_ts).
                Add(metrics, MetricNames.TokensPerSecond, TokensPerSecond, MetricPooling.PerRepetition, stage.Slices.Select(s => s.Samples.Select(RequestMetrics.MicroTokensPerSecond)), confidence);
                if (kind == ScenarioKind.Pg)
                {
                    PerRequest(MetricNames.PromptTokensPerSecond, TokensPerSecond, RequestMetrics.PromptTokensPerSecond);
                    PerRequest(MetricNames.GenerationTokensPerSecond, TokensPerSecond, GenerationTokensPerSecond);
                }
                if (kind != ScenarioKind.Pp)
                    PerToken(MetricNames.ItlMs, RequestMetrics.ItlMs);
                break;
            case ScenarioKind.Batched:
                PerRepetition(MetricNames.BatchedPromptTokensPerSecond, TokensPerSecond, BatchedPromptRate);
                PerRepetition(MetricNames.BatchedGenerationTokensPerSecond, TokensPerSecond, BatchedGenerationRate);
                PerRepetition(MetricNames.BatchedTotalTokensPerSecond, TokensPerSecond, BatchedTotalRate);
                PerRequest(MetricNames.DecodeTokensPerSecond, TokensPerSecond, RequestMetrics.DecodeTokensPerSecond);
                PerRequest(MetricNames.TpotMs, Ms, RequestMetrics.TpotMs);
                break;
            default:
                RequestLevel(stage, slo, PerRepetition, PerRequest, PerToken);
                break;
        }
        return metrics;
    }

    private static void RequestLevel(
        StageSamples stage,
        SloSpec? slo,
        Action<string, string, Func<RepetitionSlice, double?>> perRepetition,
        Action<string, string, Func<Sample, double?>> perRequest,
        Action<string, Func<Sample, IEnumerable<double>>> perToken)
    {
        perRequest(MetricNames.TtftMs, Ms, RequestMetrics.TtftMs);
        perRequest(MetricNames.TpotMs, Ms, RequestMetrics.TpotMs);
        perToken(MetricNames.ItlMs, RequestMetrics.ItlMs);
        perToken(MetricNames.EventGapMs, RequestMetrics.EventGapMs);
        perRequest(MetricNames.E2elMs, Ms, RequestMetrics.E2elMs);
        perRequest(MetricNames.E2elPerOutputTokenMs, Ms, RequestMetrics.E2elPerOutputTokenMs);
        perRequest(MetricNames.DecodeTokensPerSecond, TokensPerSecond, RequestMetrics.DecodeTokensPerSecond);
        perRequest(MetricNames.PromptTokens, Tokens, s => s.Succeeded ? s.EffectivePromptTokens : null);
        perRequest(MetricNames.OutputTokens, Tokens, s => s.Succeeded ? s.EffectiveOutputTokens : null);
        if (ReasoningMetrics.AnyReasoned(stage.All))
        {
            perRequest(MetricNames.TtfoMs, Ms, ReasoningMetrics.TtfoMs);
            perRequest(MetricNames.ReasoningTokens, Tokens, ReasoningMetrics.ReasoningTokens);
            perRequest(MetricNames.AnswerTokens, Tokens, ReasoningMetrics.AnswerTokens);
        }
        perRepetition(MetricNames.RequestThroughput, RequestsPerSecond, s => PerSecond(s, s.Samples.Count(x => x.Succeeded)));
        perRepetition(MetricNames.OutputTokenThroughput, TokensPerSecond, s => PerSecond(s, s.Samples.Where(x => x.Succeeded).Sum(x => x.EffectiveOutputTokens)));
        perRepetition(MetricNames.InputTokenThroughput, TokensPerSecond, s => PerSecond(s, s.Samples.Where(x => x.Succeeded).Sum(x => x.EffectivePromptTokens)));
        perRepetition(MetricNames.TotalTokenThroughput, TokensPerSecond, s => PerSecond(s, s.Samples.Where(x => x.Succeeded).Sum(x => x.EffectivePromptTokens + x.EffectiveOutputTokens)));
        perRepetition(MetricNames.ErrorRate, Ratio, s => s.Samples.Count == 0 ? null : s.Samples.Count(x => !x.Succeeded) / (double)s.Samples.Count);
        ConversationMetrics.Add([.. stage.All], perRepetition, perRequest);
        if (stage.All.Any(s => s.ScheduledNs is not null))
        {
            perRequest(MetricNames.TtftFromSendMs, Ms, RequestMetrics.TtftFromSendMs);
            perRequest(MetricNames.SendLagMs, Ms, RequestMetrics.SendLagMs);
            perRepetition(MetricNames.AchievedRate, RequestsPerSecond, AchievedRate);
        }
        if (slo is { HasBounds: true })
        {
            perRepetition(MetricNames.Goodput, RequestsPerSecond, s => PerSecond(s, s.Samples.Count(x => SloEvaluator.IsGood(x, slo))));
            perRepetition(MetricNames.GoodOutputTokenThroughput, TokensPerSecond, s => PerSecond(s, s.Samples.Where(x => SloEvaluator.IsGood(x, slo)).Sum(x => x.EffectiveOutputTokens)));
            perRepetition(MetricNames.GoodTotalTokenThroughput, TokensPerSecond, s => PerSecond(s, s.Samples.Where(x => SloEvaluator.IsGood(x, slo)).Sum(x => x.EffectivePromptTokens + x.EffectiveOutputTokens)));
            perRepetition(MetricNames.SloAttainment, Ratio, s => SloEvaluator.Attainment(s.Samples, slo));
        }
    }

    /// <summary>The throughput whose spread over repetitions the CV rule checks, per scenario kind.</summary>
    public static (string Name, Func<RepetitionSlice, double?> Value) Headline(ScenarioKind kind) => (MetricNames.Headline(kind), kind switch
    {
        ScenarioKind.Pp or ScenarioKind.Tg or ScenarioKind.Pg => MeanMicroRate,
        ScenarioKind.Batched => BatchedTotalRate,
        _ => s => PerSecond(s, s.Samples.Where(x => x.Succeeded).Sum(x => x.EffectiveOutputTokens)),
    });

    /// <summary>The headline of each repetition that produced one, in repetition order.</summary>
    public static List<double> HeadlineValues(StageSamples stage, ScenarioKind kind)
    {
        var headline = Headline(kind).Value;
        return stage.Slices.Select(headline).Where(v => v is not null && double.IsFinite(v.Value)).Select(v => v!.Value).ToList();
    }

    private static double? MeanMicroRate(RepetitionSlice slice)
    {
        var rates = slice.Samples.Select(RequestMetrics.MicroTokensPerSecond).Where(r => r is not null).Select(r => r!.Value).ToList();
        return rates.Count == 0 ? null : rates.Average();
    }

    /// <summary>Requests sent / time from the schedule's start to the last send: below the target rate when the client fell behind.</summary>
    internal static double? AchievedRate(RepetitionSlice slice)
    {
        var scheduled = slice.Samples.Where(s => s.ScheduledNs is not null).ToList();
        if (scheduled.Count == 0)
            return null;
        var origin = slice.Stage?.StartNs ?? scheduled.Min(s => s.ScheduledNs!.Value);
        var seconds = TimeUnits.ToSeconds(scheduled.Max(s => s.SentNs) - origin);
        return seconds > 0 ? scheduled.Count / seconds : null;
    }

    private static double? PerSecond(RepetitionSlice slice, double amount) => slice.Seconds > 0 ? amount / slice.Seconds : null;

    private static double? GenerationTokensPerSecond(Sample s)
    {
        var from = s.PromptEndNs ?? s.SentNs;
        return s.Succeeded && s.EndNs > from && s.OutputTokens > 0 ? TimeUnits.PerSecond(s.OutputTokens, s.EndNs - from) : null;
    }

    private static double? BatchedPromptRate(RepetitionSlice slice)
    {
        var ok = slice.Samples.Where(s => s.Succeeded && s.PromptEndNs is not null).ToList();
        if (ok.Count == 0)
            return null;
        var seconds = TimeUnits.ToSeconds(ok.Max(s => s.PromptEndNs!.Value) - ok.Min(s => s.SentNs));
        return seconds > 0 ? ok.Sum(s => s.PromptTokens) / seconds : null;
    }

    /// <summary>llama-batched-bench's S_TG: every generated token comes from a decode step after the prompts (DecodeEveryToken).</summary>
    private static double? BatchedGenerationRate(RepetitionSlice slice)
    {
        var ok = slice.Samples.Where(s => s.Succeeded && s.PromptEndNs is not null).ToList();
        if (ok.Count == 0)
            return null;
        var seconds = TimeUnits.ToSeconds(ok.Max(s => s.EndNs) - ok.Max(s => s.PromptEndNs!.Value));
        return seconds > 0 ? ok.Sum(s => s.OutputTokens) / seconds : null;
    }

    private static double? BatchedTotalRate(RepetitionSlice slice)
    {
        var ok = slice.Samples.Where(s => s.Succeeded).ToList();
        if (ok.Count == 0)
            return null;
        var seconds = TimeUnits.ToSeconds(ok.Max(s => s.EndNs) - ok.Min(s => s.SentNs));
        return seconds > 0 ? ok.Sum(s => s.PromptTokens + s.OutputTokens) / seconds : null;
    }

    private static void Add(
        List<MetricSummary> metrics, string name, string unit, MetricPooling pooling, IEnumerable<IEnumerable<double?>> repetitions, double confidence)
    {
        var present = repetitions
            .Select(values => (IReadOnlyList<double>)values.Where(v => v is not null && double.IsFinite(v.Value)).Select(v => v!.Value).ToList())
            .ToList();
        metrics.Add(new MetricSummary(name, unit, pooling, StatisticsCalculator.ComputeOverRepetitions(present, confidence)));
    }
}
