using System.Runtime.InteropServices;

namespace BenchCluster.Engine.Native;

/// <summary>Mirrors <c>struct llama_opt_params</c> of the pinned llama.h (48 bytes: a uint32, four pointers, an enum).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct LlamaOptParams
{
    /// <summary>0 = the context's n_ctx.</summary>
    public uint n_ctx_train;
    /// <summary>llama_opt_param_filter: bool (*)(const struct ggml_tensor*, void*).</summary>
    public nint param_filter;
    public nint param_filter_ud;
    /// <summary>ggml_opt_get_optimizer_params: struct ggml_opt_optimizer_params (*)(void*).</summary>
    public nint get_opt_pars;
    public nint get_opt_pars_ud;
    /// <summary>enum ggml_opt_optimizer_type: 0 = AdamW, 1 = SGD.</summary>
    public int optimizer_type;
}
