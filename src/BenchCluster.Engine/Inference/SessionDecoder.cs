using BenchCluster.Engine.Native;
using BenchCluster.Engine.Timing;

namespace BenchCluster.Engine.Inference;

/// <summary>
/// The native side of a session: one llama_context, its threadpool, one reusable batch and each sequence's position.
/// Not thread-safe: <see cref="LlamaSession"/> calls it from its decode thread only. Hot loops allocate nothing per
/// token: the batch is refilled in place and traces are pre-sized arrays.
/// </summary>
internal sealed partial class SessionDecoder : IDisposable
{
    private readonly SafeGgmlThreadpoolHandle? _threadpool;
    private readonly SafeGgmlThreadpoolHandle? _batchThreadpool;
    private readonly NativeBatch _batch;
    private readonly nint _memory;
    private readonly int[] _positions;
    private readonly int[] _pendingTokens;

    private SessionDecoder(SafeLlamaContextHandle context, SafeLlamaModelHandle model,
        SafeGgmlThreadpoolHandle? threadpool, SafeGgmlThreadpoolHandle? batchThreadpool)
    {
        Context = context;
        _threadpool = threadpool;
        _batchThreadpool = batchThreadpool;
        Vocabulary = LlamaNative.llama_model_get_vocab(model);
        VocabularySize = LlamaNative.llama_vocab_n_tokens(Vocabulary);
        var bos = LlamaNative.llama_vocab_bos(Vocabulary);
        StartToken = bos >= 0 ? bos : 0;
        BatchSize = (int)LlamaNative.llama_n_batch(context);
        MaxSequences = (int)LlamaNative.llama_n_seq_max(context);
        ContextPerSequence = (int)LlamaNative.llama_n_ctx_seq(context);
        _memory = LlamaNative.llama_get_memory(context);
        _batch = new NativeBatch(Math.Max(BatchSize, MaxSequences));
        _positions = new int[MaxSequences];
        _pendingTokens = new int[MaxSequences];
        Array.Fill(_pendingTokens, NoToken);
    }

    private const int NoToken = -1;

    public SafeLlamaContextHandle Context { get; }
    public nint Vocabulary { get; }
    public int VocabularySize { get; }
    /// <summary>What generation starts from in an empty sequence: BOS, or token 0 for vocabularies without one.</summary>
    public int StartToken { get; }
    public int BatchSize { get; }
    public int MaxSequences { get; }
    /// <summary>KV cells available to each sequence (n_ctx / n_seq_max unless the cache is unified).</summary>
    public int ContextPerSequence { get; }
    /// <summary>The reusable batch, for the reference loops of the overhead benchmark.</summary>
    internal NativeBatch Batch => _batch;

    public static SessionDecoder Create(SafeLlamaModelHandle model, SessionOptions options)
    {
        var parameters = LlamaNative.llama_context_default_params();
        parameters.n_ctx = (uint)options.ContextSize;
        parameters.n_batch = (uint)options.BatchSize;
        parameters.n_ubatch = (uint)options.MicroBatchSize;
        parameters.n_seq_max = (uint)options.MaxSequences;
        if (options.MaxOutputs is { } outputs)
            parameters.n_outputs_max = (uint)outputs;
        parameters.n_threads = options.Threads;
        parameters.n_threads_batch = options.BatchThreads ?? options.Threads;
        parameters.flash_attn_type = ToNative(options.FlashAttention);
        parameters.type_k = parameters.type_v = ToGgmlType(options.KvCacheType);
        parameters.swa_full = 0; // as llama-bench and llama-batched-bench run

        SafeLlamaContextHandle context;
        using (var capture = LlamaLogCapture.Begin())
        {
            context = LlamaNative.llama_init_from_model(model, parameters);
            if (context.IsInvalid)
            {
                context.Dispose();
                throw new InferenceException(
                    $"llama.cpp could not create a context with {Describe(options)}: {capture.Describe("no reason given")}. " +
                    "Lower ContextSize/BatchSize to fit memory, or enable flash attention for a quantized V cache.",
                    InferenceErrorKind.InvalidArgument);
            }
        }
        context.KeepAlive(model);

        SafeGgmlThreadpoolHandle? threadpool = null;
        SafeGgmlThreadpoolHandle? batchThreadpool = null;
        try
        {
            if (options.PersistentThreadpool)
            {
                threadpool = SafeGgmlThreadpoolHandle.Create(options.Threads, options.Poll);
                if (options.BatchThreads is { } batchThreads && batchThreads != options.Threads)
                    batchThreadpool = SafeGgmlThreadpoolHandle.Create(batchThreads, options.Poll);
                LlamaNative.llama_attach_threadpool(context, threadpool.DangerousGetHandle(), batchThreadpool?.DangerousGetHandle() ?? 0);
            }
            return new SessionDecoder(context, model, threadpool, batchThreadpool);
        }
        catch
        {
            context.Dispose();
            threadpool?.Dispose();
            batchThreadpool?.Dispose();
            throw;
        }
    }

    private static string Describe(SessionOptions o) =>
        $"ContextSize {o.ContextSize}, BatchSize {o.BatchSize}, MicroBatchSize {o.MicroBatchSize}, MaxSequences {o.MaxSequences}, " +
        $"KvCacheType {o.KvCacheType}, FlashAttention {o.FlashAttention}";

    internal static LlamaFlashAttnType ToNative(FlashAttentionMode mode) => mode switch
    {
        FlashAttentionMode.Enabled => LlamaFlashAttnType.Enabled,
        FlashAttentionMode.Disabled => LlamaFlashAttnType.Disabled,
        _ => LlamaFlashAttnType.Auto,
    };

    private static GgmlType ToGgmlType(KvCacheType type) => type switch
    {
        KvCacheType.F32 => GgmlType.F32,
        KvCacheType.BF16 => GgmlType.BF16,
        KvCacheType.Q8_0 => GgmlType.Q8_0,
        KvCacheType.Q4_0 => GgmlType.Q4_0,
        KvCacheType.Q4_1 => GgmlType.Q4_1,
        KvCacheType.Q5_0 => GgmlType.Q5_0,
        KvCacheType.Q5_1 => GgmlType.Q5_1,
        _ => GgmlType.F16,
    };

    /// <summary>Empties every sequence (llama-bench clears the memory like this between repetitions).</summary>
    public void Clear()
    {
        LlamaNative.llama_memory_clear(_memory, false);
        Array.Clear(_positions);
        Array.Fill(_pendingTokens, NoToken);
    }

    /// <summary>llama_decode calls so far: the tests prove with it that n_g tokens cost the decodes llama-bench spends.</summary>
    internal long DecodeCount { get; private set; }

    /// <summary>Runs the batch as filled, waits for it, and keeps positions true if llama.cpp rejected it.</summary>
    private void Decode()
    {
        DecodeCount++;
        var result = LlamaNative.llama_decode(Context, _batch.Value);
        if (result == 0)
        {
            LlamaNative.llama_synchronize(Context);
            return;
        }

        for (var s = 0; s < MaxSequences; s++)
            _positions[s] = LlamaNative.llama_memory_seq_pos_max(_memory, s) + 1;
        throw result == 1
            ? new InferenceException(
                $"The context has no free KV cells for a batch of {_batch.Count} tokens: raise ContextSize or clear the session.",
                InferenceErrorKind.ContextFull)
            : new InferenceException($"llama_decode failed with code {result} for a batch of {_batch.Count} tokens.",
                InferenceErrorKind.NativeFailure);
    }

    public void Dispose()
    {
        if (_threadpool is not null)
            LlamaNative.llama_detach_threadpool(Context);
        Context.Dispose();
        _batch.Dispose();
        _threadpool?.Dispose();
        _batchThreadpool?.Dispose();
    }

    private static long Now() => MonotonicClock.NowNs();
}
