using System.Diagnostics;
using System.Globalization;

namespace BenchCluster.Hosting.Worker;

/// <summary>Reads what this machine has: CPU model, cores, RAM, and NVIDIA GPUs when nvidia-smi answers.</summary>
public static class MachineProbe
{
    private static readonly TimeSpan NvidiaSmiTimeout = TimeSpan.FromSeconds(5);

    public static MachineInfo Detect() => new(
        CpuModel: ReadCpuModel(),
        Cores: Environment.ProcessorCount,
        RamBytes: ReadTotalRamBytes(),
        Gpus: ReadNvidiaGpus());

    private static string ReadCpuModel()
    {
        const string cpuInfo = "/proc/cpuinfo";
        if (!File.Exists(cpuInfo))
            return "unknown CPU";
        var line = File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static long ReadTotalRamBytes()
    {
        const string memInfo = "/proc/meminfo";
        if (File.Exists(memInfo))
        {
            var line = File.ReadLines(memInfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
            if (long.TryParse(kib, CultureInfo.InvariantCulture, out var value))
                return value * 1024;
        }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    /// <summary>GPUs from nvidia-smi (name and total memory), or none when it is absent or fails.</summary>
    private static IReadOnlyList<GpuInfo> ReadNvidiaGpus()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", "--query-gpu=name,memory.total,driver_version --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return [];
            var output = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(NvidiaSmiTimeout) || process.ExitCode != 0)
                return [];
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
                .Where(parts => parts.Length >= 3)
                .Select(parts => new GpuInfo(parts[0],
                    long.TryParse(parts[1], CultureInfo.InvariantCulture, out var mib) ? mib * 1024 * 1024 : 0,
                    parts[2]))
                .ToList();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return [];
        }
    }
}
