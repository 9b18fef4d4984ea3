using BenchCluster.Engine.Timing;
using System.Globalization;
using BenchCluster.Engine.Inference;
using Microsoft.Extensions.Logging;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>
/// Measures our binding the way llama-bench and llama-batched-bench measure llama.cpp: a fresh context per test sized
/// to the test, a warm-up, then repetitions that each start from an empty KV cache and feed random tokens (no
/// sampling, as llama-bench). Timestamps are taken on the decode thread by the session itself.
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
        var random = new Random(options.Seed);
        var vocabulary = backend.Model.VocabularySize;
        var testTime = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

        if (options.Warmup)
            await WarmUpAsync(session, test, random, vocabulary, cancellationToken);

        var samples = new List<RepetitionTiming>(options.Repetitions);
        for (var r = 0; r < options.Repetitions; r++)
        {
            await session.ClearAsync(cancellationToken);
            samples.Add(test.Sequences > 1
                ? await RunBatchedAsync(session, test, random, vocabulary, cancellationToken)
                : await RunSingleAsync(session, test, random, vocabulary, cancellationToken));
        }
        return EngineBenchmarkRecords.Create(backend, options, test, testTime, samples);
    }

    private static async Task WarmUpAsync(IInferenceSession session, EngineBenchmarkTest test, Random random, int vocabulary, CancellationToken cancellationToken)
    {
        await session.ClearAsync(cancellationToken);
        if (test.Sequences > 1)
        {
            await RunBatchedAsync(session, test, random, vocabulary, cancellationToken);
            return;
        }
        if (test.PromptTokens > 0)
            await session.ProcessPromptAsync(RandomTokens(random, test.PromptTokens, vocabulary), 0, cancellationToken);
        if (test.GenerateTokens > 0)
            await session.GenerateAsync(Generation(1, random), cancellationToken);
    }

    /// <summary>llama-bench's pp, tg or pg; pg is one call on the decode thread, its n_g tokens n_g decodes after the prompt.</summary>
    private static async Task<RepetitionTiming> RunSingleAsync(IInferenceSession session, EngineBenchmarkTest test, Random random, int vocabulary, CancellationToken cancellationToken)
    {
        var promptTokens = test.PromptTokens > 0 ? RandomTokens(random, test.PromptTokens, vocabulary) : [];
        if (test.GenerateTokens == 0)
        {
            var prompt = await session.ProcessPromptAsync(promptTokens, 0, cancellationToken);
            return new RepetitionTiming(prompt.EndNs - prompt.StartNs, null, null);
        }
        var generation = await session.GenerateAsync(Generation(test.GenerateTokens, random) with { PromptTokens = promptTokens }, cancellationToken);
        if (generation.Tokens.Count != test.GenerateTokens)
            throw new InvalidOperationException($"{test.Name}: generated {generation.Tokens.Count} tokens instead of {test.GenerateTokens}.");
        return new RepetitionTiming(generation.EndNs - generation.StartNs, null, null);
    }

    /// <summary>llama-batched-bench's case: all prompts decoded together, then tg steps of one decode each (S_TG's count).</summary>
    private static async Task<RepetitionTiming> RunBatchedAsync(IInferenceSession session, EngineBenchmarkTest test, Random random, int vocabulary, CancellationToken cancellationToken)
    {
        var prompts = new IReadOnlyList<int>[test.Sequences];
        for (var s = 0; s < prompts.Length; s++)
            prompts[s] = test.PromptTokens > 0 ? RandomTokens(random, test.PromptTokens, vocabulary) : [];
        var trace = await session.GenerateBatchedAsync(new BatchedGenerationRequest
        {
            Prompts = prompts,
            TokenCount = test.GenerateTokens,
            IgnoreEos = true,
            Sampling = SamplingOptions.None with { Seed = (uint)random.Next() },
            DecodeEveryToken = true,
        }, cancellationToken);

        var promptNs = trace.PromptEndNs - trace.StartNs;
        var generationNs = trace.EndNs - trace.PromptEndNs;
        return new RepetitionTiming(trace.EndNs - trace.StartNs,
            test.PromptTokens > 0 ? test.Sequences * test.PromptTokens * TimeUnits.NanosecondsPerSecond / promptNs : null,
            test.Sequences * test.GenerateTokens * TimeUnits.NanosecondsPerSecond / generationNs);
    }

    private static GenerationRequest Generation(int tokens, Random random) => new()
    {
        TokenCount = tokens,
        IgnoreEos = true,
        Sampling = SamplingOptions.None with { Seed = (uint)random.Next() },
        DecodeEveryToken = true,
    };

    /// <summary>Random prompt tokens, as both reference tools feed (generated outside any timed region).</summary>
    internal static int[] RandomTokens(Random random, int count, int vocabulary)
    {
        var tokens = new int[count];
        for (var i = 0; i < count; i++)
            tokens[i] = random.Next(vocabulary);
        return tokens;
    }
}
