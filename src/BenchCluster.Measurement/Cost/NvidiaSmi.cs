using System.ComponentModel;
using System.Diagnostics;

namespace BenchCluster.Measurement.Cost;

/// <summary>Runs <c>nvidia-smi --query-gpu</c>; no GPU, no driver or a failing tool gives no rows, never an exception.</summary>
public static class NvidiaSmi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>One row per GPU, the comma-separated fields in the order asked for (e.g. "name,driver_version").</summary>
    public static IReadOnlyList<string[]> Query(string fields)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("nvidia-smi", $"--query-gpu={fields} --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
                return [];
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill();
                return [];
            }
            if (process.ExitCode != 0)
                return [];
            return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
                .ToList();
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or IOException)
        {
            return [];
        }
    }
}
