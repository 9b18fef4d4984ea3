namespace BenchCluster.Engine.Inference;

/// <summary>
/// One llama.cpp context served by its own decode thread (see <see cref="IInferenceSession"/>). Create it with
/// <see cref="LlamaBackend.CreateSessionAsync"/>. Calls queue in order; cancellation is honoured between tokens and
/// between prompt chunks, leaving what was decoded so far in the sequence.
/// </summary>
public sealed class LlamaSession : IInferenceSession, ITokenScorer
{
    private readonly DecodeThread _thread;
    private readonly SessionDecoder _decoder;
    private readonly Native.SafeLlamaModelHandle _model;
    private int _disposed;

    private LlamaSession(DecodeThread thread, SessionDecoder decoder, Native.SafeLlamaModelHandle model, SessionOptions options, ModelInfo info)
    {
        _thread = thread;
        _decoder = decoder;
        _model = model;
        Options = options;
        Model = info;
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
            return new LlamaSession(thread, decoder, model, options, info);
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

    /// <summary>
    /// Tokenizes as llama-perplexity does (common_tokenize with add_special and no special-token parsing, so text
    /// that looks like a control token stays text).
    /// </summary>
    public Task<int[]> TokenizeTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _thread.RunAsync(() => _decoder.Tokenize(text, addSpecial: true, parseSpecial: false), cancellationToken);
    }

    /// <summary>Entries in each logits row (llama_vocab_n_tokens).</summary>
    public int VocabularySize => _decoder.VocabularySize;

    /// <summary>Whether tokenized text starts with BOS, and the BOS token (-1 when none).</summary>
    public bool AddsBos => _decoder.AddsBos;

    public int Bos => _decoder.Bos;

    /// <summary>Runs on the decode thread; the sink sees each scored row in llama.cpp's own buffer, with no copy.</summary>
    public Task ScoreAsync(IReadOnlyList<int> tokens, int firstScored, ILogitsSink sink, CancellationToken cancellationToken = default) =>
        _thread.RunAsync(() =>
        {
            _decoder.Score(tokens, firstScored, sink, cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Architecture, vocabulary size, tokenizer model and token texts' hash, to compare a model with its reference.</summary>
    public Task<VocabularyIdentity> DescribeVocabularyAsync(CancellationToken cancellationToken = default) =>
        _thread.RunAsync(() => _decoder.DescribeVocabulary(_model, Model.Architecture), cancellationToken);

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
