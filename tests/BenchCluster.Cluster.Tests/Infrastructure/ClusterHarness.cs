using System.Diagnostics;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Silos;
using BenchCluster.Storage;
using BenchCluster.Testing;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace BenchCluster.Cluster.Tests.Infrastructure;

/// <summary>
/// A real cluster for one test: a fresh database on the test Postgres, silo processes started from the built
/// benchcluster program, and a client. Everything is stopped and dropped on dispose; the silos' output goes to the
/// test's output so a failure explains itself.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    private readonly ITestOutputHelper _output;
    private readonly PostgresTestDatabase _database;
    private readonly List<SiloProcess> _silos = [];
    private IHost? _client;

    private ClusterHarness(ITestOutputHelper output, PostgresTestDatabase database, string connectionString)
    {
        _output = output;
        _database = database;
        Connection = new ClusterConnection(connectionString, "test-" + Guid.NewGuid().ToString("N")[..12]);
    }

    public ClusterConnection Connection { get; }

    public BenchClusterDatabase Database => _database.Database;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>A cluster on a fresh database; <paramref name="postgresHost"/> replaces 127.0.0.1 for silos in other namespaces.</summary>
    public static async Task<ClusterHarness> CreateAsync(ITestOutputHelper output, PostgresTestDatabase? database = null)
    {
        var db = database ?? await PostgresServer.CreateDatabaseAsync();
        return new ClusterHarness(output, db, db.ConnectionString);
    }

    public IReadOnlyDictionary<string, string> Environment(string? connectionString = null) => new Dictionary<string, string>
    {
        ["BENCHCLUSTER_POSTGRES"] = connectionString ?? Connection.PostgresConnectionString,
        ["BENCHCLUSTER_CLUSTER_ID"] = Connection.ClusterId,
        ["BENCHCLUSTER_RUNTIMES"] = Path.Combine(RepositoryPaths.Root, "runtimes"),
    };

    public SiloProcess StartCoordinator(string address = "127.0.0.1", string? networkNamespace = null, string? connectionString = null)
    {
        var silo = SiloProcess.Start("coordinator",
            ["coordinator", "--address", address, "--silo-port", SiloEndpoint.FreePort().ToString(), "--gateway-port", SiloEndpoint.FreePort().ToString()],
            Environment(connectionString), networkNamespace);
        _silos.Add(silo);
        return silo;
    }

    public SiloProcess StartWorker(string node, string modelsFolder, string address = "127.0.0.1", string? networkNamespace = null,
        string? connectionString = null, IReadOnlyDictionary<string, string>? extraEnvironment = null, IReadOnlyList<string>? extraArguments = null)
    {
        var environment = Environment(connectionString).Concat(extraEnvironment ?? new Dictionary<string, string>()).ToDictionary();
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
                _client = await ClusterClientFactory.ConnectAsync(Connection, CancellationToken.None);
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
