using System.CommandLine;
using System.Globalization;

namespace BenchCluster.LoadGenBench.ServingParity;

/// <summary>
/// `loadgen-bench serving-parity`: `benchcluster serve` against llama-server from the same llama.cpp release over the
/// same libraries, both driven by BenchCluster's own remote backend with the same requests, interleaved: every round
/// runs each concurrency level on both servers back to back, and the server that goes first alternates per round.
/// </summary>
internal static class ParityCommand
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "GGUF model both servers load", Required = true };
        var benchcluster = new Option<string>("--benchcluster") { Description = "the benchcluster executable (serve)", Required = true };
        var llamaServer = new Option<string>("--llama-server") { Description = "llama-server, in a folder that also holds the libraries it loads (build-llama-cpp-tools.sh)", Required = true };
        var threads = new Option<int>("--threads", "-t") { DefaultValueFactory = _ => 2 };
        var slots = new Option<int>("--slots") { DefaultValueFactory = _ => 4 };
        var contextPerSlot = new Option<int>("--ctx-per-slot") { DefaultValueFactory = _ => 256 };
        var promptTokens = new Option<int>("--prompt-tokens") { DefaultValueFactory = _ => 64 };
        var outputTokens = new Option<int>("--output-tokens") { DefaultValueFactory = _ => 48 };
        var concurrency = new Option<string>("--concurrency") { Description = "comma-separated levels", DefaultValueFactory = _ => "1,4,8" };
        var requests = new Option<int>("--requests") { Description = "measured requests per level, server and round", DefaultValueFactory = _ => 16 };
        var rounds = new Option<int>("--rounds", "-r") { DefaultValueFactory = _ => 3 };
        var logs = new Option<string>("--logs") { Description = "folder for the servers' output", DefaultValueFactory = _ => Path.GetTempPath() };
        var command = new Command("serving-parity", "benchcluster serve vs llama-server: same client, same workload, interleaved rounds")
        {
            model, benchcluster, llamaServer, threads, slots, contextPerSlot, promptTokens, outputTokens, concurrency, requests, rounds, logs,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new ParitySettings
            {
                ModelPath = Path.GetFullPath(parse.GetValue(model)!),
                Threads = parse.GetValue(threads),
                Slots = parse.GetValue(slots),
                ContextPerSlot = parse.GetValue(contextPerSlot),
                PromptTokens = parse.GetValue(promptTokens),
                OutputTokens = parse.GetValue(outputTokens),
                Concurrency = parse.GetValue(concurrency)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList(),
                Requests = parse.GetValue(requests),
                Rounds = parse.GetValue(rounds),
            };
            settings.Validate();
            var runs = await RunAsync(settings, parse.GetValue(benchcluster)!, parse.GetValue(llamaServer)!, parse.GetValue(logs)!, cancellationToken);
            Console.WriteLine(ParityReport.Render(runs, settings));
            Console.WriteLine($"load average after the run: {LoadAverage.Read()}");
            return 0;
        });
        return command;
    }

    private static async Task<List<RunResult>> RunAsync(ParitySettings settings, string benchcluster, string llamaServer, string logs, CancellationToken cancellationToken)
    {
        var llamaPort = ServerProcess.FreePort();
        var toolsFolder = Path.GetDirectoryName(Path.GetFullPath(llamaServer))!;
        await using var llama = await ServerProcess.StartAsync(ParityReport.LlamaServer, llamaServer, ServerCommandLines.LlamaServer(settings, llamaPort),
            new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = toolsFolder }, llamaPort, Path.Combine(logs, "serving-parity-llama-server.log"), StartTimeout, cancellationToken);
        var servePort = ServerProcess.FreePort();
        await using var serve = await ServerProcess.StartAsync(ParityReport.Serve, benchcluster, ServerCommandLines.Serve(settings, servePort),
            new Dictionary<string, string>(), servePort, Path.Combine(logs, "serving-parity-serve.log"), StartTimeout, cancellationToken);
        var tokenizer = new EndpointTokenizer(llama.BaseUrl);
        Console.Error.WriteLine($"serving-parity: serve at {serve.BaseUrl}, llama-server at {llama.BaseUrl}, {Environment.ProcessorCount} cores, load average {LoadAverage.Read()}");

        // Unreported: JIT, connection pools and both servers' first decodes of every batch shape.
        var warmupLevel = settings.Concurrency.Max();
        foreach (var server in new[] { serve, llama })
            await ParityRun.RunAsync(server, settings, warmupLevel, warmupLevel, seed: 0, tokenizer, cancellationToken);

        var runs = new List<RunResult>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var order = round % 2 == 1 ? new[] { serve, llama } : [llama, serve];
            foreach (var level in settings.Concurrency)
            {
                foreach (var server in order)
                {
                    // The same seed on both servers: the same prompts in the same order.
                    var run = await ParityRun.RunAsync(server, settings, level, settings.Requests, seed: round * 1000 + level, tokenizer, cancellationToken);
                    runs.Add(run);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"round {round}/{settings.Rounds} concurrency {level} {server.Name}: {run.OutputTokensPerSecond:0.00} output t/s"));
                }
            }
        }
        return runs;
    }
}
