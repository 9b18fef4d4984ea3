using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>Each silo logs in as its own part, and no password shows in a process's arguments (the process list).</summary>
[Collection(ClusterCollection.Name)]
public sealed class CredentialTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Silos_log_in_with_their_own_role_and_hold_no_password_in_their_arguments()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var coordinator = cluster.StartCoordinator();
        var worker = cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", TestModels.Get("tiny", "f16")));
        await cluster.WaitForWorkersAsync("worker-a");

        var passwords = new[] { cluster.Connection.PostgresConnectionString, cluster.WorkerLogin, cluster.ReaderConnection.PostgresConnectionString }
            .Select(login => new NpgsqlConnectionStringBuilder(login).Password!)
            .ToList();
        Assert.Equal(3, passwords.Distinct().Count());
        foreach (var silo in new[] { coordinator, worker })
        {
            var arguments = (await File.ReadAllTextAsync($"/proc/{silo.Pid}/cmdline")).Replace('\0', ' ');
            Assert.Contains(silo == coordinator ? "coordinator" : "worker", arguments, StringComparison.Ordinal);
            Assert.All(passwords, password => Assert.DoesNotContain(password, arguments, StringComparison.Ordinal));
            Assert.DoesNotContain("Password=", arguments, StringComparison.OrdinalIgnoreCase);
        }

        // Postgres sees the worker silo's sessions under the worker's login and the client's under the reader's.
        var database = new NpgsqlConnectionStringBuilder(cluster.Connection.PostgresConnectionString).Database;
        await using var command = cluster.Database.DataSource.CreateCommand(
            "SELECT array_agg(DISTINCT usename::text ORDER BY usename::text) FROM pg_stat_activity WHERE datname = @database");
        command.Parameters.AddWithValue("database", database!);
        var logins = (string[])(await command.ExecuteScalarAsync())!;
        Assert.Contains("benchcluster_worker", logins);
        Assert.Contains("benchcluster_reader", logins);
    }
}
