using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchCluster.Measurement.Cost;
using BenchCluster.Measurement.Cost.Nvml;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Cost;

public sealed class NvmlEnergyReaderTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void Energy_counters_of_every_gpu_over_the_window_become_watts()
    {
        var nvml = new FakeNvml(1_000, 50_000);
        var reader = Assert.IsType<NvmlEnergyReader>(NvmlEnergyReader.Probe(nvml, _clock.Now).Meter);

        using var window = reader.Start();
        nvml.Millijoules[0] += 300_000;
        nvml.Millijoules[1] += 100_000;
        _clock.Advance(TimeSpan.FromSeconds(2));

        // (300 J + 100 J) / 2 s.
        Assert.Equal(200, window.Stop().Watts!.Value, 1e-9);
        Assert.Equal("nvml", reader.Source);
    }

    [Fact]
    public void A_window_shorter_than_the_counter_update_gives_no_reading_rather_than_zero_watts()
    {
        var reader = NvmlEnergyReader.Probe(new FakeNvml(1_000), _clock.Now).Meter!;

        using var window = reader.Start();
        _clock.Advance(TimeSpan.FromMilliseconds(5));
        var reading = window.Stop();

        Assert.Null(reading.Watts);
        Assert.Contains("did not move", reading.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpu_without_an_energy_counter_gives_no_meter_and_releases_nvml()
    {
        var nvml = new FakeNvml(0) { EnergyStatus = NvmlReturn.NotSupported };

        var probe = NvmlEnergyReader.Probe(nvml, _clock.Now);

        Assert.Null(probe.Meter);
        Assert.Contains("Volta", probe.Unavailable, StringComparison.Ordinal);
        Assert.Equal(1, nvml.Shutdowns);
    }

    [Fact]
    public void A_missing_driver_library_is_a_reason_not_a_crash()
    {
        var nvml = new FakeNvml(0) { LoadFailure = new DllNotFoundException("libnvidia-ml.so.1: cannot open shared object file") };

        var probe = NvmlEnergyReader.Probe(nvml, _clock.Now);

        Assert.Null(probe.Meter);
        Assert.Contains(NvmlNative.Library, probe.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driver_too_old_for_the_v2_calls_is_named()
    {
        var nvml = new FakeNvml(0) { LoadFailure = new EntryPointNotFoundException("nvmlInit_v2") };

        var probe = NvmlEnergyReader.Probe(nvml, _clock.Now);

        Assert.Null(probe.Meter);
        Assert.Contains("nvmlInit_v2", probe.Unavailable, StringComparison.Ordinal);
        Assert.Contains("older", probe.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public void A_driver_that_does_not_initialize_is_named()
    {
        var probe = NvmlEnergyReader.Probe(new FakeNvml(0) { InitStatus = NvmlReturn.DriverNotLoaded }, _clock.Now);

        Assert.Null(probe.Meter);
        Assert.Contains("nvmlInit_v2", probe.Unavailable, StringComparison.Ordinal);
        Assert.Contains("DriverNotLoaded", probe.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public void An_impossible_device_count_is_refused_before_allocating()
    {
        var probe = NvmlEnergyReader.Probe(new FakeNvml(0) { ReportedCount = uint.MaxValue }, _clock.Now);

        Assert.Null(probe.Meter);
        Assert.Contains(uint.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), probe.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public void A_counter_failing_or_going_back_during_the_window_fails_the_reading_not_zero()
    {
        var nvml = new FakeNvml(5_000);
        var reader = NvmlEnergyReader.Probe(nvml, _clock.Now).Meter!;

        using var reloaded = reader.Start();
        nvml.Millijoules[0] = 10;
        _clock.Advance(TimeSpan.FromSeconds(1));
        var back = reloaded.Stop();
        using var failing = reader.Start();
        nvml.EnergyStatus = NvmlReturn.NoPermission;
        _clock.Advance(TimeSpan.FromSeconds(1));
        var failed = failing.Stop();

        Assert.Null(back.Watts);
        Assert.Contains("went back", back.Failure, StringComparison.Ordinal);
        Assert.Null(failed.Watts);
        Assert.Contains("NoPermission", failed.Failure, StringComparison.Ordinal);
    }

    /// <summary>
    /// The real binding on this machine. Without the NVIDIA driver (the test machines of this repository so far), the
    /// library is absent and the probe must say so; where the driver is present it must give a meter or an NVML reason.
    /// </summary>
    [Fact]
    public void The_driver_library_is_probed_without_throwing_and_its_absence_is_explained()
    {
        var present = NativeLibrary.TryLoad(NvmlNative.Library, out var handle);
        if (present)
            NativeLibrary.Free(handle);

        var elapsed = Stopwatch.StartNew();
        var probe = NvmlEnergyReader.Probe();
        elapsed.Stop();

        if (present)
        {
            Assert.True(probe.Meter is not null || probe.Unavailable!.StartsWith("nvml: ", StringComparison.Ordinal), probe.Unavailable);
            if (probe.Meter is { } meter)
                AssertAnIdleGpuDrawsPower(meter);
            return;
        }
        Assert.Null(probe.Meter);
        Assert.Contains(NvmlNative.Library, probe.Unavailable, StringComparison.Ordinal);
        ReliabilityLog.Fault(new FaultRecord($"GPU energy probed on a node without {NvmlNative.Library}",
            "no NVML meter; the reason goes into every result's energy notes", elapsed.Elapsed.TotalSeconds, null,
            "no watts invented (not 0)", nameof(The_driver_library_is_probed_without_throwing_and_its_absence_is_explained)));
    }

    /// <summary>A GPU draws some tens of watts even idle; the counter must move over a second and give a plausible figure.</summary>
    private static void AssertAnIdleGpuDrawsPower(IPowerMeter meter)
    {
        using var window = meter.Start();
        Thread.Sleep(TimeSpan.FromSeconds(1));
        var reading = window.Stop();

        Assert.True(reading.Watts is > 0 and < 10_000, reading.Failure ?? $"{reading.Watts} W");
    }
}
