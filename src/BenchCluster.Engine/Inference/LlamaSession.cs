namespace BenchCluster.Engine.Inference;

/// <summary>
/// One llama.cpp context served by its own decode thread (see <see cref="IInferenceSession"/>). Create it with
/// <see cref="LlamaBackend.CreateSessionAsync"/>. Calls queue in order; cancellation is honoured between tokens and
/// between prompt chunks, leaving what was decoded so far in the sequence.
/// </summary>
public sealed class LlamaSession : IInferenceSession
{
    private readonly DecodeThread _thread;
    private readonly SessionDecoder _decoder;
    private int _disposed;

    private LlamaSession(DecodeThread thread, SessionDecoder decoder, SessionOptions options, ModelInfo model)
    {
        _thread = thread;
        _decoder = decoder;
        Options = options;
        Model = model;
    }

    public SessionOptions Options { get; }

    public ModelInfo Model { get; }

    /// <summary>Tokens each sequence can hold: ContextSize / MaxSequences as llama.cpp rounded it.</summary>
    public int ContextPerSequence => _decoder.ContextPerSequence;

    internal static async Task<LlamaSession> CreateAsync(
        Native.SafeLlamaModelHandle model, ModelInfo info, SessionOptions options, CancellationToken cancellationToken)
    {
        SessionOptionsValidation.Check(options);
        var thread = new DecodeThread($"llama-decode {Path.GetFileName(info.Path)}");
        try
        {
            var decoder = await thread.RunAsync(() => SessionDecoder.Create(model, options), cancellationToken).ConfigureAwait(false);
            return new LlamaSession(thread, decoder, options, info);
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    public Task<int[]> TokenizeAsync(string text, bool addSpecial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _thread.RunAsync(() => _decoder.Tokenize(text, addSpecial), cancellationToken);
    }

    public Task<string> DetokenizeAsync(IReadOnlyList<int> tokens, CancellationToken cancellationToken = default) =>
        _thread.RunAsync(() => _decoder.Detokenize(tokens), cancellationToken);

    public Task<PromptTrace> ProcessPromptAsync(IReadOnlyList<int> tokens, int sequenceId = 0, CancellationToken cancellationToken = default) =>
        _thread.RunAsync(() => _decoder.ProcessPrompt(tokens, sequenceId, cancellationToken), cancellationToken);

    public Task<GenerationTrace> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default) =>
        _thread.RunAsync(() => _decoder.Generate(request, cancellationToken), cancellationToken);

    public Task<BatchedGenerationTrace> GenerateBatchedAsync(BatchedGenerationRequest request, CancellationToken cancellationToken = default) =>
        _thread.RunAsync(() => _decoder.GenerateBatched(request, cancellationToken), cancellationToken);

    public Task ClearAsync(CancellationToken cancellationToken = default) =>
        _thread.RunAsync(() =>
        {
            _decoder.Clear();
            return true;
        }, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on the decode thread with direct access to the decoder (tests and diagnostics).</summary>
    internal Task<T> RunOnDecodeThreadAsync<T>(Func<SessionDecoder, T> work) =>
        _thread.RunAsync(() => work(_decoder), CancellationToken.None);

    /// <summary>Frees the context on its decode thread after queued work, then ends the thread.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _thread.RunAsync(() =>
        {
            _decoder.Dispose();
            return true;
        }, CancellationToken.None).ConfigureAwait(false);
        _thread.Dispose();
    }
}
