using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Scenarios;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Tests.Fakes;
using BenchCluster.Measurement.Tests.Scenarios;

namespace BenchCluster.Measurement.Tests.Results;

/// <summary>Both powers are kept, the result says which one its energy figures and energy cost use (docs/metrics.md, "Energy").</summary>
public sealed class EnergyTests
{
    private static readonly CostInputs Configured = new() { HardwareUsdPerHour = 1, ConfiguredWatts = 80, UsdPerKwh = 0.5 };

    [Fact]
    public void Measured_power_prices_the_energy_and_the_configured_power_is_kept_beside_it()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}");

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [Measurements.Tg(100)], watts: 50)], Configured);
        var energy = result.Energy!;

        Assert.Equal(80, energy.ConfiguredWatts);
        Assert.Equal(50, energy.MeasuredWatts);
        Assert.Equal("rapl:test", energy.MeasuredSource);
        Assert.Equal(50, energy.Watts);
        Assert.Equal("measured:rapl:test", energy.Source);
        // 50 W at 100 output tokens/s.
        Assert.Equal(0.5, energy.JoulesPerOutputToken!.Value, 1e-9);
        Assert.Equal(2, energy.OutputTokensPerJoule!.Value, 1e-9);
        Assert.Equal("measured:rapl:test", result.Cost!.WattsSource);
        Assert.Equal(0.025, result.Cost.EnergyUsdPerHour!.Value, 1e-12);
    }

    [Fact]
    public void Without_a_measurement_the_configured_power_is_used_and_named()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}");

        var energy = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [Measurements.Tg(100)])], Configured).Energy!;

        Assert.Null(energy.MeasuredWatts);
        Assert.Equal("configured", energy.Source);
        Assert.Equal(0.8, energy.JoulesPerOutputToken!.Value, 1e-9);
    }

    [Fact]
    public void No_power_at_all_gives_no_energy_figure_rather_than_zero()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}");

        var energy = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [Measurements.Tg(100)])], CostInputs.None).Energy!;

        Assert.Equal("none", energy.Source);
        Assert.Null(energy.Watts);
        Assert.Null(energy.JoulesPerOutputToken);
        Assert.Null(energy.OutputTokensPerJoule);
    }

    [Fact]
    public void A_prompt_only_point_has_energy_per_prompt_token_but_none_per_output_token()
    {
        var job = Jobs.From("{kind: pp, prompt_tokens: 32}");
        var tg = Measurements.Tg(100);
        var pp = tg with { Kind = Samples.SampleKind.Prompt, PromptTokens = 32, OutputTokens = 0, EventNs = [], EventTokenCounts = [], FirstTokenNs = null };

        var energy = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [pp], watts: 50)], Configured).Energy!;

        Assert.NotNull(energy.JoulesPerToken);
        Assert.Null(energy.JoulesPerOutputToken);
        Assert.Null(energy.OutputTokensPerJoule);
    }

    [Fact]
    public void An_endpoint_has_no_energy_figures()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}");
        var (samples, stage) = Measurements.OpenLoopRepetition();

        var result = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, samples, [stage])],
            CostInputs.Resolve(CostSpec.Default, null, job.Model));

        Assert.Null(result.Energy);
    }

    [Fact]
    public async Task Why_power_was_not_measured_travels_from_the_meter_to_the_result()
    {
        var meter = new FixedPowerMeter(null, notes: ["nvml: libnvidia-ml.so.1 could not be loaded"], failure: "rapl: energy_uj unreadable");
        var job = Jobs.From("{kind: tg, output_tokens: 4}");

        var measurement = await new ScenarioRunner(new RunEnvironment { PowerMeter = meter }).RunAsync(job, new FakeInferenceSession());
        var energy = ResultAggregator.Aggregate(job.Point, job, [measurement], Configured).Energy!;

        Assert.Null(measurement.MeasuredWatts);
        Assert.Equal(["nvml: libnvidia-ml.so.1 could not be loaded", "rapl: energy_uj unreadable"], energy.Notes);
        Assert.Equal("configured", energy.Source);
        Assert.Null(energy.MeasuredWatts);
    }
}
