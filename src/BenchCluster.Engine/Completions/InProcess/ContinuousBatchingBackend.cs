using System.Runtime.CompilerServices;
using BenchCluster.Engine.Inference;

namespace BenchCluster.Engine.Completions.InProcess;

/// <summary>
/// Serves requests from one model loaded in this process the way llama-server does: one llama.cpp context of
/// <see cref="Slots"/> sequences, a request queue, and a dedicated decode thread that batches every live request into
/// each llama_decode (continuous batching). Arrival-rate and concurrency results therefore mean the same as against a
/// server. Every chunk is one token, stamped on the decode thread right after it was chosen and turned into text on the
/// reader's thread. The <see cref="LlamaBackend"/> stays owned by the caller and must outlive this backend.
/// </summary>
public sealed class ContinuousBatchingBackend : ICompletionBackend
{
    private readonly LlamaSession _session;
    private readonly SessionDecoder _decoder;
    private readonly BatchingLoop _loop;
    private readonly TokenPieces _pieces;
    private readonly ThinkMarkers _think;
    private readonly Task _running;
    private int _disposed;

    private ContinuousBatchingBackend(
        ModelInfo model, LlamaSession session, SessionDecoder decoder, BatchingLoop loop, Task running, ContinuousBatchingOptions options)
    {
        Model = model;
        _session = session;
        _decoder = decoder;
        _loop = loop;
        _pieces = new TokenPieces(decoder.Vocabulary, decoder.VocabularySize);
        _think = ThinkMarkers.Find(text => decoder.Tokenize(text, addSpecial: false));
        _running = running;
        Options = options;
        Info = new CompletionBackendInfo
        {
            Kind = "llama.cpp-inprocess",
            Model = options.ModelName ?? Path.GetFileNameWithoutExtension(model.Path),
            Location = model.Path,
            MaxConcurrency = loop.Slots,
        };
    }

    public CompletionBackendInfo Info { get; }

    public ContinuousBatchingOptions Options { get; }

    public ModelInfo Model { get; }

    /// <summary>The context's settings as used (MaxSequences = slots).</summary>
    public SessionOptions Session => _session.Options;

    /// <summary>Requests decoded together; more wait in the queue.</summary>
    public int Slots => _loop.Slots;

    /// <summary>Tokens one request may hold (prompt + generated): n_ctx / slots as llama.cpp rounded it.</summary>
    public int ContextPerSlot => _decoder.ContextPerSequence;

    /// <summary>Requests in a slot or waiting for one.</summary>
    public int RequestsInFlight => _loop.InFlight;

    /// <summary>llama_decode steps run so far.</summary>
    internal long DecodeSteps => _loop.Steps;

    /// <summary>Prompt tokens decoded so far (tests: prompt caching decodes fewer).</summary>
    internal long PromptTokensDecoded => _loop.PromptTokensDecoded;

    /// <summary>Bytes the decode thread had allocated when it last went idle.</summary>
    internal long DecodeThreadAllocatedBytesAtIdle => _loop.AllocatedBytesAtIdle;

    /// <summary>
    /// Opens the context (n_seq_max = <see cref="ContinuousBatchingOptions.Slots"/>) and starts the decode loop.
    /// Throws <see cref="InferenceException"/> for options llama.cpp cannot serve, naming the setting.
    /// </summary>
    public static async Task<ContinuousBatchingBackend> CreateAsync(
        LlamaBackend model, ContinuousBatchingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Slots < 1)
            throw new InferenceException($"ContinuousBatchingOptions.Slots is {options.Slots}: serve at least 1 request at a time.", InferenceErrorKind.InvalidArgument);
        if (options.ReasoningBudgetTokens is < 0)
            throw new InferenceException($"ContinuousBatchingOptions.ReasoningBudgetTokens is {options.ReasoningBudgetTokens}: use 0 (close the think span at once) or more, or null for no cap.", InferenceErrorKind.InvalidArgument);
        if (options.MaxQueuedRequests is < 0)
            throw new InferenceException($"ContinuousBatchingOptions.MaxQueuedRequests is {options.MaxQueuedRequests}: use 0 (no queue) or more, or null for no limit.", InferenceErrorKind.InvalidArgument);

        // A step asks logits of at most one token per slot: llama-server's output limit, and llama.cpp reserves output
        // buffers for that many rows instead of n_batch (151,936 floats a row for Qwen2.5).
        var session = (LlamaSession)await model.CreateSessionAsync(
            options.Session with { MaxSequences = options.Slots, MaxOutputs = options.Slots }, cancellationToken).ConfigureAwait(false);
        try
        {
            var (decoder, loop) = await session.RunOnDecodeThreadAsync(
                d => (d, new BatchingLoop(d, options.MaxQueuedRequests, options.CachePrompts, ReasoningBudgetFor(d, options)))).ConfigureAwait(false);
            // The loop occupies the session's decode thread until disposal: nothing else is ever queued on this session.
            var running = session.RunOnDecodeThreadAsync(_ =>
            {
                loop.Run();
                return true;
            });
            return new ContinuousBatchingBackend(model.Model, session, decoder, loop, running, options);
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static ReasoningBudget? ReasoningBudgetFor(SessionDecoder decoder, ContinuousBatchingOptions options)
    {
        if (options.ReasoningBudgetTokens is not { } tokens)
            return null;
        var markers = ThinkMarkers.Find(text => decoder.Tokenize(text, addSpecial: false));
        if (!markers.ByToken)
        {
            throw new InferenceException(
                $"A reasoning budget ({tokens} tokens) needs a model whose vocabulary has {ThinkMarkers.Open} and {ThinkMarkers.Close} as single tokens "
                + "(the DeepSeek-R1 distills, Qwen3); this one spells them with several. Leave the budget out for this model.",
                InferenceErrorKind.InvalidArgument);
        }
        return new ReasoningBudget(markers, tokens);
    }

    /// <summary>
    /// Tokenizes with the model's vocabulary, on the calling thread: the vocabulary is immutable once loaded and
    /// llama.cpp's tokenizer keeps its state per call (llama-server tokenizes on its HTTP threads too).
    /// </summary>
    public int[] Tokenize(string text, bool addSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _decoder.Tokenize(text, addSpecial);
    }

    /// <summary>
    /// Streams one token per chunk; the last chunk is final and carries prompt and completion token counts and the
    /// finish reason ("length" at max_tokens or at the slot's end, "stop" at an end-of-generation token unless
    /// IgnoreEos), and the prompt tokens reused from a slot's cache (CachedPromptTokens). PromptTokens are used as given; else Prompt is tokenized with the model's special tokens (BOS where
    /// the model wants one). Chat requests are not templated here: their prompt text is used as it is.
    /// </summary>
    public async IAsyncEnumerable<CompletionChunk> StreamAsync(
        CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = Accept(request);
        var finished = false;
        using var registration = cancellationToken.Register(static state => ((PendingRequest)state!).Cancel(), pending);
        try
        {
            var tokens = pending.Tokens;
            var chunks = new ChunkAssembler(_pieces, pending, new ThinkSpan(_think, _think.OpensInPrompt(pending.Prompt)));
            while (await tokens.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (tokens.TryRead(out var token))
                {
                    cancellationToken.ThrowIfCancellationRequested(); // no chunk after cancellation, even one already produced
                    finished = token.IsFinal;
                    yield return chunks.Next(token);
                    if (finished)
                        yield break;
                }
            }
            throw pending.Failure ?? new CompletionException("The in-process request ended without a final chunk.", CompletionFailureKind.EngineError);
        }
        finally
        {
            // A reader that stops early (cancelled, or simply done reading) gives its slot back.
            if (!finished)
                pending.Cancel();
        }
    }

    private PendingRequest Accept(CompletionRequest request)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (request.MaxTokens < 1)
            throw Invalid($"max_tokens must be at least 1 (got {request.MaxTokens}).");
        try
        {
            SessionOptionsValidation.Check(request.Sampling);
        }
        catch (InferenceException e)
        {
            throw Invalid(e.Message);
        }

        var prompt = request.PromptTokens is { } tokens ? [.. tokens]
            : request.Prompt is { } text ? _decoder.Tokenize(text, addSpecial: true)
            : throw Invalid("The request has neither a prompt text nor prompt tokens.");
        if (prompt.Length == 0)
            prompt = [_decoder.StartToken]; // an empty prompt generates from the start of a text, as llama-bench's tg does
        CheckTokens(prompt);
        if (prompt.Length > ContextPerSlot)
        {
            // The client's mistake, not the engine's: a 400 that OpenAI clients do not retry (a 5xx they would send again).
            throw Invalid(
                $"The prompt has {prompt.Length} tokens but a slot holds {ContextPerSlot} (context of {ContextPerSlot * Slots} tokens " +
                $"shared by {Slots} slots). Shorten the prompt, or give each slot more context: raise the context size " +
                "(serve --ctx, SessionOptions.ContextSize) or lower the slot count.");
        }

        var pending = new PendingRequest(prompt, request.MaxTokens, request.IgnoreEos, request.Sampling, _loop.NotifyCancelled) { CacheKey = request.CacheKey };
        return _loop.TryEnqueue(pending) switch
        {
            BatchingLoop.Admission.Accepted => pending,
            BatchingLoop.Admission.QueueFull => throw new CompletionException(
                $"All {Slots} slots are busy and {Options.MaxQueuedRequests} requests already wait (the queue limit): retry later, or raise the limit or the slot count.",
                CompletionFailureKind.ServerError, StatusCodeServiceUnavailable),
            _ => throw Closed(),
        };
    }

    private Exception Closed() => _loop.Fault is { } fault
        ? new CompletionException($"The in-process decode loop has stopped after an error: {fault.Message}. Restart the backend.", CompletionFailureKind.EngineError, inner: fault)
        : new ObjectDisposedException(nameof(ContinuousBatchingBackend));

    /// <summary>HTTP 503: a full queue is the server's temporary state, as llama-server and vLLM answer it.</summary>
    private const int StatusCodeServiceUnavailable = 503;

    private void CheckTokens(int[] prompt)
    {
        for (var i = 0; i < prompt.Length; i++)
        {
            if ((uint)prompt[i] >= (uint)_decoder.VocabularySize)
                throw Invalid($"Prompt token {i} is {prompt[i]}, outside the model's vocabulary of {_decoder.VocabularySize} tokens: tokenize with this model.");
        }
    }

    private static CompletionException Invalid(string message) => new(message, CompletionFailureKind.ClientError, 400);

    /// <summary>Fails requests still running, stops the decode loop and frees the context (the model stays loaded).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _loop.RequestStop();
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (Exception) when (_loop.Fault is not null)
        {
            // Already reported to every request and to later callers; disposal goes on.
        }
        _loop.Dispose();
        await _session.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"llama.cpp-inprocess {Info.Model} ({Slots} slots of {ContextPerSlot} tokens)";
}
