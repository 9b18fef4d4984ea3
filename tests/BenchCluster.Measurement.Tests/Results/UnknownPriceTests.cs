using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Matrix;
using BenchCluster.Measurement.Results;
using BenchCluster.Measurement.Suite;
using BenchCluster.Measurement.Tests.Scenarios;

namespace BenchCluster.Measurement.Tests.Results;

/// <summary>Unknown prices read as unknown: a $ figure is given only when every input to it is known (docs/metrics.md, "Cost").</summary>
public sealed class UnknownPriceTests
{
    private static readonly NodeDescription Unpriced = new() { NodeName = "cpu-1", Device = DeviceKind.Cpu, DeviceName = "test CPU" };

    [Fact]
    public void A_suite_without_a_cost_section_on_an_unpriced_node_gives_no_dollar_figure()
    {
        var job = Jobs.From("{kind: pg, prompt_tokens: 32, output_tokens: 32}");
        var inputs = CostInputs.Resolve(CostSpec.Default, Unpriced, job.Model);

        var cost = Aggregate(job, inputs).Cost!;

        Assert.Null(inputs.HardwareUsdPerHour);
        AssertNoDollars(cost);
    }

    [Fact]
    public void A_request_level_result_on_an_unpriced_node_gives_no_cost_per_request()
    {
        var job = Jobs.From("{kind: poisson, parameters: {rate: [4]}}");
        var (samples, stage) = Measurements.OpenLoopRepetition();

        var cost = ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, samples, [stage])],
            CostInputs.Resolve(CostSpec.Default, Unpriced, job.Model)).Cost!;

        AssertNoDollars(cost);
    }

    [Fact]
    public void A_priced_node_gets_every_figure_of_its_scenario()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}");
        var inputs = CostInputs.Resolve(CostSpec.Default, Unpriced with { PriceUsdPerHour = 3.6 }, job.Model);

        var cost = Aggregate(job, inputs).Cost!;

        Assert.Equal(3.6, cost.UsdPerHour!.Value, 1e-12);
        // 3.6 $/h at 100 tokens/s: 10 $ per 1M output tokens.
        Assert.Equal(10, cost.OutputUsdPerMillion!.Value, 1e-6);
    }

    [Fact]
    public void Energy_alone_is_reported_but_does_not_make_the_hourly_cost_known()
    {
        var job = Jobs.From("{kind: tg, output_tokens: 32}");
        var spec = new CostSpec { UsdPerKwh = 0.2, Nodes = [new NodeCostSpec { NamePattern = "*", Watts = 100 }] };

        var cost = Aggregate(job, CostInputs.Resolve(spec, Unpriced, job.Model)).Cost!;

        Assert.Equal(0.02, cost.EnergyUsdPerHour!.Value, 1e-12);
        AssertNoDollars(cost);
    }

    [Fact]
    public void A_charged_electricity_price_without_a_power_figure_leaves_the_hourly_cost_unknown()
    {
        var inputs = new CostInputs { HardwareUsdPerHour = 1, UsdPerKwh = 0.2 };

        var withoutPower = CostModel.NodeHourly(inputs, null, null);
        var measured = CostModel.NodeHourly(inputs, 100, "rapl:test");

        Assert.Null(withoutPower.UsdPerHour);
        Assert.Equal(1.02, measured.UsdPerHour!.Value, 1e-12);
        // With electricity inside the hourly price (usd_per_kwh 0) no power figure is needed.
        Assert.Equal(1, CostModel.NodeHourly(inputs with { UsdPerKwh = 0 }, null, null).UsdPerHour!.Value, 1e-12);
    }

    [Fact]
    public void An_endpoint_with_a_price_sheet_gets_its_figures()
    {
        var job = Jobs.Remote("{kind: poisson, parameters: {rate: [4]}}");
        var cost = Open(job);

        Assert.Equal(1, cost.InputUsdPerMillion);
        Assert.Equal(2, cost.OutputUsdPerMillion);
        Assert.NotNull(cost.BlendedUsdPerMillion);
        Assert.NotNull(cost.UsdPerRequest);
        Assert.NotNull(cost.WorkloadUsdPerMillion);
    }

    [Fact]
    public void A_partial_price_sheet_gives_only_the_part_that_is_known()
    {
        var job = Jobs.From("{kind: poisson, parameters: {rate: [4]}}", model:
            "{name: api, endpoint: {base_url: \"http://localhost:1/v1\", model: m, price_input_per_mtok: 1}}");
        var cost = Open(job);

        Assert.Equal(1, cost.InputUsdPerMillion);
        Assert.Null(cost.OutputUsdPerMillion);
        Assert.Null(cost.BlendedUsdPerMillion);
        Assert.Null(cost.WorkloadUsdPerMillion);
        Assert.Null(cost.WorkloadOutputUsdPerMillion);
        Assert.Null(cost.UsdPerRequest);
    }

    [Fact]
    public void An_endpoint_without_a_price_sheet_gives_no_dollar_figure()
    {
        var job = Jobs.From("{kind: poisson, parameters: {rate: [4]}}", model:
            "{name: api, endpoint: {base_url: \"http://localhost:1/v1\", model: m}}");

        AssertNoDollars(Open(job));
    }

    private static PointResult Aggregate(JobSpec job, CostInputs inputs) =>
        ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, [Measurements.Tg(100), Measurements.Tg(100, seq: 2)])], inputs);

    private static CostBreakdown Open(JobSpec job)
    {
        var (samples, stage) = Measurements.OpenLoopRepetition();
        return ResultAggregator.Aggregate(job.Point, job, [Measurements.Of(job, 0, samples, [stage])],
            CostInputs.Resolve(CostSpec.Default, null, job.Model)).Cost!;
    }

    private static void AssertNoDollars(CostBreakdown cost)
    {
        Assert.Null(cost.UsdPerHour);
        Assert.Null(cost.InputUsdPerMillion);
        Assert.Null(cost.OutputUsdPerMillion);
        Assert.Null(cost.BlendedUsdPerMillion);
        Assert.Null(cost.WorkloadUsdPerMillion);
        Assert.Null(cost.WorkloadOutputUsdPerMillion);
        Assert.Null(cost.UsdPerRequest);
    }
}
