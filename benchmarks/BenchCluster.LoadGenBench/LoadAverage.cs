namespace BenchCluster.LoadGenBench;

/// <summary>The 1/5/15-minute load averages: other work on the machine shows in every figure, so it is printed with them.</summary>
internal static class LoadAverage
{
    public static string Read()
    {
        const string Path = "/proc/loadavg";
        return File.Exists(Path) ? string.Join(' ', File.ReadAllText(Path).Split(' ').Take(3)) : "unknown";
    }
}
