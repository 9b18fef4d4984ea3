using System.Diagnostics;
using BenchCluster.Measurement.Cost;
using BenchCluster.Testing.Reliability;

namespace BenchCluster.Measurement.Tests.Cost;

public sealed class RaplPowerReaderTests
{
    private readonly FakeClock _clock = new();

    [Fact]
    public void No_powercap_folder_means_no_meter_and_says_where_it_looked()
    {
        var root = Path.Combine(FakePowercap.Create("rapl-none").Root, "absent");

        var probe = RaplPowerReader.Probe(root);

        Assert.Null(probe.Meter);
        Assert.Contains(root, probe.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_zones_named_package_are_summed_not_psys_dram_or_the_mmio_copy()
    {
        var tree = FakePowercap.Create("rapl-server");
        var package0 = tree.Zone("intel-rapl:0", "package-0", 1_000_000);
        var package1 = tree.Zone("intel-rapl:1", "package-1", 5_000_000);
        var psys = tree.Zone("intel-rapl:2", "psys", 7_000_000);
        var dram = tree.Zone("intel-rapl:0:0", "dram", 0);
        var mmio = tree.Zone("intel-rapl-mmio:0", "package-0", 1_000_000);

        var reader = Probe(tree);
        using var window = reader.Start();
        FakePowercap.Set(package0, 3_000_000);
        FakePowercap.Set(package1, 6_000_000);
        FakePowercap.Set(psys, 100_000_000);
        FakePowercap.Set(dram, 50_000_000);
        FakePowercap.Set(mmio, 90_000_000);
        _clock.Advance(TimeSpan.FromSeconds(0.5));
        var reading = window.Stop();

        Assert.Equal("rapl:package-0+package-1", reader.Source);
        // (2 J + 1 J) / 0.5 s; psys, dram and the mmio copy would each have added tens of watts.
        Assert.Equal(6, reading.Watts!.Value, 1e-9);
    }

    [Fact]
    public void A_laptop_whose_second_top_level_zone_is_psys_reads_its_package_alone()
    {
        var tree = FakePowercap.Create("rapl-laptop");
        var package = tree.Zone("intel-rapl:0", "package-0", 0);
        var psys = tree.Zone("intel-rapl:1", "psys", 0);

        var reader = Probe(tree);
        using var window = reader.Start();
        FakePowercap.Set(package, 4_000_000);
        FakePowercap.Set(psys, 9_000_000);
        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal("rapl:package-0", reader.Source);
        Assert.Equal(4, window.Stop().Watts!.Value, 1e-9);
    }

    [Fact]
    public void Die_zones_of_a_multi_die_package_are_each_counted()
    {
        var tree = FakePowercap.Create("rapl-dies");
        tree.Zone("intel-rapl:0", "package-0-die-0", 0);
        tree.Zone("intel-rapl:1", "package-0-die-1", 0);

        Assert.Equal("rapl:package-0-die-0+package-0-die-1", Probe(tree).Source);
    }

    [Fact]
    public void A_counter_that_wrapped_around_is_read_through_its_range()
    {
        var tree = FakePowercap.Create("rapl-wrap");
        var package = tree.Zone("intel-rapl:0", "package-0", 9_000_000, rangeUj: 10_000_000);
        var reader = Probe(tree);

        using var window = reader.Start();
        FakePowercap.Set(package, 1_000_000);
        _clock.Advance(TimeSpan.FromSeconds(1));

        // 10 − 9 + 1 = 2 J in 1 s, not a negative delta.
        Assert.Equal(2, window.Stop().Watts!.Value, 1e-9);
    }

    [Fact]
    public void A_counter_that_went_back_without_a_known_range_fails_the_reading_instead_of_guessing()
    {
        var tree = FakePowercap.Create("rapl-back");
        var package = tree.Zone("intel-rapl:0", "package-0", 9_000_000, rangeUj: null);
        var reader = Probe(tree);

        using var window = reader.Start();
        FakePowercap.Set(package, 1_000_000);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var elapsed = Stopwatch.StartNew();
        var reading = window.Stop();
        elapsed.Stop();

        Assert.Null(reading.Watts);
        Assert.Contains(package, reading.Failure, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("RAPL sysfs", "energy_uj went back, no max_energy_range_uj", 1,
            $"reading refused (no watts, not 0) naming the file, in {elapsed.Elapsed.TotalMilliseconds:F1} ms",
            nameof(A_counter_that_went_back_without_a_known_range_fails_the_reading_instead_of_guessing)));
    }

    [Fact]
    public void An_unreadable_package_counter_makes_rapl_unavailable_with_the_file_named()
    {
        var tree = FakePowercap.Create("rapl-garbage");
        tree.Zone("intel-rapl:0", "package-0", 0);
        var broken = tree.Zone("intel-rapl:1", "package-1", 0);
        File.WriteAllText(broken, "not a number");

        var elapsed = Stopwatch.StartNew();
        var probe = RaplPowerReader.Probe(tree.Root, _clock.Now);
        elapsed.Stop();

        // Reading package-0 alone would under-count the node by a whole socket.
        Assert.Null(probe.Meter);
        Assert.Contains(broken, probe.Unavailable, StringComparison.Ordinal);
        Assert.Contains("package-1", probe.Unavailable, StringComparison.Ordinal);
        ReliabilityLog.BadInput(new BadInputRecord("RAPL sysfs", "a package's energy_uj not a number", 1,
            $"no RAPL meter (configured watts apply), reason names the file and zone, in {elapsed.Elapsed.TotalMilliseconds:F1} ms",
            nameof(An_unreadable_package_counter_makes_rapl_unavailable_with_the_file_named)));
    }

    [Fact]
    public void A_counter_that_becomes_unreadable_during_the_window_fails_the_reading_not_zero()
    {
        var tree = FakePowercap.Create("rapl-vanish");
        var package = tree.Zone("intel-rapl:0", "package-0", 1_000_000);
        var reader = Probe(tree);

        using var window = reader.Start();
        File.WriteAllText(package, "");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var elapsed = Stopwatch.StartNew();
        var reading = window.Stop();
        elapsed.Stop();

        Assert.Null(reading.Watts);
        Assert.Contains(package, reading.Failure, StringComparison.Ordinal);
        Assert.Contains("end", reading.Failure, StringComparison.Ordinal);
        ReliabilityLog.Fault(new FaultRecord("RAPL energy_uj emptied during a power window",
            "the window's reading failed with the file named; the result keeps configured watts and the reason", elapsed.Elapsed.TotalSeconds, null,
            "no watts recorded (not 0)", nameof(A_counter_that_becomes_unreadable_during_the_window_fails_the_reading_not_zero)));
    }

    [Fact]
    public void A_tree_with_no_package_zone_gives_no_meter()
    {
        var tree = FakePowercap.Create("rapl-psys-only");
        tree.Zone("intel-rapl:0", "psys", 0);

        var probe = RaplPowerReader.Probe(tree.Root, _clock.Now);

        Assert.Null(probe.Meter);
        Assert.Contains("package-N", probe.Unavailable, StringComparison.Ordinal);
    }

    private IPowerMeter Probe(FakePowercap tree) => Assert.IsType<RaplPowerReader>(RaplPowerReader.Probe(tree.Root, _clock.Now).Meter);
}
