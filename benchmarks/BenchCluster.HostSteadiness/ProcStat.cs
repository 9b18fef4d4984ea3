namespace BenchCluster.HostSteadiness;

/// <summary>The kernel's steal-time counter (the "cpu" line of /proc/stat, 8th field); 0 where it is not readable.</summary>
internal static class ProcStat
{
    public static long StealTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 8 && long.TryParse(fields[8], out var steal) ? steal : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
