using System.Text.RegularExpressions;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Cost;

/// <summary>
/// CPU package power from Linux RAPL counters (/sys/class/powercap/intel-rapl:N/energy_uj, also used for AMD): the
/// energy delta over a window divided by its length, summed over the zones whose <c>name</c> is <c>package-N</c>
/// (or <c>package-N-die-M</c>). Other top-level zones are left out because they overlap the packages: <c>psys</c>
/// (the whole platform, packages included) and <c>intel-rapl-mmio</c> (a second view of the same package). Sub-zones
/// (core, uncore, dram) are inside their package and never read.
/// </summary>
public sealed partial class RaplPowerReader : IPowerMeter
{
    public const string DefaultRoot = "/sys/class/powercap";
    private const string ZonePrefix = "intel-rapl:";
    private const double MicrojoulesPerJoule = 1e6;

    private readonly IReadOnlyList<RaplZone> _zones;
    private readonly Func<long> _clock;

    private RaplPowerReader(IReadOnlyList<RaplZone> zones, Func<long> clock)
    {
        _zones = zones;
        _clock = clock;
        Source = "rapl:" + string.Join('+', zones.Select(z => z.Name));
    }

    public string Source { get; }

    public IReadOnlyList<string> Notes => [];

    /// <summary>
    /// A reader over every package zone under <paramref name="root"/>, or why there is none. One unreadable package
    /// makes the whole reader unavailable: summing the others would under-count the node.
    /// </summary>
    public static PowerMeterProbe Probe(string root = DefaultRoot, Func<long>? clock = null)
    {
        if (!Directory.Exists(root))
            return PowerMeterProbe.Missing($"rapl: {root} does not exist (no powercap driver; usual in VMs and containers)");
        var zones = new List<RaplZone>();
        foreach (var dir in Directory.GetDirectories(root, ZonePrefix + "*").Order(StringComparer.Ordinal))
        {
            // "intel-rapl:0" is a top-level zone; "intel-rapl:0:1" is a sub-zone already counted in its package.
            if (Path.GetFileName(dir).Count(c => c == ':') != 1)
                continue;
            var name = RaplCounter.ReadText(Path.Combine(dir, "name"));
            if (name is null || !PackageName().IsMatch(name) || zones.Any(z => z.Name == name))
                continue;
            var energyPath = Path.Combine(dir, "energy_uj");
            var (energy, problem) = RaplCounter.Read(energyPath);
            if (energy is null)
            {
                return PowerMeterProbe.Missing(
                    $"rapl: cannot read {energyPath} ({name}): {problem}. Since Linux 5.10 energy_uj is readable by root only; " +
                    "run the worker as root or give its user read access to the package zones' energy_uj files");
            }
            var range = RaplCounter.Read(Path.Combine(dir, "max_energy_range_uj")).Value;
            zones.Add(new RaplZone(name, energyPath, range));
        }
        return zones.Count == 0
            ? PowerMeterProbe.Missing($"rapl: no zone named package-N under {root}")
            : PowerMeterProbe.Found(new RaplPowerReader(zones, clock ?? MonotonicClock.NowNs));
    }

    public IPowerWindow Start() => new Window(this, _zones.Select(z => RaplCounter.Read(z.EnergyPath).Value).ToArray(), _clock());

    /// <summary>Microjoules from <paramref name="before"/> to <paramref name="after"/>, through one wrap of the counter.</summary>
    internal static long? Delta(long before, long after, long? maxRange) =>
        after >= before ? after - before
        : maxRange is { } range && range >= before ? range - before + after
        : null;

    [GeneratedRegex(@"^package-\d+(-die-\d+)?$")]
    private static partial Regex PackageName();

    private sealed record RaplZone(string Name, string EnergyPath, long? MaxRangeUj);

    private sealed class Window(RaplPowerReader reader, long?[] start, long startNs) : IPowerWindow
    {
        public PowerReading Stop()
        {
            var elapsedNs = reader._clock() - startNs;
            var seconds = TimeUnits.ToSeconds(elapsedNs);
            if (seconds <= 0)
                return PowerReading.Failed($"{reader.Source}: the window had no length");
            var microjoules = 0L;
            for (var i = 0; i < reader._zones.Count; i++)
            {
                var zone = reader._zones[i];
                var (end, problem) = RaplCounter.Read(zone.EnergyPath);
                if (start[i] is not { } before || end is not { } after)
                    return PowerReading.Failed($"rapl: {zone.EnergyPath} ({zone.Name}) could not be read at the window's {(start[i] is null ? "start" : "end")}: {problem ?? "unreadable"}");
                if (Delta(before, after, zone.MaxRangeUj) is not { } delta)
                    return PowerReading.Failed($"rapl: {zone.EnergyPath} ({zone.Name}) went back from {before} to {after} µJ and its max_energy_range_uj is unknown or smaller");
                microjoules += delta;
            }
            // A package always draws power; a counter that did not move was not updated within the window, which is not 0 W.
            return microjoules > 0
                ? PowerReading.Of(microjoules / MicrojoulesPerJoule / seconds)
                : PowerReading.Failed($"{reader.Source}: the counters did not move in the {TimeUnits.ToMilliseconds(elapsedNs):0.#} ms window");
        }

        public void Dispose()
        {
        }
    }
}
