using BenchCluster.Engine.Native;

namespace BenchCluster.Engine.Tests.Native;

/// <summary>
/// The *_default_params() functions return our structs by value from the real libraries; every field must read back
/// the default the pinned source sets (llama-model.cpp / llama-context.cpp / ggml.c at de3ff81). A layout that
/// shifted a field by a byte shows up as a wrong value here even when the total size happens to match.
/// </summary>
public sealed class DefaultParamsRoundTripTests
{
    public DefaultParamsRoundTripTests() => LlamaRuntime.EnsureInitialized();

    [Fact]
    public void Model_defaults_read_back_field_by_field()
    {
        var p = LlamaNative.llama_model_default_params();

        Assert.Equal(0, p.devices);
        Assert.Equal(0, p.tensor_buft_overrides);
        Assert.Equal(-1, p.n_gpu_layers);
        Assert.Equal(1, p.split_mode); // LLAMA_SPLIT_MODE_LAYER
        Assert.Equal(LlamaLoadMode.Auto, p.load_mode);
        Assert.Equal(1, p.lazy_mode); // LLAMA_LAZY_MODE_AUTO
        Assert.Equal(0, p.main_gpu);
        Assert.Equal(0, p.tensor_split);
        Assert.Equal(0, p.progress_callback);
        Assert.Equal(0, p.kv_overrides);
        Assert.Equal([0, 0, 1, 0, 0, 0], new[] { p.vocab_only, p.check_tensors, p.use_extra_bufts, p.no_host, p.no_alloc, p.load_mtp });
    }

    [Fact]
    public void Context_defaults_read_back_field_by_field()
    {
        var p = LlamaNative.llama_context_default_params();

        Assert.Equal(512u, p.n_ctx);
        Assert.Equal(2048u, p.n_batch);
        Assert.Equal(512u, p.n_ubatch);
        Assert.Equal(1u, p.n_seq_max);
        Assert.Equal(0u, p.n_rs_seq);
        Assert.Equal(0u, p.n_outputs_max);
        Assert.Equal(1u, p.n_outputs_max_per_seq);
        Assert.Equal(4, p.n_threads); // GGML_DEFAULT_N_THREADS
        Assert.Equal(4, p.n_threads_batch);
        Assert.Equal(0, p.ctx_type);
        Assert.Equal(-1, p.rope_scaling_type);
        Assert.Equal(-1, p.pooling_type);
        Assert.Equal(-1, p.attention_type);
        Assert.Equal(LlamaFlashAttnType.Auto, p.flash_attn_type);
        Assert.Equal(0f, p.rope_freq_base);
        Assert.Equal(0f, p.rope_freq_scale);
        Assert.Equal(-1f, p.yarn_ext_factor);
        Assert.Equal(-1f, p.yarn_attn_factor);
        Assert.Equal(-1f, p.yarn_beta_fast);
        Assert.Equal(-1f, p.yarn_beta_slow);
        Assert.Equal(0u, p.yarn_orig_ctx);
        Assert.Equal(-1f, p.defrag_thold);
        Assert.Equal(0, p.cb_eval);
        Assert.Equal(GgmlType.F16, p.type_k);
        Assert.Equal(GgmlType.F16, p.type_v);
        Assert.Equal(0, p.abort_callback);
        Assert.Equal([0, 1, 1, 1, 1, 0], new[] { p.embeddings, p.offload_kqv, p.no_perf, p.op_offload, p.swa_full, p.kv_unified });
        Assert.Equal(0, p.samplers);
        Assert.Equal(0u, p.n_samplers);
        Assert.Equal(0, p.ctx_other);
    }

    [Fact]
    public unsafe void Threadpool_defaults_read_back_field_by_field()
    {
        const int threads = 3;
        var p = GgmlNative.ggml_threadpool_params_default(threads);

        Assert.Equal(threads, p.n_threads);
        Assert.Equal(0, p.prio);
        Assert.Equal(50u, p.poll);
        Assert.Equal(0, p.strict_cpu);
        Assert.Equal(0, p.paused);
        var maskBytesSet = 0;
        for (var i = 0; i < GgmlThreadpoolParams.MaxThreads; i++)
            maskBytesSet += p.cpumask[i];
        Assert.Equal(0, maskBytesSet);
    }

    [Fact]
    public unsafe void Batch_init_returns_arrays_for_every_field_we_fill()
    {
        var batch = LlamaNative.llama_batch_init(8, 0, 1);
        try
        {
            Assert.Equal(0, batch.n_tokens);
            Assert.True(batch.token != null);
            Assert.True(batch.embd == null); // embd = 0 was asked: tokens, not embeddings
            Assert.True(batch.pos != null);
            Assert.True(batch.n_seq_id != null);
            Assert.True(batch.seq_id != null && batch.seq_id[0] != null);
            Assert.True(batch.logits != null);
        }
        finally
        {
            LlamaNative.llama_batch_free(batch);
        }
    }
}
