using System.Diagnostics;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Silos;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage;
using BenchCluster.Storage.Access;
using BenchCluster.Testing;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>
/// A real cluster for one test: a fresh database on the test Postgres, silo processes started from the built
/// benchcluster program, and a client. Each logs in as its part does in production: the coordinator as the schema's
/// owner, workers as benchcluster_worker, the client as benchcluster_reader. Everything is stopped and dropped on
/// dispose; the silos' output goes to the test's output so a failure explains itself.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    private readonly ITestOutputHelper _output;
    private readonly PostgresTestDatabase _database;
    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;

    private ClusterHarness(ITestOutputHelper output, PostgresTestDatabase database, string workerLogin, string readerLogin)
    {
        _output = output;
        _database = database;
        Connection = new ClusterConnection(database.ConnectionString, "test-" + Guid.NewGuid().ToString("N")[..12]);
        WorkerLogin = workerLogin;
        ReaderConnection = Connection with { PostgresConnectionString = readerLogin };
    }

    /// <summary>The coordinator's login (the schema's owner) and the cluster id.</summary>
    public ClusterConnection Connection { get; }

    /// <summary>The cluster's CA with a "node" certificate (given to every silo) and a "user" one (the test's client).</summary>
    public CertificateDirectory Certificates { get; } = NewCertificates("cluster");

    /// <summary>A fresh CA (with node and user certificates) in the test scratch folder: the cluster's own, or a stranger's.</summary>
    public static CertificateDirectory NewCertificates(string name) =>
        new CertificateDirectory(Path.Combine(RepositoryPaths.Scratch("tls"), name + "-" + Guid.NewGuid().ToString("N")[..8])).EnsureSingleHost(name);

    /// <summary>The connection string workers get unless a test names another.</summary>
    public string WorkerLogin { get; }

    /// <summary>What the client uses: the reader's login.</summary>
    public ClusterConnection ReaderConnection { get; }

    public BenchClusterDatabase Database => _database.Database;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>A cluster on a fresh database; <paramref name="postgresHost"/> replaces 127.0.0.1 for silos in other namespaces.</summary>
    public static async Task<ClusterHarness> CreateAsync(ITestOutputHelper output, PostgresTestDatabase? database = null)
    {
        var db = database ?? await PostgresServer.CreateDatabaseAsync();
        return new ClusterHarness(output, db, await db.ConnectionStringAsync(DatabaseRole.Worker), await db.ConnectionStringAsync(DatabaseRole.Reader));
    }

    public IReadOnlyDictionary<string, string> Environment(string? connectionString = null)
    {
        var environment = TlsEnvironment.For(Certificates, CertificateDirectory.NodeName);
        environment["BENCHCLUSTER_POSTGRES"] = connectionString ?? Connection.PostgresConnectionString;
        environment["BENCHCLUSTER_CLUSTER_ID"] = Connection.ClusterId;
        environment["BENCHCLUSTER_RUNTIMES"] = Path.Combine(RepositoryPaths.Root, "runtimes");
        return environment;
    }

    public SiloProcess StartCoordinator(string address = "127.0.0.1", string? networkNamespace = null, string? connectionString = null,
        IReadOnlyList<string>? extraArguments = null)
    {
        var silo = SiloProcess.Start("coordinator",
            ["coordinator", "--address", address, "--silo-port", SiloEndpoint.FreePort().ToString(), "--gateway-port", SiloEndpoint.FreePort().ToString(), .. extraArguments ?? []],
            Environment(connectionString), networkNamespace);
        _silos.Add(silo);
        return silo;
    }

    public SiloProcess StartWorker(string node, string modelsFolder, string address = "127.0.0.1", string? networkNamespace = null,
        string? connectionString = null, IReadOnlyDictionary<string, string>? extraEnvironment = null, IReadOnlyList<string>? extraArguments = null)
    {
        // Later entries win: a test may hand a worker another certificate.
        var environment = new Dictionary<string, string>(Environment(connectionString ?? WorkerLogin));
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
            environment[key] = value;
        var silo = SiloProcess.Start(node,
            ["worker", "--node", node, "--models", modelsFolder, "--address", address, "--silo-port", SiloEndpoint.FreePort().ToString(), .. extraArguments ?? []],
            environment, networkNamespace);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>A models folder holding links to the given model files (their .sha256 sidecars are found through the links).</summary>
    public static string ModelsFolder(string name, params string[] modelFiles)
    {
        var folder = RepositoryPaths.Scratch(Path.Combine("cluster", name + "-" + Guid.NewGuid().ToString("N")[..8]));
        foreach (var file in modelFiles)
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(file)), file);
        return folder;
    }

    public async Task<IClusterClient> ClientAsync()
    {
        if (_client is not null)
            return _client.Client();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            ThrowIfAnySiloExited();
            try
            {
                _client = await ClusterClientFactory.ConnectAsync(ReaderConnection, Certificates.Credentials(CertificateDirectory.UserName), CancellationToken.None);
                return _client.Client();
            }
            catch (Exception) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(PollInterval);
            }
        }
    }

    /// <summary>Drops the client (its gateway died) so the next <see cref="ClientAsync"/> connects afresh.</summary>
    public async Task ResetClientAsync()
    {
        if (_client is null)
            return;
        try
        {
            await _client.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            // the gateway is gone; nothing to say goodbye to
        }
        _client.Dispose();
        _client = null;
    }

    public async Task WaitForWorkersAsync(params string[] nodes)
    {
        var client = await ClientAsync();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            ThrowIfAnySiloExited();
            var live = await client.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync();
            if (nodes.All(n => live.Any(w => w.NodeName == n)))
                return;
            await Task.Delay(PollInterval);
        }
        throw new TimeoutException($"workers {string.Join(", ", nodes)} did not join within {StartTimeout}.\n{AllOutput()}");
    }

    public async Task<RunProgress> WaitForEndAsync(ISuiteGrain suite, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            var progress = await suite.GetProgressAsync();
            if (progress.Status.IsTerminal())
                return progress;
            await Task.Delay(PollInterval);
        }
        throw new TimeoutException($"the run did not end within {timeout}: {await suite.GetProgressAsync()}\n{AllOutput()}");
    }

    public string AllOutput() => string.Join("\n", _silos.Select(s => s.Output));

    private void ThrowIfAnySiloExited()
    {
        var exited = _silos.FirstOrDefault(s => s.HasExited && !s.WasKilled);
        if (exited is not null)
            throw new InvalidOperationException($"silo {exited.Name} exited.\n{exited.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        foreach (var silo in Enumerable.Reverse(_silos))
            await silo.DisposeAsync();
        _output.WriteLine(AllOutput());
        await _database.DisposeAsync();
    }
}
