using System.CommandLine;
using System.Globalization;
using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.Serving;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Cli.Commands;

/// <summary>`benchcluster serve`: one GGUF model behind an OpenAI-compatible HTTP endpoint, with continuous batching.</summary>
internal static class ServeCommand
{
    private const string DefaultHost = "127.0.0.1";
    private const int DefaultPort = 8080;
    private const int DefaultSlots = 4;
    private const int MaxPort = 65535;

    /// <summary>How long requests in flight may finish after Ctrl+C.</summary>
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "The GGUF model file to serve (checked by our GGUF reader before llama.cpp loads it).", Required = true, HelpName = "FILE" };
        var host = new Option<string>("--host")
        {
            Description = $"Address to listen on. The default, {DefaultHost}, is loopback: only this machine can connect. Another address (0.0.0.0 = every interface) exposes the model to the network: require a key with --api-key-file or --api-key-env.",
            DefaultValueFactory = _ => DefaultHost,
        };
        var port = new Option<int>("--port") { Description = "TCP port; 0 picks a free one (the address is printed once listening).", DefaultValueFactory = _ => DefaultPort };
        var slots = new Option<int>("--slots") { Description = "Requests decoded together, as llama-server's -np; more wait in a queue.", DefaultValueFactory = _ => DefaultSlots };
        var context = new Option<int?>("--ctx") { Description = $"Total context in tokens, split evenly between the slots (llama-server's -c). Default: {ContinuousBatchingOptions.DefaultContextPerSlotTokens} per slot, at most the model's trained context per slot.", HelpName = "N" };
        var threads = new Option<int>("--threads", "-t") { Description = "CPU threads that decode.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var noCachePrompt = new Option<bool>("--no-cache-prompt") { Description = "Decode every prompt whole: do not keep a finished request's KV cache in its slot for the next request sharing its prefix (llama-server's --no-cache-prompt)." };
        var reasoningBudget = new Option<int?>("--reasoning-budget")
        {
            Description = "Most tokens of reasoning per request, as llama-server's --reasoning-budget: after that many tokens inside <think>, </think> is emitted and the answer follows (0 closes it at once). Default: no cap. Needs single-token think markers (the R1 distills).",
            HelpName = "N",
        };
        var modelName = new Option<string?>("--model-name") { Description = "The model id clients send and GET /v1/models lists. Default: the file name without .gguf.", HelpName = "NAME" };
        var access = new ServeAccessOptions();
        CommonOptions.RequirePositive(slots);
        CommonOptions.RequirePositive(threads);
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > MaxPort)
                result.AddError($"--port must be 0 (any free port) to {MaxPort}");
        });
        reasoningBudget.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
                result.AddError("--reasoning-budget must be 0 (close the think span at once) or more tokens");
        });
        context.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
                result.AddError("--ctx must be 1 or more tokens");
        });
        var command = new Command("serve", """
            Serve a GGUF model over an OpenAI-compatible HTTP API until Ctrl+C: POST /v1/completions and
            /v1/chat/completions (streamed or whole), GET /v1/models, GET /health. Requests are decoded together with
            continuous batching in up to --slots sequences, as llama-server does; up to --max-queue more wait.
            Listens on loopback (127.0.0.1) unless --host says otherwise. Refused with an OpenAI error body: a prompt
            longer than a slot's context or max_tokens above it (400), a body over --max-body-bytes (413), a request
            beyond the slots and the queue (503 with Retry-After), a missing or wrong key when one is set (401).
            Examples:
              benchcluster serve --model models/qwen2.5-0.5b-q4_k_m.gguf --port 8080 --slots 4
              curl -N http://127.0.0.1:8080/v1/completions -d '{"prompt": "Hello", "max_tokens": 16, "stream": true}'
              openssl rand -hex 32 > key && chmod 600 key
              benchcluster serve --model models/qwen2.5-0.5b-q4_k_m.gguf --host 0.0.0.0 --api-key-file key
            Benchmark it from a suite as an endpoint model:
              {name: served, endpoint: {base_url: "http://127.0.0.1:8080/v1", model: qwen2.5-0.5b-q4_k_m}}
            """)
        {
            model, host, port, slots, context, threads, modelName, noCachePrompt, reasoningBudget,
        };
        foreach (var option in access.All)
            command.Options.Add(option);
        command.SetGuardedAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(model)!;
            var slotCount = parse.GetValue(slots);
            var url = ListenUrl(parse.GetValue(host)!, parse.GetValue(port));
            var apiKey = access.ReadKey(parse);
            var maxQueue = parse.GetValue(access.MaxQueue);
            using var loggers = LoggerFactory.Create(WarningsToConsole);

            if (parse.GetValue(context) is { } total && total < slotCount)
                throw new UserFacingException($"--ctx {total} leaves the {slotCount} slots less than one token each: give at least the longest prompt plus answer per slot (e.g. --ctx {slotCount * ContinuousBatchingOptions.DefaultContextPerSlotTokens}).");

            await using var loaded = await LlamaBackend.LoadAsync(path, new ModelLoadOptions(), loggers, cancellationToken);
            var name = parse.GetValue(modelName) ?? Path.GetFileNameWithoutExtension(loaded.Model.Path);
            var defaults = new SessionOptions();
            var session = defaults with
            {
                ContextSize = parse.GetValue(context) ?? checked(slotCount * DefaultContextPerSlot(loaded.Model)),
                BatchSize = Math.Max(defaults.BatchSize, slotCount), // one step carries a token of every slot
                Threads = parse.GetValue(threads),
            };
            await using var engine = await ContinuousBatchingBackend.CreateAsync(
                loaded, new ContinuousBatchingOptions
                {
                    Slots = slotCount, Session = session, ModelName = name, MaxQueuedRequests = maxQueue, CachePrompts = !parse.GetValue(noCachePrompt),
                    ReasoningBudgetTokens = parse.GetValue(reasoningBudget),
                }, cancellationToken);
            await using var server = new OpenAiCompatibleServer(engine, new OpenAiServerOptions
            {
                ModelName = name,
                Urls = [url],
                ChatTemplate = ChatPrompt.ForModel(loaded.Model.Architecture, loaded.ReadMetadata("tokenizer.chat_template")),
                MaxRequestBodyBytes = parse.GetValue(access.MaxBodyBytes),
                ApiKey = apiKey,
                // A port that cannot be bound is reported as one line below, not as the host's stack trace.
                ConfigureLogging = logging => WarningsToConsole(logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None)),
            }.ForBackend(engine.Slots, engine.ContextPerSlot, maxQueue));
            await StartAsync(server, url, cancellationToken);

            Console.WriteLine($"serving {name} ({loaded.Model.Description}, {engine.Slots} slots of {engine.ContextPerSlot} tokens, {session.Threads} threads)");
            Console.WriteLine($"base_url {server.ApiBaseUrl}");
            Console.WriteLine(apiKey is null ? "no API key: anyone who can reach this address can use it" : $"requires the {apiKey}");
            Console.WriteLine("Ctrl+C to stop");
            await WaitForStopAsync(cancellationToken);
            using (var grace = new CancellationTokenSource(ShutdownGrace))
                await server.StopAsync(grace.Token);
            Console.WriteLine("stopped");
            return 0;
        });
        return command;
    }

    /// <summary>Warnings and errors of llama.cpp and of the HTTP server (failed requests) go to the console.</summary>
    private static void WarningsToConsole(ILoggingBuilder logging) =>
        logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }).SetMinimumLevel(LogLevel.Warning);

    /// <summary>llama-server's habit: a few thousand tokens per slot, never more than the model was trained for.</summary>
    private static int DefaultContextPerSlot(ModelInfo model) =>
        model.ContextLength > 0 ? Math.Min(ContinuousBatchingOptions.DefaultContextPerSlotTokens, model.ContextLength) : ContinuousBatchingOptions.DefaultContextPerSlotTokens;

    private static string ListenUrl(string host, int port)
    {
        if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
            throw new UserFacingException($"--host '{host}' is not a host name or IP address; use e.g. 127.0.0.1 (loopback) or 0.0.0.0 (every interface).");
        var bare = host.Trim('[', ']');
        var shown = bare.Contains(':', StringComparison.Ordinal) ? $"[{bare}]" : bare; // IPv6 literals go in brackets in a URL
        return string.Create(CultureInfo.InvariantCulture, $"http://{shown}:{port}");
    }

    private static async Task StartAsync(OpenAiCompatibleServer server, string url, CancellationToken cancellationToken)
    {
        try
        {
            await server.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new UserFacingException($"cannot listen on {url}: {e.Message} Pick another --port (0 = any free port) or stop what holds this one.");
        }
    }

    private static async Task WaitForStopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: the normal way to stop a server.
        }
    }
}
