using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Tests.Fakes;

namespace BenchCluster.Measurement.Tests.Cost;

public sealed class PowerMetersTests
{
    private static readonly PowerMeterProbe NoRapl = PowerMeterProbe.Missing("rapl: no zone named package-N under /x");
    private static readonly PowerMeterProbe NoNvml = PowerMeterProbe.Missing("nvml: libnvidia-ml.so.1 could not be loaded");
    private static readonly PowerMeterProbe NoSmi = PowerMeterProbe.Missing("nvidia-smi: no power.draw");

    [Fact]
    public void Cpu_packages_and_gpus_are_summed()
    {
        var meter = PowerMeters.Detect(Found(30), () => Found(200), () => throw new InvalidOperationException("nvidia-smi asked although NVML reads"));

        using var window = meter.Start();

        Assert.Equal(230, window.Stop().Watts);
        Assert.Empty(meter.Notes);
    }

    [Fact]
    public void Without_nvml_the_gpu_falls_back_to_nvidia_smi_and_says_so()
    {
        var meter = PowerMeters.Detect(Found(30), () => NoNvml, () => Found(100));

        using var window = meter.Start();

        Assert.Equal(130, window.Stop().Watts);
        var note = Assert.Single(meter.Notes);
        Assert.Contains("libnvidia-ml.so.1", note, StringComparison.Ordinal);
        Assert.Contains("nvidia-smi power.draw", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_machine_with_no_counter_gets_a_meter_that_reads_nothing_and_says_why()
    {
        var meter = PowerMeters.Detect(NoRapl, () => NoNvml, () => NoSmi);

        using var window = meter.Start();
        var reading = window.Stop();

        Assert.Equal("none", meter.Source);
        Assert.Null(reading.Watts);
        Assert.Null(reading.Failure);
        Assert.Equal([NoRapl.Unavailable!, NoNvml.Unavailable!], meter.Notes);
    }

    [Fact]
    public void One_failed_part_fails_the_sum_instead_of_under_counting()
    {
        var meter = PowerMeters.Detect(Found(30), () => PowerMeterProbe.Found(new FixedPowerMeter(null, failure: "nvml: GPU 0 failed")), () => NoSmi);

        using var window = meter.Start();
        var reading = window.Stop();

        Assert.Null(reading.Watts);
        Assert.Contains("nvml: GPU 0 failed", reading.Failure, StringComparison.Ordinal);
    }

    private static PowerMeterProbe Found(double watts) => PowerMeterProbe.Found(new FixedPowerMeter(watts));
}
