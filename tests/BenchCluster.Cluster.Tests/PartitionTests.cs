using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Storage.Access;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Npgsql;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// A worker cut off from the network (its namespace's link taken down, then up): declared dead, its job moved, and the
/// same process rejoins as a new silo and receives work. Each silo runs in a network namespace of its own (needs root).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PartitionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Cut = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_worker_cut_off_from_the_network_is_declared_dead_and_rejoins_when_the_link_returns()
    {
        var model = TestModels.Get("tiny", "f16");
        await using var hosts = await NetworkNamespaces.CreateAsync(3, prefix: "bcpart");
        await using var cluster = await ClusterHarness.CreateAsync(output);
        // Beyond loopback the test Postgres wants TLS and each part's own login, as a real multi-host cluster does.
        var database = new NpgsqlConnectionStringBuilder(cluster.Connection.PostgresConnectionString).Database!;
        var coordinatorLogin = await PostgresServer.GetRemoteConnectionStringAsync(hosts.HostAddress, DatabaseRole.Coordinator, database);
        var workerLogin = await PostgresServer.GetRemoteConnectionStringAsync(hosts.HostAddress, DatabaseRole.Worker, database);
        cluster.StartCoordinator(hosts.HostIn(0), hosts.Name(0), coordinatorLogin);
        cluster.StartWorker("host-1", ClusterHarness.ModelsFolder("part1", model), hosts.HostIn(1), hosts.Name(1), workerLogin);
        var victim = cluster.StartWorker("host-2", ClusterHarness.ModelsFolder("part2", model), hosts.HostIn(2), hosts.Name(2), workerLogin);
        await cluster.WaitForWorkersAsync("host-1", "host-2");

        var outcome = await LostNodeScenario.RunAsync(cluster, victim, "host-1", Cut,
            cut: () => hosts.SetLinkAsync(2, up: false),
            restore: () => hosts.SetLinkAsync(2, up: true));

        ReliabilityLog.Fault(new FaultRecord(
            $"worker's network link down for {Cut.TotalSeconds:0} s mid-job, then up",
            "declared dead, its job re-dispatched to the other node; when the link returned it learned it was dead, and the same process rejoined as a new silo generation and ran the next run's jobs",
            outcome.Detection.TotalSeconds, outcome.Recovery.TotalSeconds,
            $"{outcome.Jobs} of {outcome.Jobs} jobs exactly once, {outcome.StaleSamples} samples from the cut-off attempt; {outcome.SecondRunJobsOnVictim} jobs of the next run on the rejoined node",
            nameof(A_worker_cut_off_from_the_network_is_declared_dead_and_rejoins_when_the_link_returns)));
    }
}
