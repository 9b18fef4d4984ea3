using BenchCluster.Measurement.Cost;
using BenchCluster.Testing;

namespace BenchCluster.Measurement.Tests.Cost;

public sealed class RaplPowerReaderTests
{
    [Fact]
    public void No_powercap_folder_means_no_meter()
    {
        Assert.Null(RaplPowerReader.TryCreate(Path.Combine(RepositoryPaths.Scratch("rapl-none"), "absent")));
    }

    [Fact]
    public void Energy_deltas_of_package_zones_become_watts_and_sub_zones_are_not_double_counted()
    {
        var root = FakePowercap("rapl-packages");
        var package0 = Zone(root, "intel-rapl:0", 1_000_000, 10_000_000);
        var package1 = Zone(root, "intel-rapl:1", 5_000_000, 10_000_000);
        Zone(root, "intel-rapl:0:0", 0, 10_000_000);

        var reader = RaplPowerReader.TryCreate(root);
        Assert.NotNull(reader);
        Assert.Equal("rapl:intel-rapl:0+intel-rapl:1", reader.Source);
        using var window = reader.Start();
        File.WriteAllText(package0, "3000000");
        File.WriteAllText(package1, "6000000");
        var watts = window.Stop();

        // 3 J over a short positive window: a large but finite, positive figure.
        Assert.NotNull(watts);
        Assert.True(watts > 0);
    }

    [Fact]
    public void A_counter_that_wrapped_around_is_read_through_its_range()
    {
        var root = FakePowercap("rapl-wrap");
        var package = Zone(root, "intel-rapl:0", 9_000_000, 10_000_000);
        var reader = RaplPowerReader.TryCreate(root)!;

        using var window = reader.Start();
        Thread.Sleep(20);
        File.WriteAllText(package, "1000000");
        var watts = window.Stop();

        // 10 − 9 + 1 = 2 J over ≥ 20 ms: at most 100 W, and positive (not a negative delta).
        Assert.NotNull(watts);
        Assert.InRange(watts.Value, 0.1, 100);
    }

    [Fact]
    public void An_unreadable_counter_is_skipped()
    {
        var root = FakePowercap("rapl-garbage");
        Directory.CreateDirectory(Path.Combine(root, "intel-rapl:0"));
        File.WriteAllText(Path.Combine(root, "intel-rapl:0", "energy_uj"), "not a number");

        Assert.Null(RaplPowerReader.TryCreate(root));
    }

    private static string FakePowercap(string name)
    {
        var root = RepositoryPaths.Scratch(name);
        foreach (var dir in Directory.GetDirectories(root))
            Directory.Delete(dir, recursive: true);
        return root;
    }

    private static string Zone(string root, string name, long energy, long range)
    {
        var dir = Path.Combine(root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "max_energy_range_uj"), range.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var energyPath = Path.Combine(dir, "energy_uj");
        File.WriteAllText(energyPath, energy.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return energyPath;
    }
}
