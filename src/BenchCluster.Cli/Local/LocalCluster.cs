using System.Diagnostics;
using System.Globalization;
using BenchCluster.Cli.Commands;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Nodes;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Silos;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;
using Microsoft.Extensions.Hosting;

namespace BenchCluster.Cli.Local;

/// <summary>
/// Local mode: the private Postgres, a coordinator and one CPU worker started as child processes of this command
/// (real silos, real membership table), and a client connected to them. Each process logs in as its own part
/// (docs/storage.md, "Roles"): the coordinator silo as the schema's owner, the worker silo as the worker, this command
/// (client and result queries) as the reader. Disposing stops the silos and leaves Postgres running, so results stay
/// queryable.
/// </summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly List<ChildSilo> _silos;

    private LocalCluster(ClusterConnection connection, IHost client, List<ChildSilo> silos, WorkerNode worker)
    {
        Connection = connection;
        Client = client;
        _silos = silos;
        Worker = worker;
    }

    public ClusterConnection Connection { get; }

    public IHost Client { get; }

    public WorkerNode Worker { get; }

    /// <summary>A silo that stopped by itself (crashed), or null while all run.</summary>
    public ChildSilo? Exited => _silos.FirstOrDefault(s => s.HasExited);

    public static async Task<LocalCluster> StartAsync(string modelsFolder, LocalClusterLimits limits, Action<string> report, CancellationToken cancellationToken)
    {
        report("starting the private Postgres (.data/postgres)");
        await LocalPostgres.StartAsync(cancellationToken);
        var coordinatorLogin = await LocalPostgres.ConnectionStringAsync(DatabaseRole.Coordinator, cancellationToken);
        await using (var database = BenchClusterDatabase.Create(coordinatorLogin))
            await database.MigrateAsync(cancellationToken);

        var clusterId = string.Create(CultureInfo.InvariantCulture, $"local-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}");
        var connection = new ClusterConnection(await LocalPostgres.ConnectionStringAsync(DatabaseRole.Reader, cancellationToken), clusterId);
        var workerLogin = await LocalPostgres.ConnectionStringAsync(DatabaseRole.Worker, cancellationToken);
        var logs = BenchClusterHome.DataFolder("logs");
        report("using the local cluster certificate (.data/tls; created on first start)");
        var certificates = LocalCertificates.Ensure();
        // The connection string travels in the environment, never in the arguments that the process list shows.
        Dictionary<string, string> SiloEnvironment(string login)
        {
            var environment = TlsEnvironment.For(certificates, CertificateDirectory.NodeName);
            environment[CommonOptions.PostgresVariable] = login;
            environment[CommonOptions.ClusterIdVariable] = clusterId;
            return environment;
        }
        var silos = new List<ChildSilo>();
        try
        {
            report("starting the coordinator silo");
            // Free ports (clients find the gateway in the membership table): two local modes on one machine, such as
            // 'up' beside 'run' or two test processes, must not fight over the fixed defaults.
            silos.Add(ChildSilo.Start("coordinator", ["coordinator", "--address", "127.0.0.1", "--silo-port", "0", "--gateway-port", "0", "--max-jobs", limits.MaxJobs.ToString(CultureInfo.InvariantCulture), .. limits.CoordinatorHttpArguments()],
                SiloEnvironment(coordinatorLogin), Path.Combine(logs, "coordinator.log")));
            report("starting a CPU worker silo");
            silos.Add(ChildSilo.Start("worker", ["worker", "--address", "127.0.0.1", "--models", modelsFolder, "--device", "cpu",
                    .. limits.KeyVariables.Names.Count > 0 ? ["--api-key-env", limits.KeyVariables.ToString()] : Array.Empty<string>()],
                SiloEnvironment(workerLogin), Path.Combine(logs, "worker.log")));

            var client = await ConnectAsync(connection, certificates.Credentials(CertificateDirectory.UserName), silos, report, cancellationToken);
            var worker = await WaitForWorkerAsync(client, silos, report, cancellationToken);
            return new LocalCluster(connection, client, silos, worker);
        }
        catch
        {
            foreach (var silo in silos)
                await silo.DisposeAsync();
            throw;
        }
    }

    private static async Task<IHost> ConnectAsync(ClusterConnection connection, ClusterCredentials credentials, List<ChildSilo> silos, Action<string> report, CancellationToken cancellationToken)
    {
        report("connecting to the coordinator");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfExited(silos);
            try
            {
                return await ClusterClientFactory.ConnectAsync(connection, credentials, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException && deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new UserFacingException($"the coordinator did not accept a connection within {StartTimeout.TotalSeconds:0} s ({e.Message}). Its log:\n{silos[0].Tail()}");
            }
        }
    }

    private static async Task<WorkerNode> WaitForWorkerAsync(IHost client, List<ChildSilo> silos, Action<string> report, CancellationToken cancellationToken)
    {
        report("waiting for the worker to join");
        var directory = client.Client().GetGrain<IClusterDirectoryGrain>(0);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            ThrowIfExited(silos);
            var workers = await directory.GetWorkersAsync();
            if (workers.Count > 0)
                return workers[0];
            await Task.Delay(PollInterval, cancellationToken);
        }
        throw new UserFacingException($"the worker did not join within {StartTimeout.TotalSeconds:0} s. Its log:\n{silos[1].Tail()}");
    }

    private static void ThrowIfExited(List<ChildSilo> silos)
    {
        var exited = silos.FirstOrDefault(s => s.HasExited);
        if (exited is not null)
            throw new UserFacingException($"the {exited.Name} silo exited during start-up. Its log ({exited.LogPath}):\n{exited.Tail()}");
    }

    public async ValueTask DisposeAsync()
    {
        await Client.StopAsync();
        Client.Dispose();
        foreach (var silo in Enumerable.Reverse(_silos))
            await silo.DisposeAsync();
    }
}
