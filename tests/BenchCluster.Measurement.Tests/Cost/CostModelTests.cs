using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Suite;

namespace BenchCluster.Measurement.Tests.Cost;

public sealed class CostModelTests
{
    [Fact]
    public void Amortized_price_spreads_the_purchase_over_the_useful_hours()
    {
        // 8766 $ over 1 year at 50 % utilization: 2 $/h.
        Assert.Equal(2, CostModel.AmortizedUsdPerHour(8766, 1, 0.5), 1e-12);
    }

    [Fact]
    public void Energy_cost_is_kilowatts_times_price()
    {
        Assert.Equal(0.06, CostModel.EnergyUsdPerHour(400, 0.15), 1e-12);
    }

    [Fact]
    public void Price_per_million_tokens_follows_from_hourly_cost_and_throughput()
    {
        // 3.6 $/h at 100 tokens/s: 360,000 tokens per hour → 10 $ per 1M.
        Assert.Equal(10, CostModel.UsdPerMillion(3.6, 100)!.Value, 1e-12);
        Assert.Null(CostModel.UsdPerMillion(3.6, 0));
        Assert.Null(CostModel.UsdPerMillion(3.6, null));
        Assert.Equal(0.001, CostModel.UsdPerRequest(3.6, 1)!.Value, 1e-12);
    }

    [Fact]
    public void Blended_price_weights_input_three_to_one()
    {
        Assert.Equal(((3 * 0.15) + 0.60) / 4, CostModel.Blended(0.15, 0.60)!.Value, 1e-12);
        Assert.Null(CostModel.Blended(0.15, null));
    }

    [Fact]
    public void Blending_micro_prices_gives_the_cost_of_a_three_to_one_token_mix()
    {
        const double hourly = 1.0;
        const double pp = 300;
        const double tg = 30;
        var blended = CostModel.Blended(CostModel.UsdPerMillion(hourly, pp), CostModel.UsdPerMillion(hourly, tg))!.Value;
        // 750k input + 250k output tokens take 750000/300 + 250000/30 seconds.
        var seconds = (750_000 / pp) + (250_000 / tg);
        Assert.Equal(hourly * seconds / 3600, blended, 1e-9);
    }

    [Fact]
    public void Measured_power_replaces_configured_power()
    {
        var inputs = new CostInputs { HardwareUsdPerHour = 1, ConfiguredWatts = 100, UsdPerKwh = 0.2 };

        var configured = CostModel.NodeHourly(inputs, null, null);
        var measured = CostModel.NodeHourly(inputs, 50, "rapl:intel-rapl:0");

        Assert.Equal(1.02, configured.UsdPerHour!.Value, 1e-12);
        Assert.Equal("configured", configured.Source);
        Assert.Equal(1.01, measured.UsdPerHour!.Value, 1e-12);
        Assert.Equal("measured:rapl:intel-rapl:0", measured.Source);
        Assert.Equal(1, CostModel.NodeHourly(inputs with { UsdPerKwh = 0 }, 50, "x").UsdPerHour!.Value, 1e-12);
    }

    [Fact]
    public void Suite_cost_entries_override_the_nodes_advertised_price_first_match_first()
    {
        var spec = new CostSpec
        {
            UsdPerKwh = 0.1,
            Nodes =
            [
                new NodeCostSpec { NamePattern = "gpu-*", UsdPerHour = 2.5, Watts = 300 },
                new NodeCostSpec { NamePattern = "*", PurchaseUsd = 8766, AmortizationYears = 2, Utilization = 0.5 },
            ],
        };
        var model = new ModelSpec { Name = "m", Preset = "tiny", Quantization = "q8_0" };
        var gpu = new NodeDescription { NodeName = "gpu-1", Device = DeviceKind.Gpu, DeviceName = "x", PriceUsdPerHour = 9, Watts = 10 };
        var cpu = gpu with { NodeName = "cpu-1", Device = DeviceKind.Cpu };

        Assert.Equal(2.5, CostInputs.Resolve(spec, gpu, model).HardwareUsdPerHour);
        Assert.Equal(300, CostInputs.Resolve(spec, gpu, model).ConfiguredWatts);
        Assert.Equal(1, CostInputs.Resolve(spec, cpu, model).HardwareUsdPerHour!.Value, 1e-12);
        Assert.Equal(10, CostInputs.Resolve(spec, cpu, model).ConfiguredWatts);
        Assert.Equal(9, CostInputs.Resolve(CostSpec.Default, cpu, model).HardwareUsdPerHour);
    }

    [Fact]
    public void Endpoints_are_priced_from_their_sheet()
    {
        var model = new ModelSpec { Name = "api", Endpoint = new EndpointSpec { BaseUrl = "https://x/v1", Model = "m", PriceInputUsdPerMillion = 1, PriceOutputUsdPerMillion = 4 } };
        var inputs = CostInputs.Resolve(CostSpec.Default, null, model);

        Assert.True(inputs.IsRemote);
        // 2M input and 0.5M output tokens: 2 + 2 = 4 $.
        Assert.Equal(4, CostModel.SheetUsd(inputs, 2_000_000, 500_000)!.Value, 1e-12);
    }
}
