using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>
/// The subset of llama.h (pinned: llama.cpp de3ff81, tag v0.5.0) that BenchCluster calls, nothing more.
/// Strings llama.cpp owns come back as pointers (never freed by us); C bools are one byte.
/// Call <see cref="LlamaRuntime.EnsureInitialized"/> before any of these so the libraries are resolved.
/// </summary>
internal static unsafe partial class LlamaNative
{
    static LlamaNative() => LlamaLibraryLoader.RegisterResolver();

    private const string Lib = LlamaLibraryNames.Llama;

    [LibraryImport(Lib)]
    public static partial void llama_backend_init();

    [LibraryImport(Lib)]
    public static partial void llama_log_set(delegate* unmanaged[Cdecl]<GgmlLogLevel, byte*, void*, void> callback, void* userData);

    [LibraryImport(Lib)]
    public static partial nint llama_print_system_info();

    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_supports_gpu_offload();

    [LibraryImport(Lib)]
    public static partial LlamaModelParams llama_model_default_params();

    [LibraryImport(Lib)]
    public static partial LlamaContextParams llama_context_default_params();

    [LibraryImport(Lib)]
    public static partial LlamaSamplerChainParams llama_sampler_chain_default_params();

    // Model

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SafeLlamaModelHandle llama_model_load_from_file(string pathModel, LlamaModelParams parameters);

    [LibraryImport(Lib)]
    public static partial void llama_model_free(nint model);

    [LibraryImport(Lib)]
    public static partial nint llama_model_get_vocab(SafeLlamaModelHandle model);

    [LibraryImport(Lib)]
    public static partial ulong llama_model_n_params(SafeLlamaModelHandle model);

    [LibraryImport(Lib)]
    public static partial ulong llama_model_size(SafeLlamaModelHandle model);

    [LibraryImport(Lib)]
    public static partial int llama_model_desc(SafeLlamaModelHandle model, byte* buffer, nuint bufferSize);

    /// <summary>enum llama_ftype: general.file_type, with bit 1024 set when llama.cpp had to guess it.</summary>
    [LibraryImport(Lib)]
    public static partial int llama_model_ftype(SafeLlamaModelHandle model);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int llama_model_meta_val_str(SafeLlamaModelHandle model, string key, byte* buffer, nuint bufferSize);

    [LibraryImport(Lib)]
    public static partial int llama_model_n_ctx_train(SafeLlamaModelHandle model);

    [LibraryImport(Lib)]
    public static partial int llama_model_n_layer(SafeLlamaModelHandle model);

    [LibraryImport(Lib)]
    public static partial int llama_model_n_embd(SafeLlamaModelHandle model);

    // Vocabulary (a llama_vocab* lives as long as its model)

    [LibraryImport(Lib)]
    public static partial int llama_vocab_n_tokens(nint vocab);

    [LibraryImport(Lib)]
    public static partial int llama_vocab_bos(nint vocab);

    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_get_add_bos(nint vocab);

    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_vocab_is_eog(nint vocab, int token);

    [LibraryImport(Lib)]
    public static partial int llama_tokenize(
        nint vocab, byte* text, int textLength, int* tokens, int maxTokens,
        [MarshalAs(UnmanagedType.U1)] bool addSpecial, [MarshalAs(UnmanagedType.U1)] bool parseSpecial);

    [LibraryImport(Lib)]
    public static partial int llama_detokenize(
        nint vocab, int* tokens, int tokenCount, byte* text, int maxTextLength,
        [MarshalAs(UnmanagedType.U1)] bool removeSpecial, [MarshalAs(UnmanagedType.U1)] bool unparseSpecial);

    // Context

    [LibraryImport(Lib)]
    public static partial SafeLlamaContextHandle llama_init_from_model(SafeLlamaModelHandle model, LlamaContextParams parameters);

    [LibraryImport(Lib)]
    public static partial void llama_free(nint context);

    [LibraryImport(Lib)]
    public static partial uint llama_n_ctx(SafeLlamaContextHandle context);

    [LibraryImport(Lib)]
    public static partial uint llama_n_ctx_seq(SafeLlamaContextHandle context);

    [LibraryImport(Lib)]
    public static partial uint llama_n_batch(SafeLlamaContextHandle context);

    [LibraryImport(Lib)]
    public static partial uint llama_n_ubatch(SafeLlamaContextHandle context);

    [LibraryImport(Lib)]
    public static partial uint llama_n_seq_max(SafeLlamaContextHandle context);

    [LibraryImport(Lib)]
    public static partial void llama_attach_threadpool(SafeLlamaContextHandle context, nint threadpool, nint threadpoolBatch);

    [LibraryImport(Lib)]
    public static partial void llama_detach_threadpool(SafeLlamaContextHandle context);

    // Memory (KV cache)

    [LibraryImport(Lib)]
    public static partial nint llama_get_memory(SafeLlamaContextHandle context);

    [LibraryImport(Lib)]
    public static partial void llama_memory_clear(nint memory, [MarshalAs(UnmanagedType.U1)] bool data);

    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool llama_memory_seq_rm(nint memory, int sequenceId, int p0, int p1);

    [LibraryImport(Lib)]
    public static partial int llama_memory_seq_pos_max(nint memory, int sequenceId);

    [LibraryImport(Lib)]
    public static partial int llama_memory_seq_pos_min(nint memory, int sequenceId);

    // Decoding

    [LibraryImport(Lib)]
    public static partial LlamaBatch llama_batch_init(int tokenCapacity, int embedding, int maxSequencesPerToken);

    [LibraryImport(Lib)]
    public static partial void llama_batch_free(LlamaBatch batch);

    /// <summary>0 = success, 1 = no KV slot, 2 = aborted, -1 = invalid batch, &lt; -1 = fatal.</summary>
    [LibraryImport(Lib)]
    public static partial int llama_decode(SafeLlamaContextHandle context, LlamaBatch batch);

    [LibraryImport(Lib)]
    public static partial void llama_synchronize(SafeLlamaContextHandle context);

    // Sampling

    [LibraryImport(Lib)]
    public static partial SafeLlamaSamplerHandle llama_sampler_chain_init(LlamaSamplerChainParams parameters);

    /// <summary>The chain takes ownership of <paramref name="sampler"/>.</summary>
    [LibraryImport(Lib)]
    public static partial void llama_sampler_chain_add(SafeLlamaSamplerHandle chain, nint sampler);

    [LibraryImport(Lib)]
    public static partial nint llama_sampler_init_greedy();

    [LibraryImport(Lib)]
    public static partial nint llama_sampler_init_dist(uint seed);

    [LibraryImport(Lib)]
    public static partial nint llama_sampler_init_top_k(int k);

    [LibraryImport(Lib)]
    public static partial nint llama_sampler_init_temp(float temperature);

    /// <summary>Applies the chain to the logits of output <paramref name="index"/> of the last decode and accepts the token.</summary>
    [LibraryImport(Lib)]
    public static partial int llama_sampler_sample(SafeLlamaSamplerHandle sampler, SafeLlamaContextHandle context, int index);

    [LibraryImport(Lib)]
    public static partial void llama_sampler_free(nint sampler);
}
