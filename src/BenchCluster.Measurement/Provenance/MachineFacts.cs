using System.Globalization;
using System.Runtime.InteropServices;
using BenchCluster.Measurement.Cost;

namespace BenchCluster.Measurement.Provenance;

/// <summary>Describes this machine once per process (it does not change while a worker runs).</summary>
public static class MachineFacts
{
    private const string CpuInfoPath = "/proc/cpuinfo";
    private const long BytesPerMebibyte = 1024 * 1024;

    private static readonly Lazy<MachineDescription> CurrentLazy = new(Describe);

    public static MachineDescription Current => CurrentLazy.Value;

    private static MachineDescription Describe()
    {
        var cpuInfo = File.Exists(CpuInfoPath) ? File.ReadLines(CpuInfoPath).ToList() : [];
        return new MachineDescription
        {
            HostName = Environment.MachineName,
            CpuModel = CpuInfoField(cpuInfo, "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            CpuFlags = CpuInfoField(cpuInfo, "flags") ?? CpuInfoField(cpuInfo, "Features") ?? "",
            LogicalCores = Environment.ProcessorCount,
            OperatingSystem = RuntimeInformation.OSDescription,
            Runtime = RuntimeInformation.FrameworkDescription,
            Gpus = NvidiaSmi.Query("name,driver_version,memory.total")
                .Where(row => row.Length >= 3)
                .Select(row => new GpuDescription(row[0], row[1],
                    long.TryParse(row[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var mib) ? mib * BytesPerMebibyte : 0))
                .ToList(),
        };
    }

    private static string? CpuInfoField(IEnumerable<string> lines, string field)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }
}
