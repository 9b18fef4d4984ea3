using System.Globalization;
using BenchCluster.Testing;

namespace BenchCluster.Measurement.Tests.Cost;

/// <summary>A /sys/class/powercap tree in a scratch folder: zones with name, energy_uj and max_energy_range_uj.</summary>
internal sealed class FakePowercap
{
    private FakePowercap(string root) => Root = root;

    public string Root { get; }

    public static FakePowercap Create(string name)
    {
        var root = RepositoryPaths.Scratch(name);
        foreach (var dir in Directory.GetDirectories(root))
            Directory.Delete(dir, recursive: true);
        return new FakePowercap(root);
    }

    /// <summary>Adds a zone folder; returns the path of its energy_uj. A null range leaves max_energy_range_uj out.</summary>
    public string Zone(string folder, string name, long energyUj, long? rangeUj = 262_143_328_850)
    {
        var dir = Path.Combine(Root, folder);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "name"), name + "\n");
        if (rangeUj is { } range)
            File.WriteAllText(Path.Combine(dir, "max_energy_range_uj"), range.ToString(CultureInfo.InvariantCulture) + "\n");
        var energy = Path.Combine(dir, "energy_uj");
        Set(energy, energyUj);
        return energy;
    }

    public static void Set(string energyPath, long energyUj) =>
        File.WriteAllText(energyPath, energyUj.ToString(CultureInfo.InvariantCulture) + "\n");
}
