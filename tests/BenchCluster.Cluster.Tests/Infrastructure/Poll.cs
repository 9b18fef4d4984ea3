using System.Diagnostics;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>Waits for a condition the cluster reaches by itself, and says how long it took (the tests' detection and recovery times).</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <returns>The time until the condition first held.</returns>
    public static async Task<TimeSpan> UntilAsync(string what, Func<Task<bool>> condition, TimeSpan timeout, ClusterHarness cluster)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{what}: not reached within {timeout}\n{cluster.AllOutput()}");
            await Task.Delay(Interval);
        }
        return clock.Elapsed;
    }

    /// <summary>The silo endpoint the cluster directory lists for the node as a live worker, or null when it lists none.</summary>
    public static async Task<string?> LiveSiloOfAsync(ClusterHarness cluster, string node)
    {
        var workers = await (await cluster.ClientAsync()).GetGrain<Contracts.Grains.IClusterDirectoryGrain>(0).GetWorkersAsync();
        return workers.FirstOrDefault(w => w.NodeName == node)?.SiloAddress;
    }
}
