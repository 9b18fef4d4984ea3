using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Storage.Access;
using BenchCluster.Testing;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>Coordinator and workers each in a network namespace of its own address: nothing may depend on localhost.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NetworkNamespaceTests(ITestOutputHelper output)
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_run_completes_with_coordinator_and_workers_on_separate_hosts()
    {
        var f16 = TestModels.Get("tiny", "f16");
        var q8 = TestModels.Get("tiny", "q8_0");
        await using var hosts = await NetworkNamespaces.CreateAsync(3);
        await using var cluster = await ClusterHarness.CreateAsync(output);
        // Silos in the namespaces reach Postgres at the bridge address of the root namespace, not at 127.0.0.1: over
        // TLS, verifying the server's certificate (infra/postgres.sh url --host), each with its own role's login.
        var database = new Npgsql.NpgsqlConnectionStringBuilder(cluster.Connection.PostgresConnectionString).Database!;
        var coordinatorLogin = await PostgresServer.GetRemoteConnectionStringAsync(hosts.HostAddress, DatabaseRole.Coordinator, database);
        var workerLogin = await PostgresServer.GetRemoteConnectionStringAsync(hosts.HostAddress, DatabaseRole.Worker, database);
        Assert.Contains("SSL Mode=VerifyFull", workerLogin, StringComparison.Ordinal);

        cluster.StartCoordinator(hosts.HostIn(0), hosts.Name(0), coordinatorLogin);
        cluster.StartWorker("host-1", ClusterHarness.ModelsFolder("ns1", f16), hosts.HostIn(1), hosts.Name(1), workerLogin);
        cluster.StartWorker("host-2", ClusterHarness.ModelsFolder("ns2", q8), hosts.HostIn(2), hosts.Name(2), workerLogin);
        await cluster.WaitForWorkersAsync("host-1", "host-2");

        var client = await cluster.ClientAsync();
        var workers = await client.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
        Assert.Equal([hosts.HostIn(1), hosts.HostIn(2)], workers.Select(w => w.SiloAddress.Split(':')[0]).Order().ToArray());

        var suite = client.GetGrain<ISuiteGrain>(Guid.NewGuid());
        var submitted = await suite.SubmitAsync(new SuiteSubmission(TestSuites.TwoTinyModels(repetitions: 1), "netns.yaml", "test"));
        Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
        var progress = await cluster.WaitForEndAsync(suite, RunTimeout);
        Assert.True(progress.Status == RunStatus.Completed && progress.FailedJobs == 0, $"{progress}\n{cluster.AllOutput()}");

        var facts = await RunFacts.ReadAsync(cluster.Database.DataSource, submitted.RunId);
        facts.AssertEveryJobExactlyOnce();
        Assert.Equal(["host-1", "host-2"], facts.Jobs.Select(j => j.AssignedNode!).Distinct().Order().ToArray());
    }
}
