using System.Globalization;
using BenchCluster.Engine.Benchmarking;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Timing;
using BenchCluster.Measurement.LlamaBench;
using Microsoft.Extensions.Logging;

namespace BenchCluster.EngineBench;

/// <summary>
/// Measures our binding the way llama-bench and llama-batched-bench measure llama.cpp: a fresh context per test sized
/// to the test, a warm-up, then repetitions. Each repetition is one <see cref="LlamaBenchProtocol"/> run, the code the
/// cluster's micro and batched jobs run, so engine-bench's ratio to llama-bench measures the code that produces stored
/// results; timestamps are taken on the decode thread by the session itself.
/// </summary>
public sealed class EngineBenchmark(EngineBenchmarkOptions options, ILoggerFactory? loggerFactory = null)
{
    /// <summary>Loads the model once and runs every test in order.</summary>
    public async Task<IReadOnlyList<EngineBenchmarkRecord>> RunAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var backend = await LlamaBackend.LoadAsync(options.ModelPath,
            new ModelLoadOptions { GpuLayers = options.GpuLayers, UseMmap = options.UseMmap }, loggerFactory, cancellationToken);
        var records = new List<EngineBenchmarkRecord>();
        foreach (var test in options.Tests)
        {
            progress?.Report($"{test.Name}: {options.Repetitions} repetitions, {options.Threads} threads");
            records.Add(await RunTestAsync(backend, test, cancellationToken));
        }
        return records;
    }

    public async Task<EngineBenchmarkRecord> RunTestAsync(IInferenceBackend backend, EngineBenchmarkTest test, CancellationToken cancellationToken = default)
    {
        var sessionOptions = new SessionOptions
        {
            ContextSize = test.ContextSize,
            BatchSize = options.BatchSize,
            MicroBatchSize = options.MicroBatchSize,
            Threads = options.Threads,
            FlashAttention = options.FlashAttention,
            KvCacheType = options.KvCacheType,
            MaxSequences = test.Sequences,
            Poll = options.Poll,
            PersistentThreadpool = options.PersistentThreadpool,
        };
        await using var session = await backend.CreateSessionAsync(sessionOptions, cancellationToken);
        var tokens = await LlamaBenchTokens.CreateAsync(session, options.Seed, cancellationToken);
        var run = new LlamaBenchRun(test.PromptTokens, test.GenerateTokens, test.Sequences);
        var testTime = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        // llama-bench warms up with the prompt and one generated token; a batched test warms up with one full run.
        if (options.Warmup)
            await LlamaBenchProtocol.RunOnceAsync(session, run.IsBatched ? run : run with { GenerateTokens = Math.Min(run.GenerateTokens, 1) },
                tokens, cancellationToken);

        var samples = new List<RepetitionTiming>(options.Repetitions);
        for (var r = 0; r < options.Repetitions; r++)
            samples.Add(Timing(test, await LlamaBenchProtocol.RunOnceAsync(session, run, tokens, cancellationToken)));
        return EngineBenchmarkRecords.Create(backend, options, test, testTime, samples);
    }

    private static RepetitionTiming Timing(EngineBenchmarkTest test, LlamaBenchOutcome outcome)
    {
        if (outcome.Generation is { } generation && generation.Tokens.Count != test.GenerateTokens)
            throw new InvalidOperationException($"{test.Name}: generated {generation.Tokens.Count} tokens instead of {test.GenerateTokens}.");
        if (outcome.Batched is not { } batched)
            return new RepetitionTiming(outcome.EndNs - outcome.StartNs, null, null);
        // llama-batched-bench's phase speeds: S_PP over the prompts' decodes, S_TG over the generation steps.
        return new RepetitionTiming(batched.EndNs - batched.StartNs,
            test.PromptTokens > 0 ? TimeUnits.PerSecond(test.Sequences * test.PromptTokens, batched.PromptEndNs - batched.StartNs) : null,
            TimeUnits.PerSecond(test.Sequences * test.GenerateTokens, batched.EndNs - batched.PromptEndNs));
    }
}
