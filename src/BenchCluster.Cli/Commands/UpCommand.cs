using System.CommandLine;
using System.Net.Sockets;
using BenchCluster.Cli.Local;
using BenchCluster.Http.Hosting;
using BenchCluster.Measurement.Suite.Parsing;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster up`: local mode that stays up with the HTTP API, for the web pages and API clients.</summary>
internal static class UpCommand
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(60);

    public static Command Create()
    {
        var http = new Option<string>("--http") { Description = "Where the coordinator serves the HTTP API. Default: http://127.0.0.1:8080.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var prepare = new Option<FileInfo[]>("--prepare") { Description = "Forge the synthetic models these suites need before the worker starts (repeatable).", AllowMultipleArgumentsPerToken = true };
        var apiKeyEnv = SuiteSafetyOptions.ApiKeyEnv();
        var maxJobs = SuiteSafetyOptions.MaxJobs("local mode's limit");
        var command = new Command("up", """
            Start local mode and keep it up: the private Postgres, a coordinator serving the HTTP API, and one CPU worker.
            Prints BENCHCLUSTER_URL=... and BENCHCLUSTER_TOKEN=... on stdout (a fresh token for you; the previous one
            of your name stops working), progress on stderr. Submit suites over HTTP (docs/http-api.md). Stop with Ctrl+C.
            Example:
              benchcluster up --prepare benchmarks.yaml
            """)
        {
            http, prepare, apiKeyEnv, maxJobs,
        };
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(http)!;
            HttpListenAddress listen;
            try
            {
                listen = HttpListenAddress.Parse(url);
            }
            catch (ArgumentException e)
            {
                throw new UserFacingException(e.Message);
            }
            if (listen.Https)
                throw new UserFacingException($"--http {url}: local mode serves plain http on this machine only; use http://127.0.0.1:PORT");
            EnsurePortFree(listen);
            var models = BenchClusterHome.DataFolder("models");
            // stdout carries only the two lines a script reads; forging reports on stderr.
            var stdout = Console.Out;
            Console.SetOut(Console.Error);
            try
            {
                foreach (var file in parse.GetValue(prepare) ?? [])
                {
                    var definition = new SuiteParser().Parse(await SuiteFile.ReadAsync(file, cancellationToken), file.Name);
                    await RunCommand.ForgeMissingAsync(definition, models, cancellationToken);
                }
            }
            finally
            {
                Console.SetOut(stdout);
            }
            var tokens = LocalApiTokens.DefaultPath();
            var name = LocalApiTokens.UserName();
            var token = LocalApiTokens.Rotate(tokens, name);
            var limits = new LocalClusterLimits(SuiteSafetyOptions.Resolve(parse.GetValue(apiKeyEnv)), parse.GetValue(maxJobs)) { HttpUrl = url, ApiTokensFile = tokens };

            await using var cluster = await LocalCluster.StartAsync(models, limits, message => Console.Error.WriteLine(message), cancellationToken);
            await WaitForHealthAsync(url, cluster, cancellationToken);
            Console.Out.WriteLine($"BENCHCLUSTER_URL={url.TrimEnd('/')}");
            Console.Out.WriteLine($"BENCHCLUSTER_TOKEN={token}");
            Console.Out.Flush();
            Console.Error.WriteLine($"up: API {url} (token for '{name}' above; API reference at {url.TrimEnd('/')}/scalar); stop with Ctrl+C");
            try
            {
                while (cluster.Exited is null)
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine("up: stopping the silos");
                return 0;
            }
            var exited = cluster.Exited;
            throw new UserFacingException($"the {exited.Name} silo stopped by itself. Its log ({exited.LogPath}):\n{exited.Tail()}");
        });
        return command;
    }

    /// <summary>
    /// Refuses a taken port before anything starts: otherwise the health check could be answered by whatever holds
    /// the port (another local mode), and this command would hand out a URL that is not its own.
    /// </summary>
    private static void EnsurePortFree(HttpListenAddress listen)
    {
        try
        {
            var probe = new TcpListener(listen.Address, listen.Port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException e)
        {
            throw new UserFacingException($"--http {listen.Url}: the port is taken ({e.Message}); pick another, e.g. --http http://127.0.0.1:{listen.Port + 1}");
        }
    }

    private static async Task WaitForHealthAsync(string url, LocalCluster cluster, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + HealthTimeout;
        while (true)
        {
            if (cluster.Exited is { } exited)
                throw new UserFacingException($"the {exited.Name} silo exited during start-up. Its log ({exited.LogPath}):\n{exited.Tail()}");
            try
            {
                using var response = await client.GetAsync("/api/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) when (DateTimeOffset.UtcNow < deadline)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && DateTimeOffset.UtcNow < deadline)
            {
            }
            if (DateTimeOffset.UtcNow >= deadline)
                throw new UserFacingException($"the HTTP API at {url} did not answer within {HealthTimeout.TotalSeconds:0} s; is the port taken? The coordinator's log is .data/logs/coordinator.log");
            await Task.Delay(TimeSpan.FromMilliseconds(300), cancellationToken);
        }
    }
}
