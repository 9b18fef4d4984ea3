using BenchCluster.Engine.Completions;
using BenchCluster.Engine.Completions.InProcess;
using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Tests.Inference;

namespace BenchCluster.Engine.Tests.Completions;

/// <summary>Opens continuous-batching backends over the shared tiny model and reads whole streams.</summary>
internal static class CompletionStreams
{
    /// <summary>Guards against a hung loop: a test fails instead of blocking the run (not a timing assertion).</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    /// <summary>Each slot gets 256 tokens of context (llama.cpp's rounding unit), enough for every test prompt.</summary>
    public const int ContextPerSlot = 256;

    public static Task<ContinuousBatchingBackend> OpenAsync(TinyModelFixture model, int slots, int? maxQueued = null) =>
        ContinuousBatchingBackend.CreateAsync(model.Backend, new ContinuousBatchingOptions
        {
            Slots = slots,
            // One ggml thread: on a busy CI machine a second one spends each step waiting at ggml's barrier.
            Session = TinyModelFixture.SmallSession with { ContextSize = slots * ContextPerSlot, Threads = 1 },
            MaxQueuedRequests = maxQueued,
        });

    public static async Task<List<CompletionChunk>> ReadAllAsync(ICompletionBackend backend, CompletionRequest request, CancellationToken cancellationToken = default)
    {
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(HangGuard);
        var chunks = new List<CompletionChunk>();
        await foreach (var chunk in backend.StreamAsync(request, guard.Token))
            chunks.Add(chunk);
        return chunks;
    }

    public static CompletionRequest Tokens(IReadOnlyList<int> prompt, int maxTokens, SamplingOptions? sampling = null) => new()
    {
        PromptTokens = prompt, MaxTokens = maxTokens, IgnoreEos = true, Sampling = sampling ?? SamplingOptions.None,
    };

    public static string Text(IEnumerable<CompletionChunk> chunks) => string.Concat(chunks.Select(c => c.Text));
}
