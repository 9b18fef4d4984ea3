using System.Diagnostics;
using System.Globalization;
using BenchCluster.Contracts.Grains;
using BenchCluster.Contracts.Runs;
using BenchCluster.Gguf.Forge;
using BenchCluster.Hosting.Client;
using BenchCluster.Hosting.Silos;
using BenchCluster.Hosting.Tls;
using BenchCluster.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BenchCluster.ClusterBench;

/// <summary>
/// One measurement: a coordinator and two no-op workers as separate processes, a suite of N one-token jobs,
/// timed from submit to the run's end; every stage but inference is real (claim, grain calls, fenced COPY, results).
/// </summary>
internal static class OverheadRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<BenchResult> RunAsync(BenchPostgres postgres, int jobs, int jobsPerNode)
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using (var database = BenchClusterDatabase.Create(connectionString))
            await database.MigrateAsync();
        var models = await ModelsFolderAsync();
        var cluster = new ClusterConnection(connectionString, "bench-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = SiloEnvironment(connectionString, cluster.ClusterId);
        var width = jobsPerNode.ToString(CultureInfo.InvariantCulture);
        var silos = new List<Process>
        {
            Start(["coordinator", "--address", "127.0.0.1", "--silo-port", Port(), "--gateway-port", Port(), "--jobs-per-node", width], environment),
            Start(["worker", "--node", "bench-a", "--engine", "noop", "--jobs-at-once", width, "--models", models, "--address", "127.0.0.1"], environment),
            Start(["worker", "--node", "bench-b", "--engine", "noop", "--jobs-at-once", width, "--models", models, "--address", "127.0.0.1"], environment),
        };
        try
        {
            using var client = await ConnectAsync(cluster);
            await WaitForWorkersAsync(client.Client(), 2);
            var suite = client.Client().GetGrain<ISuiteGrain>(Guid.NewGuid());
            var postgresCpuBefore = PostgresCpuSeconds();
            var siloCpuBefore = silos.Select(p => ProcessCpuSeconds(p.Id)).ToArray();
            var clock = Stopwatch.StartNew();
            var submitted = await suite.SubmitAsync(new SuiteSubmission(Suite(jobs / 2), "cluster-bench.yaml", "cluster-bench"));
            if (!submitted.Accepted)
                throw new InvalidOperationException(string.Join("\n", submitted.Errors));
            RunProgress progress;
            do
            {
                await Task.Delay(PollInterval);
                progress = await suite.GetProgressAsync();
            }
            while (!progress.Status.IsTerminal());
            clock.Stop();
            if (progress.Status != RunStatus.Completed || progress.FailedJobs > 0)
                throw new InvalidOperationException($"run ended {progress.Status} with {progress.FailedJobs} failed jobs: {progress.Error}");
            var cpu = string.Join(", ", silos.Select((p, i) => $"{(i == 0 ? "coordinator" : $"worker {i}")} {ProcessCpuSeconds(p.Id) - siloCpuBefore[i]:0.0} s"))
                + $", postgres {PostgresCpuSeconds() - postgresCpuBefore:0.0} s";
            return new BenchResult(submitted.JobCount, clock.Elapsed, cpu,
                await CountAsync(connectionString, "SELECT count(*) FROM samples"),
                await CountAsync(connectionString, "SELECT count(*) FROM results"),
                await CountAsync(connectionString, "SELECT count(*) FROM (SELECT job_id FROM samples GROUP BY job_id HAVING count(DISTINCT attempt) > 1) d"));
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync();
                silo.Dispose();
            }
        }
    }

    /// <summary>One model, one one-token scenario, N repetitions: 2N jobs over the two workers that hold the model.</summary>
    private static string Suite(int repetitions) => $"""
        name: cluster-bench
        repetitions: {repetitions}
        warmup: 0
        models:
          - {"{"}name: tiny, preset: tiny, type: f16{"}"}
        scenarios:
          - {"{"}name: tg1, kind: tg, output_tokens: 1{"}"}
        parameters:
          threads: [1]
        """;

    public static async Task<string> ModelsFolderAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "bench-models");
        Directory.CreateDirectory(folder);
        var spec = ForgePresets.Get(ForgePresets.Tiny);
        var path = Path.Combine(folder, ModelForge.DefaultFileName(spec));
        if (!File.Exists(path))
            await ModelForge.ForgeAsync(spec, path);
        return folder;
    }

    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "benchcluster.dll"));
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The bench's own cluster CA with a node and a user certificate (every silo and client needs one).</summary>
    public static readonly CertificateDirectory Certificates =
        new CertificateDirectory(Path.Combine(Path.GetTempPath(), "benchcluster-bench-tls-" + Guid.NewGuid().ToString("N")[..8])).EnsureSingleHost("bench");

    public static Dictionary<string, string> SiloEnvironment(string connectionString, string clusterId)
    {
        var environment = TlsEnvironment.For(Certificates, CertificateDirectory.NodeName);
        environment["BENCHCLUSTER_POSTGRES"] = connectionString;
        environment["BENCHCLUSTER_CLUSTER_ID"] = clusterId;
        return environment;
    }

    public static string Port() => SiloEndpoint.FreePort().ToString(CultureInfo.InvariantCulture);

    public static async Task<IHost> ConnectAsync(ClusterConnection cluster)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await ClusterClientFactory.ConnectAsync(cluster, Certificates.Credentials(CertificateDirectory.UserName), CancellationToken.None);
            }
            catch (Exception) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }

    public static async Task WaitForWorkersAsync(IClusterClient client, int count)
    {
        var deadline = Stopwatch.StartNew();
        while ((await client.GetGrain<IClusterDirectoryGrain>(0).GetWorkersAsync()).Count < count)
        {
            if (deadline.Elapsed > StartTimeout)
                throw new TimeoutException("workers did not join");
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
    }

    /// <summary>User + system CPU seconds a process has used (from /proc), to show where the time goes.</summary>
    private static double ProcessCpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const int UserTicksField = 11, SystemTicksField = 12;
        const double TicksPerSecond = 100;
        return (long.Parse(fields[UserTicksField], CultureInfo.InvariantCulture) + long.Parse(fields[SystemTicksField], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>CPU seconds of every postgres process alive now (backends come and go; the pool keeps ours alive).</summary>
    private static double PostgresCpuSeconds() => Directory.EnumerateDirectories("/proc")
        .Select(Path.GetFileName)
        .Where(name => int.TryParse(name, out _))
        .Select(name => int.Parse(name!, CultureInfo.InvariantCulture))
        .Where(pid => { try { return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres"; } catch (IOException) { return false; } })
        .Sum(pid => { try { return ProcessCpuSeconds(pid); } catch (IOException) { return 0; } });

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
