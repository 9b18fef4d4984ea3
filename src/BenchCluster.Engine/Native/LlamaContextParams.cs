using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>
/// Mirrors <c>struct llama_context_params</c> of the pinned llama.h (llama.cpp de3ff81, tag v0.5.0) field by field,
/// in C order. Obtain it by value from <see cref="LlamaNative.llama_context_default_params"/> and change only what we set.
/// C <c>bool</c> is one byte: those fields are <see cref="byte"/> so the struct stays blittable.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaContextParams
{
    public uint n_ctx;
    public uint n_batch;
    public uint n_ubatch;
    public uint n_seq_max;
    public uint n_rs_seq;
    public uint n_outputs_max;
    public uint n_outputs_max_per_seq;
    public int n_threads;
    public int n_threads_batch;

    /// <summary>enum llama_context_type.</summary>
    public int ctx_type;
    /// <summary>enum llama_rope_scaling_type.</summary>
    public int rope_scaling_type;
    /// <summary>enum llama_pooling_type.</summary>
    public int pooling_type;
    /// <summary>enum llama_attention_type.</summary>
    public int attention_type;
    public LlamaFlashAttnType flash_attn_type;

    public float rope_freq_base;
    public float rope_freq_scale;
    public float yarn_ext_factor;
    public float yarn_attn_factor;
    public float yarn_beta_fast;
    public float yarn_beta_slow;
    public uint yarn_orig_ctx;
    public float defrag_thold;

    /// <summary>ggml_backend_sched_eval_callback.</summary>
    public nint cb_eval;
    public nint cb_eval_user_data;

    public GgmlType type_k;
    public GgmlType type_v;

    /// <summary>ggml_abort_callback.</summary>
    public nint abort_callback;
    public nint abort_callback_data;

    public byte embeddings;
    public byte offload_kqv;
    public byte no_perf;
    public byte op_offload;
    public byte swa_full;
    public byte kv_unified;

    /// <summary>struct llama_sampler_seq_config*.</summary>
    public nint samplers;
    public nuint n_samplers;

    /// <summary>struct llama_context*.</summary>
    public nint ctx_other;
}
