using System.Diagnostics;
using System.Globalization;
using BenchCluster.Contracts.Grains;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Silos;
using BenchCluster.Storage;

namespace BenchCluster.ClusterBench;

/// <summary>
/// How fast the cluster notices a lost worker with BenchCluster's membership tuning: a worker is killed (SIGKILL)
/// or frozen (SIGSTOP, a hang), and the time until the coordinator's view drops it is measured.
/// </summary>
internal static class FailureDetection
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(3);

    public static async Task<TimeSpan> MeasureAsync(BenchPostgres postgres, string signal)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var database = BenchClusterDatabase.Create(connectionString))
            await database.MigrateAsync();
        var models = await OverheadRun.ModelsFolderAsync();
        var cluster = new ClusterConnection(connectionString, "detect-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = OverheadRun.SiloEnvironment(connectionString, cluster.ClusterId);
        var coordinator = OverheadRun.Start(["coordinator", "--address", "127.0.0.1", "--silo-port", OverheadRun.Port(), "--gateway-port", OverheadRun.Port()], environment);
        var worker = OverheadRun.Start(["worker", "--node", "victim", "--engine", "noop", "--models", models, "--address", "127.0.0.1"], environment);
        try
        {
            using var client = await OverheadRun.ConnectAsync(cluster);
            var directory = client.Client().GetGrain<IClusterDirectoryGrain>(0);
            await OverheadRun.WaitForWorkersAsync(client.Client(), 1);
            using (var kill = Process.Start("kill", ["-" + signal, worker.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            var clock = Stopwatch.StartNew();
            while ((await directory.GetWorkersAsync()).Count > 0)
            {
                if (clock.Elapsed > GiveUp)
                    throw new TimeoutException($"the {signal}ed worker was still listed after {GiveUp}");
                await Task.Delay(PollInterval);
            }
            return clock.Elapsed;
        }
        finally
        {
            foreach (var process in new[] { worker, coordinator })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }
        }
    }
}
