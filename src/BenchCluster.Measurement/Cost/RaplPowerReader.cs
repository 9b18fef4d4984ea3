using System.Globalization;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Cost;

/// <summary>
/// CPU package power from Linux RAPL counters (/sys/class/powercap/intel-rapl:N/energy_uj, also used for AMD):
/// the energy delta over a window divided by its length, summed over packages, with counter wrap-around handled.
/// Absent or unreadable counters (VMs, containers, no permission) give no meter rather than an error.
/// </summary>
public sealed class RaplPowerReader : IPowerMeter
{
    public const string DefaultRoot = "/sys/class/powercap";
    private const double MicrojoulesPerJoule = 1e6;

    private readonly IReadOnlyList<RaplDomain> _domains;

    private RaplPowerReader(IReadOnlyList<RaplDomain> domains)
    {
        _domains = domains;
        Source = "rapl:" + string.Join('+', domains.Select(d => d.Name));
    }

    public string Source { get; }

    /// <summary>A reader over every readable package domain under <paramref name="root"/>, or null when there is none.</summary>
    public static RaplPowerReader? TryCreate(string root = DefaultRoot)
    {
        if (!Directory.Exists(root))
            return null;
        var domains = new List<RaplDomain>();
        // Top-level package zones only ("intel-rapl:0"); sub-zones ("intel-rapl:0:0") are already inside them.
        foreach (var dir in Directory.GetDirectories(root, "intel-rapl:*").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (name.Count(c => c == ':') != 1)
                continue;
            var energy = Path.Combine(dir, "energy_uj");
            if (ReadLong(energy) is null)
                continue;
            var range = ReadLong(Path.Combine(dir, "max_energy_range_uj")) ?? long.MaxValue;
            domains.Add(new RaplDomain(name, energy, range));
        }
        return domains.Count == 0 ? null : new RaplPowerReader(domains);
    }

    public IPowerWindow Start() => new Window(this, _domains.Select(d => ReadLong(d.EnergyPath)).ToArray(), MonotonicClock.NowNs());

    private static long? ReadLong(string path)
    {
        try
        {
            return long.TryParse(File.ReadAllText(path).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record RaplDomain(string Name, string EnergyPath, long MaxRangeUj);

    private sealed class Window(RaplPowerReader reader, long?[] start, long startNs) : IPowerWindow
    {
        public double? Stop()
        {
            var seconds = TimeUnits.ToSeconds(MonotonicClock.NowNs() - startNs);
            if (seconds <= 0)
                return null;
            var joules = 0.0;
            for (var i = 0; i < reader._domains.Count; i++)
            {
                var end = ReadLong(reader._domains[i].EnergyPath);
                if (start[i] is not { } before || end is not { } after)
                    return null;
                var delta = after >= before ? after - before : reader._domains[i].MaxRangeUj - before + after;
                joules += delta / MicrojoulesPerJoule;
            }
            return joules / seconds;
        }

        public void Dispose()
        {
        }
    }
}
