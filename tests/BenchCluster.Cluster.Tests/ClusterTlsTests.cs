using System.Diagnostics;
using BenchCluster.Cluster.Tests.Infrastructure;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Tls;
using BenchCluster.Testing;
using BenchCluster.Testing.Reliability;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests;

/// <summary>
/// The cluster admits only holders of a certificate from its own CA: real silo processes, real clients, real
/// handshakes. Each refusal must come back as an error (not a hang) and leave a line in the refusing silo's log.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterTlsTests(ITestOutputHelper output)
{
    // Not a speed requirement: a bound that tells "refused" apart from "hangs until someone gives up".
    private static readonly TimeSpan RefusalBound = TimeSpan.FromSeconds(60);
    // Orleans' own client retries a refusing gateway forever; the test gives an outsider this long.
    private static readonly TimeSpan OutsiderBound = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_client_without_the_cluster_certificate_cannot_connect_to_the_gateway()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var coordinator = cluster.StartCoordinator();
        await cluster.ClientAsync(); // the gateway is up and admits the cluster's own user certificate

        // An outsider's own Orleans client: the gateway refuses every handshake, so it never connects.
        foreach (var kind in new[] { StrangerClient.Kind.PlainTcp, StrangerClient.Kind.TlsWithoutCertificate })
        {
            var error = await StrangerClient.TryConnectAsync(cluster.Connection, kind, OutsiderBound);
            Assert.True(error is not null, $"{kind}: connected without a certificate");
        }
        await WaitForLogAsync(coordinator, "Authentication failed");

        // Our CLI without a certificate stops before it dials, saying what to pass.
        var environment = new Dictionary<string, string>
        {
            ["BENCHCLUSTER_POSTGRES"] = cluster.Connection.PostgresConnectionString,
            ["BENCHCLUSTER_CLUSTER_ID"] = cluster.Connection.ClusterId,
            ["BENCHCLUSTER_HOME"] = RepositoryPaths.Scratch("no-home"), // no local-mode certificates to fall back on
        };
        var clock = Stopwatch.StartNew();
        var nodes = await CommandProcess.RunAsync(["nodes"], RefusalBound, environment);
        var cliAnswered = clock.Elapsed;
        Assert.Equal(1, nodes.ExitCode);
        Assert.Contains("no cluster certificate: pass --tls-cert", nodes.Output);

        ReliabilityLog.BadInput(new BadInputRecord("cluster connection",
            "client without the cluster certificate (plain TCP; TLS without a client certificate; the CLI with none)", 3,
            $"the gateway refuses the TLS handshake and logs it, an outsider's client never connects; the CLI exits 1 in {cliAnswered.TotalSeconds:0.0} s naming --tls-cert",
            nameof(A_client_without_the_cluster_certificate_cannot_connect_to_the_gateway)));
    }

    [Fact]
    public async Task A_client_with_a_certificate_from_another_CA_is_refused_and_the_CLI_says_why()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var coordinator = cluster.StartCoordinator();
        await cluster.ClientAsync();
        var stranger = ClusterHarness.NewCertificates("stranger");

        var clock = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => ClusterClientFactory.ConnectAsync(
            cluster.Connection, stranger.Credentials(CertificateDirectory.UserName), new CancellationTokenSource(RefusalBound).Token));
        var refusedAfter = clock.Elapsed;
        var refused = Assert.IsType<ClusterRefusedException>(error);
        Assert.Contains("is not issued by the cluster CA", refused.Message); // the client, trusting the other CA, refused the gateway first
        await WaitForLogAsync(coordinator, "Authentication failed");

        // The same foreign certificate next to the cluster's own CA file: now the gateway is the one that refuses.
        var foreignWithClusterCa = new ClusterCredentials(
            stranger.Credentials(CertificateDirectory.UserName).Certificate, cluster.Certificates.Credentials(CertificateDirectory.UserName).Authority);
        var error2 = await Record.ExceptionAsync(() => ClusterClientFactory.ConnectAsync(
            cluster.Connection, foreignWithClusterCa, new CancellationTokenSource(RefusalBound).Token));
        Assert.Contains("did not accept this client's certificate", Assert.IsType<ClusterRefusedException>(error2).Message);
        await WaitForLogAsync(coordinator, "cluster connection refused (gateway)");

        var environment = TlsEnvironment.For(stranger, CertificateDirectory.UserName);
        environment["BENCHCLUSTER_POSTGRES"] = cluster.Connection.PostgresConnectionString;
        environment["BENCHCLUSTER_CLUSTER_ID"] = cluster.Connection.ClusterId;
        clock.Restart();
        var nodes = await CommandProcess.RunAsync(["nodes"], RefusalBound, environment);
        var cliAnswered = clock.Elapsed;
        Assert.Equal(1, nodes.ExitCode);
        Assert.Contains("the cluster refused this client's connections", nodes.Output);
        Assert.Contains("stranger cluster CA", nodes.Output); // names the CA the presented certificate came from
        Assert.DoesNotContain("   at ", nodes.Output); // one message, no stack trace

        ReliabilityLog.BadInput(new BadInputRecord("cluster connection",
            "client with a certificate from another CA (with that CA's file; with the cluster's CA file; `benchcluster nodes`)", 3,
            $"refused in the TLS handshake, both ends log why; the client gives up after {GatewayRefusals.Limit} refusals ({refusedAfter.TotalSeconds:0.0} s in process, the CLI exits 1 in {cliAnswered.TotalSeconds:0.0} s) naming the certificate and the CA",
            nameof(A_client_with_a_certificate_from_another_CA_is_refused_and_the_CLI_says_why)));
    }

    [Fact]
    public async Task A_silo_with_a_certificate_from_another_CA_cannot_join()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        var coordinator = cluster.StartCoordinator();
        cluster.StartWorker("member", ClusterHarness.ModelsFolder("member", TestModels.Get("tiny", "f16")));
        await cluster.WaitForWorkersAsync("member");
        var stranger = ClusterHarness.NewCertificates("stranger");

        var clock = Stopwatch.StartNew();
        var intruder = cluster.StartWorker("intruder", ClusterHarness.ModelsFolder("intruder", TestModels.Get("tiny", "f16")),
            extraEnvironment: TlsEnvironment.For(stranger, CertificateDirectory.NodeName));
        // Whichever end dials first: the intruder into the coordinator's silo port, or the coordinator out to the
        // intruder's silo once it appears in the membership table; either way the coordinator refuses its certificate.
        await WaitForLogAsync(coordinator, "cluster connection refused (silo");
        var refusedAfter = clock.Elapsed;
        Assert.True(coordinator.HasLogged("is not issued by the cluster CA"), coordinator.Output);

        // Keep looking for a while after the refusal: the intruder must never be listed as a worker.
        var directory = (await cluster.ClientAsync()).GetGrain<IClusterDirectoryGrain>(0);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            var workers = await directory.GetWorkersAsync();
            Assert.DoesNotContain(workers, w => w.NodeName == "intruder");
            Assert.Contains(workers, w => w.NodeName == "member");
            await Task.Delay(PollInterval);
        }
        output.WriteLine(intruder.Output);

        ReliabilityLog.BadInput(new BadInputRecord("cluster connection",
            "silo (worker) with a node certificate from another CA", 1,
            $"its connections refused during the TLS handshake ({refusedAfter.TotalSeconds:0.0} s from its start to the coordinator's log line); never listed as a worker; the cluster's own worker stays",
            nameof(A_silo_with_a_certificate_from_another_CA_cannot_join)));
    }

    [Fact]
    public async Task Submitted_by_is_the_name_in_the_verified_client_certificate_not_what_the_client_claims()
    {
        await using var cluster = await ClusterHarness.CreateAsync(output);
        cluster.StartCoordinator();
        cluster.StartWorker("worker-a", ClusterHarness.ModelsFolder("a", TestModels.Get("tiny", "f16")));
        await cluster.WaitForWorkersAsync("worker-a");
        cluster.Certificates.Issue("alice", CertificateRole.User, [], CertificateAuthority.DefaultCertificateValidity);
        using var alice = await ClusterClientFactory.ConnectAsync(cluster.Connection, cluster.Certificates.Credentials("alice"), CancellationToken.None);

        var runs = new List<(Guid RunId, string Expected)>();
        foreach (var (client, expected) in new[] { (await cluster.ClientAsync(), CertificateDirectory.UserName), (alice.Client(), "alice") })
        {
            var submitted = await client.GetGrain<ISuiteGrain>(Guid.NewGuid())
                .SubmitAsync(new SuiteSubmission(TestSuites.OneTinyModel(repetitions: 1), "identity.yaml", "mallory"));
            Assert.True(submitted.Accepted, string.Join("\n", submitted.Errors));
            runs.Add((submitted.RunId, expected));
        }

        foreach (var (runId, expected) in runs)
        {
            await using var command = cluster.Database.DataSource.CreateCommand("SELECT submitted_by FROM runs WHERE run_id = @r");
            command.Parameters.AddWithValue("r", runId);
            Assert.Equal(expected, await command.ExecuteScalarAsync());
        }
        await alice.StopAsync();

        ReliabilityLog.BadInput(new BadInputRecord("cluster connection",
            "submission claiming another submitter (submitted_by 'mallory' from two clients with different certificates)", runs.Count,
            "recorded as the name in each client's verified certificate ('user', 'alice'), never the claim",
            nameof(Submitted_by_is_the_name_in_the_verified_client_certificate_not_what_the_client_claims)));
    }

    private static async Task WaitForLogAsync(SiloProcess silo, string text)
    {
        var clock = Stopwatch.StartNew();
        while (!silo.HasLogged(text))
        {
            if (clock.Elapsed > RefusalBound)
                throw new TimeoutException($"'{text}' did not appear in {silo.Name}'s log within {RefusalBound}:\n{silo.Output}");
            await Task.Delay(PollInterval);
        }
    }
}
