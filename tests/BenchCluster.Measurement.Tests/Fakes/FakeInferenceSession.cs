using BenchCluster.Engine.Inference;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Measurement.Tests.Fakes;

/// <summary>
/// An IInferenceSession with a scripted speed: a prompt takes <see cref="PromptNsPerToken"/> per token and each
/// generated token <see cref="TokenNs"/>. It records what it was asked to do and returns traces without waiting.
/// </summary>
public sealed class FakeInferenceSession : IInferenceSession
{
    public const int Bos = 1;

    public long PromptNsPerToken { get; init; } = 1_000_000;
    public long TokenNs { get; init; } = 10_000_000;
    public bool AddsBos { get; init; } = true;
    /// <summary>Generation stops after this many tokens (an EOS the engine did not ignore); null = never.</summary>
    public int? StopAfter { get; init; }
    /// <summary>The n-th call (0-based) of GenerateAsync / ProcessPromptAsync throws this.</summary>
    public (int Call, Exception Error)? FailAt { get; init; }

    public SessionOptions Options { get; init; } = new();

    public ModelInfo Model { get; init; } = new()
    {
        Path = "/models/fake.gguf",
        Architecture = "qwen2",
        Description = "fake",
        ParameterCount = 1000,
        FileSizeBytes = 4096,
        QuantizationType = "Q8_0",
        ContextLength = 4096,
        VocabularySize = 500,
        LayerCount = 2,
        EmbeddingLength = 64,
        Sha256 = new string('a', 64),
        IsSynthetic = true,
        SyntheticPreset = "tiny",
    };

    public int Clears { get; private set; }
    public List<int> PromptLengths { get; } = [];
    public List<IReadOnlyList<int>> Prompts { get; } = [];
    public List<GenerationRequest> Generations { get; } = [];
    public List<BatchedGenerationRequest> Batches { get; } = [];
    private int _calls;

    public Task<int[]> TokenizeAsync(string text, bool addSpecial, CancellationToken cancellationToken = default)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => 2 + (Math.Abs(w.GetHashCode(StringComparison.Ordinal)) % 400));
        return Task.FromResult((addSpecial && AddsBos ? new[] { Bos } : []).Concat(words).ToArray());
    }

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        Task.FromResult(string.Join(' ', tokens));

    public Task<PromptTrace> ProcessPromptAsync(IReadOnlyList<int> tokens, int sequenceId = 0, CancellationToken cancellationToken = default)
    {
        Fail();
        PromptLengths.Add(tokens.Count);
        Prompts.Add(tokens);
        var start = MonotonicClock.NowNs();
        return Task.FromResult(new PromptTrace(tokens.Count, start, start + (tokens.Count * PromptNsPerToken)));
    }

    public Task<GenerationTrace> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default)
    {
        Fail();
        Generations.Add(request);
        return Task.FromResult(Trace(MonotonicClock.NowNs(), request.PromptTokens.Count, request.TokenCount));
    }

    public Task<BatchedGenerationTrace> GenerateBatchedAsync(BatchedGenerationRequest request, CancellationToken cancellationToken = default)
    {
        Batches.Add(request);
        var start = MonotonicClock.NowNs();
        var promptTokens = request.Prompts.Sum(p => p.Count);
        var promptEnd = start + (promptTokens * PromptNsPerToken);
        var sequences = request.Prompts.Select(_ => new GenerationTrace
        {
            StartNs = start,
            Tokens = Enumerable.Range(0, request.TokenCount).ToList(),
            // Token 0 comes from the prompt's logits; every step after decodes all sequences at once.
            TokenNs = Enumerable.Range(0, request.TokenCount).Select(i => promptEnd + (i * TokenNs)).ToList(),
        }).ToList();
        return Task.FromResult(new BatchedGenerationTrace { StartNs = start, PromptEndNs = promptEnd, PromptTokenCount = promptTokens, Sequences = sequences });
    }

    public Task ClearAsync(CancellationToken cancellationToken = default)
    {
        Clears++;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private GenerationTrace Trace(long start, int promptTokens, int count)
    {
        var produced = StopAfter is { } stop ? Math.Min(stop, count) : count;
        var promptEnd = start + (promptTokens * PromptNsPerToken);
        return new GenerationTrace
        {
            StartNs = start,
            Prompt = promptTokens > 0 ? new PromptTrace(promptTokens, start, promptEnd) : null,
            Tokens = Enumerable.Range(0, produced).ToList(),
            TokenNs = Enumerable.Range(1, produced).Select(i => promptEnd + (i * TokenNs)).ToList(),
            StoppedAtEndOfGeneration = produced < count,
        };
    }

    private void Fail()
    {
        var call = _calls++;
        if (FailAt is { } fail && fail.Call == call)
            throw fail.Error;
    }
}
