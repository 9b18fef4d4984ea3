using System.Globalization;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Samples;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Results;

/// <summary>Applies the cost formulas to a point's headline stage (docs/metrics.md, "Cost").</summary>
internal static class PointCostCalculator
{
    public static CostBreakdown? Compute(
        ScenarioKind kind, StageResult? headline, IReadOnlyList<Sample> headlineSamples, CostInputs inputs,
        SloSpec? slo, double? measuredWatts, string? powerSource)
    {
        if (headline is null)
            return null;
        return inputs.IsRemote
            ? Sheet(headline, headlineSamples, inputs, slo)
            : Node(kind, headline, inputs, slo, measuredWatts, powerSource);
    }

    private static CostBreakdown Node(ScenarioKind kind, StageResult stage, CostInputs inputs, SloSpec? slo, double? measuredWatts, string? powerSource)
    {
        var (hourly, energy, watts, source) = CostModel.NodeHourly(inputs, measuredWatts, powerSource);
        var cost = new CostBreakdown { UsdPerHour = hourly, EnergyUsdPerHour = energy, Watts = watts, WattsSource = source };
        double? PerMillion(string metric) => CostModel.UsdPerMillion(hourly, stage.Mean(metric));
        switch (kind)
        {
            case ScenarioKind.Pp:
                return cost with { InputUsdPerMillion = PerMillion(MetricNames.TokensPerSecond), Basis = "pp tokens/s (machine time on prompts only)" };
            case ScenarioKind.Tg:
                return cost with { OutputUsdPerMillion = PerMillion(MetricNames.TokensPerSecond), Basis = "tg tokens/s (machine time on generation only)" };
            case ScenarioKind.Pg:
                return Split(cost, PerMillion(MetricNames.PromptTokensPerSecond), PerMillion(MetricNames.GenerationTokensPerSecond),
                    PerMillion(MetricNames.TokensPerSecond), "pg prompt and generation tokens/s");
            case ScenarioKind.Batched:
                return Split(cost, PerMillion(MetricNames.BatchedPromptTokensPerSecond), PerMillion(MetricNames.BatchedGenerationTokensPerSecond),
                    PerMillion(MetricNames.BatchedTotalTokensPerSecond), "batched prompt and generation tokens/s");
            default:
            {
                var withinSlo = slo is { HasBounds: true };
                return cost with
                {
                    WorkloadUsdPerMillion = PerMillion(withinSlo ? MetricNames.GoodTotalTokenThroughput : MetricNames.TotalTokenThroughput),
                    WorkloadOutputUsdPerMillion = PerMillion(withinSlo ? MetricNames.GoodOutputTokenThroughput : MetricNames.OutputTokenThroughput),
                    UsdPerRequest = CostModel.UsdPerRequest(hourly, stage.Mean(withinSlo ? MetricNames.Goodput : MetricNames.RequestThroughput)),
                    Basis = Describe(stage, withinSlo),
                };
            }
        }
    }

    /// <summary>Input and output prices from separately timed phases, their 3:1 blend, and the run's own mix.</summary>
    private static CostBreakdown Split(CostBreakdown cost, double? input, double? output, double? workload, string basis) => cost with
    {
        InputUsdPerMillion = input,
        OutputUsdPerMillion = output,
        BlendedUsdPerMillion = CostModel.Blended(input, output),
        WorkloadUsdPerMillion = workload,
        Basis = basis,
    };

    /// <summary>An endpoint's price sheet over the tokens the run actually used; with SLOs the bill is shared by the good requests only.</summary>
    private static CostBreakdown Sheet(StageResult stage, IReadOnlyList<Sample> samples, CostInputs inputs, SloSpec? slo)
    {
        var input = inputs.RemoteInputUsdPerMillion;
        var output = inputs.RemoteOutputUsdPerMillion;
        var cost = new CostBreakdown { InputUsdPerMillion = input, OutputUsdPerMillion = output, BlendedUsdPerMillion = CostModel.Blended(input, output), Basis = "price sheet" };
        var ok = samples.Where(s => s.Succeeded).ToList();
        if (ok.Count == 0)
            return cost;
        var withinSlo = slo is { HasBounds: true };
        var useful = withinSlo ? ok.Where(s => SloEvaluator.IsGood(s, slo!)).ToList() : ok;
        var bill = CostModel.SheetUsd(inputs, ok.Sum(s => (double)s.EffectivePromptTokens), ok.Sum(s => (double)s.EffectiveOutputTokens));
        var usefulTokens = useful.Sum(s => (double)(s.EffectivePromptTokens + s.EffectiveOutputTokens));
        var usefulOutput = useful.Sum(s => (double)s.EffectiveOutputTokens);
        return cost with
        {
            WorkloadUsdPerMillion = bill is { } b && usefulTokens > 0 ? b / usefulTokens * CostModel.TokensPerMillion : null,
            WorkloadOutputUsdPerMillion = bill is { } o && usefulOutput > 0 ? o / usefulOutput * CostModel.TokensPerMillion : null,
            UsdPerRequest = bill is { } r && useful.Count > 0 ? r / useful.Count : null,
            Basis = "price sheet × " + Describe(stage, withinSlo),
        };
    }

    private static string Describe(StageResult stage, bool withinSlo)
    {
        var load = stage.TargetRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:0.###} req/s")
            : stage.Concurrency is { } c ? string.Create(CultureInfo.InvariantCulture, $"concurrency {c}") : "measured load";
        return withinSlo ? $"goodput within SLO at {load}" : $"throughput at {load}";
    }
}
