using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Metrics;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Results;

/// <summary>A point's power and energy per token from its headline stage (docs/metrics.md, "Energy").</summary>
internal static class PointEnergyCalculator
{
    /// <summary>Null for remote endpoints (their machines' power is not ours to know) and points with no headline stage.</summary>
    public static EnergyBreakdown? Compute(ScenarioKind kind, StageResult? headline, CostInputs inputs, MeasuredPower power)
    {
        if (headline is null || inputs.IsRemote)
            return null;
        var (watts, source) = PowerSources.Choose(inputs.ConfiguredWatts, power.Watts, power.Source);
        var perOutput = CostModel.JoulesPerToken(watts, OutputRate(kind, headline));
        return new EnergyBreakdown
        {
            ConfiguredWatts = inputs.ConfiguredWatts,
            MeasuredWatts = power.Watts,
            MeasuredSource = power.Source,
            Watts = watts,
            Source = source,
            JoulesPerToken = CostModel.JoulesPerToken(watts, headline.Mean(MetricNames.Headline(kind))),
            JoulesPerOutputToken = perOutput,
            OutputTokensPerJoule = perOutput is > 0 ? 1 / perOutput.Value : null,
            Notes = power.Notes,
        };
    }

    /// <summary>
    /// The output token rate the output price rests on (PointCostCalculator), so J per output token reads like output
    /// $/1M: tg and request-level over the whole measured time, pg and batched over their generation phase only.
    /// </summary>
    private static double? OutputRate(ScenarioKind kind, StageResult stage) => kind switch
    {
        ScenarioKind.Pp => null,
        ScenarioKind.Tg => stage.Mean(MetricNames.TokensPerSecond),
        ScenarioKind.Pg => stage.Mean(MetricNames.GenerationTokensPerSecond),
        ScenarioKind.Batched => stage.Mean(MetricNames.BatchedGenerationTokensPerSecond),
        _ => stage.Mean(MetricNames.OutputTokenThroughput),
    };
}
