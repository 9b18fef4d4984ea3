using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Inference;

/// <summary>Rejects session, sampling and request settings llama.cpp would misreport or crash on, naming the setting and the fix.</summary>
internal static class SessionOptionsValidation
{
    public const int MaxPoll = 100;

    public static void Check(SessionOptions options)
    {
        Positive(options.ContextSize, "SessionOptions.ContextSize", "a context of at least the prompt plus the tokens to generate");
        Positive(options.BatchSize, "SessionOptions.BatchSize", "llama-bench's default 2048");
        Positive(options.MicroBatchSize, "SessionOptions.MicroBatchSize", "llama-bench's default 512");
        Positive(options.MaxSequences, "SessionOptions.MaxSequences", "1 for a single sequence");
        Threads(options.Threads, "SessionOptions.Threads");
        if (options.BatchThreads is { } batchThreads)
            Threads(batchThreads, "SessionOptions.BatchThreads");
        if (options.Poll is < 0 or > MaxPoll)
            throw Invalid($"SessionOptions.Poll is {options.Poll}: use 0 (no polling) to {MaxPoll} (aggressive polling); llama-bench uses 50.");
        if (options.MaxOutputs is { } outputs && (outputs < options.MaxSequences || outputs > options.BatchSize))
            throw Invalid($"SessionOptions.MaxOutputs is {outputs}: use MaxSequences ({options.MaxSequences}) to BatchSize ({options.BatchSize}), or null for BatchSize.");
        if (options.MaxSequences > options.BatchSize)
            throw Invalid($"SessionOptions.MaxSequences ({options.MaxSequences}) exceeds BatchSize ({options.BatchSize}): one decode step carries a token of every sequence, so raise BatchSize.");
        if (options.MaxSequences > options.ContextSize)
            throw Invalid($"SessionOptions.MaxSequences ({options.MaxSequences}) exceeds ContextSize ({options.ContextSize}): every sequence needs context cells, so raise ContextSize.");
    }

    public static void Check(SamplingOptions sampling)
    {
        if (sampling.Mode != SamplingMode.Temperature)
            return;
        if (!(sampling.Temperature > 0) || float.IsInfinity(sampling.Temperature))
            throw Invalid($"SamplingOptions.Temperature is {sampling.Temperature}: use a positive finite temperature, or SamplingMode.Greedy for argmax.");
        if (sampling.TopK < 1)
            throw Invalid($"SamplingOptions.TopK is {sampling.TopK}: use at least 1 (40 is common).");
    }

    public static void TokenCount(int tokenCount, string name)
    {
        if (tokenCount <= 0)
            throw Invalid($"{name} is {tokenCount}: ask for at least one token to generate.");
    }

    private static void Threads(int threads, string name)
    {
        if (threads <= 0)
            throw Invalid($"{name} is {threads}: use a positive thread count (this machine has {Environment.ProcessorCount} logical cores).");
        if (threads > GgmlThreadpoolParams.MaxThreads)
            throw Invalid($"{name} is {threads}: ggml supports at most {GgmlThreadpoolParams.MaxThreads} threads.");
    }

    private static void Positive(int value, string name, string suggestion)
    {
        if (value <= 0)
            throw Invalid($"{name} is {value}: use a positive value ({suggestion}).");
    }

    private static InferenceException Invalid(string message) => new(message, InferenceErrorKind.InvalidArgument);
}
