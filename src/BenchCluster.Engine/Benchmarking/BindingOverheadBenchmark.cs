using BenchCluster.Engine.Timing;
using System.Diagnostics;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Benchmarking;

/// <summary>
/// What our binding and API cost over llama.cpp's own loops, measured in one process on one context: each repetition
/// runs our public async API and the reference loop (<see cref="ReferenceLoops"/>) back to back, alternating which goes
/// first, so load that drifts over seconds on a shared machine hits both alike. Ours is timed by the caller around the
/// await, so the hop to the decode thread and back, per-token timestamps and trace arrays are all counted against us.
/// </summary>
public sealed class BindingOverheadBenchmark(EngineBenchmarkOptions options)
{

    public async Task<IReadOnlyList<BindingOverheadResult>> RunAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        await using var backend = await LlamaBackend.LoadAsync(options.ModelPath,
            new ModelLoadOptions { GpuLayers = options.GpuLayers, UseMmap = options.UseMmap }, cancellationToken: cancellationToken);
        var results = new List<BindingOverheadResult>();
        foreach (var test in options.Tests)
        {
            progress?.Report($"{test.Name}: {options.Repetitions} paired repetitions, {options.Threads} threads");
            results.Add(await RunTestAsync(backend, test, cancellationToken));
        }
        return results;
    }

    private async Task<BindingOverheadResult> RunTestAsync(LlamaBackend backend, EngineBenchmarkTest test, CancellationToken cancellationToken)
    {
        if (test.PromptTokens > 0 && test.GenerateTokens > 0 && test.Sequences == 1)
            throw new ArgumentException($"{test.Name}: the overhead benchmark runs pp, tg and batched tests; run pp and tg separately.", nameof(test));

        await using var session = (LlamaSession)await backend.CreateSessionAsync(new SessionOptions
        {
            ContextSize = test.ContextSize, BatchSize = options.BatchSize, MicroBatchSize = options.MicroBatchSize,
            Threads = options.Threads, FlashAttention = options.FlashAttention, KvCacheType = options.KvCacheType,
            MaxSequences = test.Sequences, Poll = options.Poll, PersistentThreadpool = options.PersistentThreadpool,
        }, cancellationToken);
        var random = new Random(options.Seed);
        var ours = new List<double>();
        var reference = new List<double>();

        // The first pair warms up both paths and is not kept.
        for (var r = -1; r < options.Repetitions; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double oursTs, referenceTs;
            if (r % 2 == 0)
            {
                oursTs = await OursAsync(session, test, random, cancellationToken);
                referenceTs = await ReferenceAsync(session, test, random);
            }
            else
            {
                referenceTs = await ReferenceAsync(session, test, random);
                oursTs = await OursAsync(session, test, random, cancellationToken);
            }
            if (r < 0)
                continue;
            ours.Add(oursTs);
            reference.Add(referenceTs);
        }
        return new BindingOverheadResult(test.Name, ours, reference);
    }

    private static async Task<double> OursAsync(LlamaSession session, EngineBenchmarkTest test, Random random, CancellationToken cancellationToken)
    {
        await session.ClearAsync(cancellationToken);
        var vocabulary = session.Model.VocabularySize;
        var sampling = SamplingOptions.None with { Seed = (uint)random.Next() };
        long elapsed;
        if (test.Sequences > 1)
        {
            var prompts = new IReadOnlyList<int>[test.Sequences];
            for (var s = 0; s < prompts.Length; s++)
                prompts[s] = EngineBenchmark.RandomTokens(random, test.PromptTokens, vocabulary);
            var request = new BatchedGenerationRequest { Prompts = prompts, TokenCount = test.GenerateTokens + 1, Sampling = sampling };
            var start = Stopwatch.GetTimestamp();
            await session.GenerateBatchedAsync(request, cancellationToken);
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        else if (test.PromptTokens > 0)
        {
            var prompt = EngineBenchmark.RandomTokens(random, test.PromptTokens, vocabulary);
            var start = Stopwatch.GetTimestamp();
            await session.ProcessPromptAsync(prompt, 0, cancellationToken);
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        else
        {
            var request = new GenerationRequest { TokenCount = test.GenerateTokens, Sampling = sampling };
            var start = Stopwatch.GetTimestamp();
            await session.GenerateAsync(request, cancellationToken);
            elapsed = Stopwatch.GetTimestamp() - start;
        }
        return test.TokensPerRepetition * (double)Stopwatch.Frequency / elapsed;
    }

    private static Task<double> ReferenceAsync(LlamaSession session, EngineBenchmarkTest test, Random random)
    {
        var vocabulary = session.Model.VocabularySize;
        var prompt = test.Sequences == 1 && test.PromptTokens > 0 ? EngineBenchmark.RandomTokens(random, test.PromptTokens, vocabulary) : [];
        var seed = random.Next();
        return session.RunOnDecodeThreadAsync(decoder =>
        {
            var nanoseconds = test.Sequences > 1
                ? ReferenceLoops.Batched(decoder, test.Sequences, test.PromptTokens, test.GenerateTokens, new Random(seed))
                : test.PromptTokens > 0
                    ? ReferenceLoops.Prompt(decoder, prompt)
                    : ReferenceLoops.Generation(decoder, test.GenerateTokens, new Random(seed));
            return test.TokensPerRepetition * TimeUnits.NanosecondsPerSecond / nanoseconds;
        });
    }
}
